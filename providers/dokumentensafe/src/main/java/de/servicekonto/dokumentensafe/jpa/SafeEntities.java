package de.servicekonto.dokumentensafe.jpa;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** The Dokumentensafe's tables and their changelog for Keycloak's JPA set-up. */
public final class SafeEntities implements JpaEntityProviderFactory, JpaEntityProvider {

    public static final String ID = "sk-dokumentensafe";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public List<Class<?>> getEntities() {
        return List.of(SafeEntity.class, FolderEntity.class, DocumentEntity.class, UploadEntity.class, SegmentEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/sk-dokumentensafe-changelog.xml";
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
