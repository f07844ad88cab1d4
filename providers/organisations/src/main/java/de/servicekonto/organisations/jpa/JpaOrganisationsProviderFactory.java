package de.servicekonto.organisations.jpa;

import de.servicekonto.organisations.spi.OrganisationsProvider;
import de.servicekonto.organisations.spi.OrganisationsProviderFactory;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Provider {@value #ID} of SPI {@code sk-organisations}; keeps our tables in step when Keycloak removes a user, a
 * client, an organization, a member or a realm.
 */
public final class JpaOrganisationsProviderFactory implements OrganisationsProviderFactory {

    public static final String ID = "sk-jpa";

    @Override
    public OrganisationsProvider create(KeycloakSession session) {
        return new JpaOrganisationsProvider(session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
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
        });
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

    /** Realm attribute: {@code false} removes the claim mapper of Keycloak's own {@code organization} scope. */
    public static final String KEYCLOAK_ORGANIZATION_CLAIM = "sk.organisations.keycloakOrganizationClaim";

    /**
     * Keycloak's client scope {@code organization} lists every organization a person belongs to (also authorities
     * under review or suspended); a portal only learns the one organisation the person chose to act for, through our
     * scope {@code sk-organisation}. In a realm created with {@value #KEYCLOAK_ORGANIZATION_CLAIM}{@code =false}, the
     * scope's membership mapper is removed, so asking for {@code organization} yields no claim. The scope itself stays
     * (a portal asking for it is not refused).
     */
    private static void withoutKeycloakMembershipClaim(RealmModel realm) {
        if (!"false".equals(realm.getAttribute(KEYCLOAK_ORGANIZATION_CLAIM))) {
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

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    /** Our tables and their changelog for Keycloak's JPA set-up. */
    public static final class Entities implements JpaEntityProviderFactory, JpaEntityProvider {

        static final String ID = "sk-organisations";

        @Override
        public JpaEntityProvider create(KeycloakSession session) {
            return this;
        }

        @Override
        public List<Class<?>> getEntities() {
            return List.of(SkOrgAccountEntity.class, SkOrgAdminEntity.class, SkOrgFavouriteEntity.class,
                    SkOrgTransitionEntity.class, SkOrgClientEntity.class, SkOrgEventEntity.class);
        }

        @Override
        public String getChangelogLocation() {
            return "META-INF/sk-organisations-changelog.xml";
        }

        @Override
        public String getFactoryId() {
            return ID;
        }

        @Override
        public String getId() {
            return ID;
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
    }
}
