package de.servicekonto.trustlevel.authenticator;

import de.servicekonto.trustlevel.IdleLimits;
import de.servicekonto.trustlevel.SessionLevels;
import de.servicekonto.trustlevel.TrustLevel;
import java.util.Arrays;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Factory of {@link TrustLevelIdleAuthenticator}. Its configuration holds the realm's idle limit per level
 * ({@link IdleLimits}); the token-refresh check reads it from the same execution.
 */
public final class TrustLevelIdleAuthenticatorFactory implements StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = SessionLevels.IDLE_AUTHENTICATOR;
    private static final TrustLevelIdleAuthenticator INSTANCE = new TrustLevelIdleAuthenticator();

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: trust-level idle limits";
    }

    @Override
    public String getHelpText() {
        return "First ALTERNATIVE of the browser flow, before the cookie: an SSO session no longer reuses a trust level "
                + "that has been idle longer than its limit. Refreshed tokens follow the same limits.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return Arrays.stream(TrustLevel.values()).map(level -> new ProviderConfigProperty(
                IdleLimits.CONFIG_PREFIX + level.loa(), "Idle limit " + level.germanName() + " (s)",
                "Seconds without use after which level " + level.germanName()
                        + " is no longer reused or asserted; empty: none.",
                ProviderConfigProperty.STRING_TYPE, null)).toList();
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
