package de.servicekonto.organisations.jpa;

import de.servicekonto.organisations.spi.OrganisationsProvider;
import de.servicekonto.organisations.spi.OrganisationsProviderFactory;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Provider {@value #ID} of SPI {@code sk-organisations}; registers the module's {@link OrganisationsLifecycle}, which
 * keeps our tables in step when Keycloak removes a user, a client, an organization, a member or a realm.
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
        factory.register(new OrganisationsLifecycle());
    }

    /** Realm attribute: {@code false} removes the claim mapper of Keycloak's own {@code organization} scope. */
    public static final String KEYCLOAK_ORGANIZATION_CLAIM = "sk.organisations.keycloakOrganizationClaim";

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
