package de.servicekonto.organisations.jpa;

import de.servicekonto.organisations.spi.OrganisationsProvider;
import java.util.List;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * The organisations module's answer to changes elsewhere, each in the changing transaction (so our tables never
 * disagree with Keycloak's): a removed user, organization, client or realm takes its rows along; a member joining or
 * leaving is recorded (leaving may hand the administration on, {@link Succession}); a new realm may lose Keycloak's
 * membership claim. Registered by {@link JpaOrganisationsProviderFactory}, the store that owns these rows.
 */
final class OrganisationsLifecycle implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        // Before removal: every path publishes this event, also a direct session.users().removeUser, while
        // UserRemovedEvent comes only from UserManager.removeUser.
        if (event instanceof UserModel.UserPreRemovedEvent removed) {
            userRemoved(removed.getKeycloakSession(), removed.getRealm(), removed.getUser());
        } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            provider(removed.getKeycloakSession()).removeOrganisation(removed.getOrganization().getId());
        } else if (event instanceof OrganizationModel.OrganizationMemberJoinEvent joined) {
            provider(joined.getSession()).recordEvent(joined.getOrganization().getId(),
                    OrganisationsProvider.EVENT_MEMBER_JOINED, joined.getUser().getId(), null);
        } else if (event instanceof OrganizationModel.OrganizationMemberLeaveEvent left) {
            provider(left.getSession()).memberLeft(left.getOrganization().getId(), left.getUser().getId());
            Succession.afterLeaving(left.getSession(), left.getSession().getContext().getRealm(),
                    left.getOrganization().getId(), left.getUser().getId());
        } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
            OrganisationsProvider store = provider(removed.getKeycloakSession());
            store.removeClient(removed.getClient().getId());
            store.removeFavouritesOf(removed.getClient().getRealm(), removed.getClient().getClientId());
        } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
            withoutKeycloakMembershipClaim(created.getCreatedRealm());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            provider(removed.getKeycloakSession()).removeRealm(removed.getRealm());
        }
    }

    /**
     * A deleted user (admin console, self-deletion, the inactive-account purge): their administrator entries go,
     * and an organisation left without administrator gets its longest-standing remaining member as one.
     */
    private static void userRemoved(KeycloakSession session, RealmModel realm, UserModel user) {
        OrganisationsProvider store = provider(session);
        List<String> adminOf = store.organisationsAdministeredBy(user.getId());
        store.removeUser(user.getId());
        if (adminOf.isEmpty() || !realm.isOrganizationsEnabled()) {
            return;
        }
        for (String orgId : adminOf) {
            Succession.afterLeaving(session, realm, orgId, user.getId());
        }
    }

    /**
     * Keycloak's client scope {@code organization} lists every organization a person belongs to (also authorities
     * under review or suspended); a portal only learns the one organisation the person chose to act for, through our
     * scope {@code sk-organisation}. In a realm created with
     * {@value JpaOrganisationsProviderFactory#KEYCLOAK_ORGANIZATION_CLAIM}{@code =false}, the scope's membership mapper
     * is removed, so asking for {@code organization} yields no claim. The scope itself stays (a portal asking for it is
     * not refused).
     */
    private static void withoutKeycloakMembershipClaim(RealmModel realm) {
        if (!"false".equals(realm.getAttribute(JpaOrganisationsProviderFactory.KEYCLOAK_ORGANIZATION_CLAIM))) {
            return;
        }
        realm.getClientScopesStream().filter(scope -> "organization".equals(scope.getName())).toList()
                .forEach(scope -> scope.getProtocolMappersStream()
                        .filter(mapper -> "oidc-organization-membership-mapper".equals(mapper.getProtocolMapper())).toList()
                        .forEach(scope::removeProtocolMapper));
    }

    private static OrganisationsProvider provider(KeycloakSession session) {
        return session.getProvider(OrganisationsProvider.class);
    }
}
