package de.servicekonto.stammdaten.jpa;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Stammdaten's answer to removals elsewhere, in the removal's own transaction. A removed realm: its attribute locks
 * ({@link UniqueValues}) go, or the rows would outlive it. A removed user needs nothing: the master data are Keycloak
 * user attributes, removed with the user, and a lock row names an attribute, not a person. Organisations keep no
 * Stammdaten. Registered by the factory of our table ({@link StammdatenEntityProviderFactory}).
 */
final class StammdatenLifecycle implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmRemovedEvent removed) {
            UniqueValues.forgetRealm(removed.getKeycloakSession(), removed.getRealm().getId());
        }
    }
}
