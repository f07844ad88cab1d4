package de.servicekonto.stammdaten.jpa;

import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Stammdaten's answer to removals elsewhere, in the removal's own transaction. A removed realm: its attribute locks
 * ({@link UniqueValues}), lifecycle rows ({@link AccountLifecycles}) and census position ({@link CensusPositions})
 * go, or the rows would outlive it. A removed user: its lifecycle row goes (every removal path publishes the pre-removed event); the master data are Keycloak user
 * attributes, removed with the user, and a lock row names an attribute, not a person. Organisations keep no
 * Stammdaten. Registered by the factory of our tables ({@link StammdatenEntityProviderFactory}).
 */
final class StammdatenLifecycle implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserPreRemovedEvent removed) {
            AccountLifecycles.forgetUser(removed.getKeycloakSession(), removed.getUser().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            UniqueValues.forgetRealm(removed.getKeycloakSession(), removed.getRealm().getId());
            AccountLifecycles.forgetRealm(removed.getKeycloakSession(), removed.getRealm().getId());
            CensusPositions.forgetRealm(removed.getKeycloakSession(), removed.getRealm().getId());
        }
    }
}
