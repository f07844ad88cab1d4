package de.servicekonto.organisations.rest;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers {@link OrganisationsResource} under {@code /realms/{realm}/sk-organisations}. */
public final class OrganisationsResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "sk-organisations";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new OrganisationsResource(session);
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
