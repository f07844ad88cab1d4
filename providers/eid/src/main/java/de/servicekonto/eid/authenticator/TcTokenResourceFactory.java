package de.servicekonto.eid.authenticator;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Registers {@link TcTokenResource} under {@code /realms/{realm}/sk-eid}. */
public final class TcTokenResourceFactory implements RealmResourceProviderFactory {

    public static final String ID = "sk-eid";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new TcTokenResource(session, EidAuthenticatorFactory.SERVERS);
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
