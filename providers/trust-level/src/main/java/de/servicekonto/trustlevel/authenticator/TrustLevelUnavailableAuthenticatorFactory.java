package de.servicekonto.trustlevel.authenticator;

import de.servicekonto.trustlevel.ServicekontoVersion;
import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Factory of {@link TrustLevelUnavailableAuthenticator}; see docs/trust-levels.md for where it goes in a flow. It also
 * reports the Servicekonto version and the level table in the admin console's server info ("Provider info"), so
 * operators can see which distribution they run (any factory of this jar could; server info lists every one).
 */
public final class TrustLevelUnavailableAuthenticatorFactory implements StatelessAuthenticatorFactory,
        ServerInfoAwareProviderFactory {

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

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("servicekonto-version", ServicekontoVersion.version());
        info.put("built-for-keycloak", ServicekontoVersion.keycloakVersion());
        for (TrustLevel level : TrustLevel.values()) {
            info.put("level-" + level.loa(), level.germanName() + " " + level.identifier(Vocabulary.EIDAS));
        }
        return info;
    }
}
