package de.servicekonto.trustlevel.authenticator;

import org.keycloak.Config;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.KeycloakSessionFactory;

/** An authenticator factory without lifecycle or credentials: one shared, stateless authenticator. */
public interface StatelessAuthenticatorFactory extends AuthenticatorFactory {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }

    /** Not bound to a credential type, so never part of the brute-force or credential-level bookkeeping. */
    @Override
    default String getReferenceCategory() {
        return null;
    }

    @Override
    default boolean isUserSetupAllowed() {
        return false;
    }
}
