package de.servicekonto.organisations.login;

import de.servicekonto.organisations.ActingFor;
import de.servicekonto.organisations.MemberRole;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.organisations.spi.OrganisationsProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * The organisations a person may act for now: member of an enabled Keycloak organization that is one of ours and
 * may act (organisations always, authorities only while active). Asked at the page and again for every token.
 */
final class ActingOptions {

    /** Notes on the client session that carry the choice into tokens and assertions. */
    static final String NOTE_ID = "sk.organisation.id";
    static final int MAX = 50;

    private ActingOptions() {
    }

    static List<ActingFor.Option> of(KeycloakSession session, RealmModel realm, UserModel user) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !realm.isOrganizationsEnabled() || user.getServiceAccountClientLink() != null) {
            return List.of();
        }
        OrganisationsProvider store = session.getProvider(OrganisationsProvider.class);
        return organizations.getByMember(user).filter(OrganizationModel::isEnabled)
                .map(org -> option(store, realm, org, user)).flatMap(Optional::stream)
                .sorted(Comparator.comparing(ActingFor.Option::name)).limit(MAX).toList();
    }

    /** The option for {@code orgId} if the person may still act for it. */
    static Optional<ActingFor.Option> current(KeycloakSession session, RealmModel realm, UserModel user, String orgId) {
        if (orgId == null || orgId.isEmpty()) {
            return Optional.empty();
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel org = organizations == null || !realm.isOrganizationsEnabled() ? null : organizations.getById(orgId);
        if (org == null || !org.isEnabled() || !organizations.isMember(org, user)) {
            return Optional.empty();
        }
        return option(session.getProvider(OrganisationsProvider.class), realm, org, user);
    }

    private static Optional<ActingFor.Option> option(OrganisationsProvider store, RealmModel realm, OrganizationModel org, UserModel user) {
        return store.account(realm, org.getId()).filter(OrganisationAccount::mayAct)
                .map(account -> new ActingFor.Option(org.getId(), org.getName(), account.kind(),
                        store.isAdmin(org.getId(), user.getId()) ? MemberRole.ADMIN : MemberRole.USER));
    }
}
