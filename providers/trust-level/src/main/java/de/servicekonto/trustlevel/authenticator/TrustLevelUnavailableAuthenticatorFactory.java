package de.servicekonto.trustlevel.authenticator;

import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** Factory of {@link TrustLevelUnavailableAuthenticator}; see docs/trust-levels.md for where it goes in a flow. */
public final class TrustLevelUnavailableAuthenticatorFactory implements StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "sk-trust-level-unavailable";
    private static final TrustLevelUnavailableAuthenticator INSTANCE = new TrustLevelUnavailableAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: trust level not available";
    }

    @Override
    public String getHelpText() {
        return "Put into the sub-flow of a level (after Condition - Level of Authentication) whose means are not "
                + "available: explains it to the user in German and answers the portal with "
                + "unmet_authentication_requirements (OIDC) or NoAuthnContext (SAML).";
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
