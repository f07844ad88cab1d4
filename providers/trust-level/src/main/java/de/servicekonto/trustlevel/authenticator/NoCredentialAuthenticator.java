package de.servicekonto.trustlevel.authenticator;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** An authenticator that checks no credential of the user: nothing to configure per user, nothing to close. */
public interface NoCredentialAuthenticator extends Authenticator {

    @Override
    default boolean requiresUser() {
        return false;
    }

    @Override
    default boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    default void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    default void close() {
    }
}
