package de.servicekonto.organisations;

import de.servicekonto.organisations.spi.OrganisationsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * For the citizen's own account deletion: the organisations whose last administrator the person is while others are
 * members. Deleting the account would leave those members without anyone who can manage the organisation, so the
 * person appoints another administrator (or the others leave) first.
 */
public final class LastAdministrator {

    private LastAdministrator() {
    }

    /** Names of the organisations that stop {@code user} from deleting their account; empty if none. */
    public static List<String> organisationsBlockingDeletion(KeycloakSession session, RealmModel realm, UserModel user) {
        OrganisationsProvider store = session.getProvider(OrganisationsProvider.class);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (store == null || organizations == null || !realm.isOrganizationsEnabled()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String orgId : store.organisationsAdministeredBy(user.getId())) {
            if (store.account(realm, orgId).isEmpty() || store.adminCount(orgId) > 1) {
                continue;
            }
            OrganizationModel org = organizations.getById(orgId);
            if (org != null && organizations.getMembersStream(org, Map.of(), null, 0, 2)
                    .anyMatch(member -> !member.getId().equals(user.getId()))) {
                names.add(org.getName());
            }
        }
        return names;
    }
}
