package de.servicekonto.stammdaten.jpa;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers our JPA entities and their Liquibase changelog, and the module's {@link StammdatenLifecycle}. */
public final class StammdatenEntityProviderFactory implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "sk-stammdaten";
    static final String CHANGELOG = "META-INF/sk-stammdaten-changelog.xml";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(AttributeLockEntity.class, AccountLifecycleEntity.class, CensusPositionEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
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
        factory.register(new StammdatenLifecycle());
    }

    @Override
    public void close() {
    }
}
