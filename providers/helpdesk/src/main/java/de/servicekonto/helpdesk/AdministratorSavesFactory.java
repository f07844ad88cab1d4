package de.servicekonto.helpdesk;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Event listener {@value #ID}, global: it sees administrators' saves in every realm without being added to each
 * realm's event listeners, so a tenant made later and a realm made before this version are covered too.
 */
public final class AdministratorSavesFactory implements EventListenerProviderFactory {

    public static final String ID = "sk-helpdesk-admin-saves";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AdministratorSaves(session);
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
