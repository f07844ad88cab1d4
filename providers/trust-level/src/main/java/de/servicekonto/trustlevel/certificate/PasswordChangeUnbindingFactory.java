package de.servicekonto.trustlevel.certificate;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Event listener {@value #ID}, global: a security rule, so it holds in every realm, also one an operator creates
 * later, without being added to the realm's event listeners (where an administrator could remove it).
 */
public final class PasswordChangeUnbindingFactory implements EventListenerProviderFactory {

    public static final String ID = "sk-certificate-password-change";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new PasswordChangeUnbinding(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
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

    @Override
    public String getId() {
        return ID;
    }
}
