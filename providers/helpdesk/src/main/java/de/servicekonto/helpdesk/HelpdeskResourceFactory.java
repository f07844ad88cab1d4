package de.servicekonto.helpdesk;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers {@link HelpdeskResource} under {@code /realms/{realm}/sk-helpdesk}. */
public final class HelpdeskResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "sk-helpdesk";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new HelpdeskResource(session);
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
