package de.servicekonto.activity;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers the account-side REST resources of Servicekonto under {@code /realms/{realm}/sk-account}. */
public final class ActivityResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "sk-account";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new ActivityResource(session);
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
