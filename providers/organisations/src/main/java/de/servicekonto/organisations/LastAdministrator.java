package de.servicekonto.organisations;

import de.servicekonto.organisations.spi.OrganisationsProvider;
import de.servicekonto.spi.SelfDeletionVeto;
import de.servicekonto.spi.SelfDeletionVetoFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * For the citizen's own account deletion: the organisations whose last administrator the person is while others are
 * members. Deleting the account would leave those members without anyone who can manage the organisation, so the
 * person appoints another administrator (or the others leave) first. The eID module's self-deletion asks this through
 * the SPI {@code sk-self-deletion-veto} (provider {@value #ID}), never this class.
 */
public final class LastAdministrator implements SelfDeletionVetoFactory {

    public static final String ID = "sk-last-organisation-administrator";

    @Override
    public SelfDeletionVeto create(KeycloakSession session) {
        return (realm, user) -> organisationsBlockingDeletion(session, realm, user);
    }

    /** Names of the organisations that stop {@code user} from deleting their account; empty if none. */
    static List<String> organisationsBlockingDeletion(KeycloakSession session, RealmModel realm, UserModel user) {
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

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
