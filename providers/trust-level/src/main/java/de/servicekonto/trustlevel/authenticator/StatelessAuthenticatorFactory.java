package de.servicekonto.trustlevel.authenticator;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

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

    /** Nothing to configure unless the factory says so. */
    @Override
    default boolean isConfigurable() {
        return false;
    }

    @Override
    default List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    /** A step of ours is either in the flow or switched off; never an alternative or a condition. */
    @Override
    default AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }
}
