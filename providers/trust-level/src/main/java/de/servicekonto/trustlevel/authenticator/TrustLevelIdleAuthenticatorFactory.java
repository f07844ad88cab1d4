package de.servicekonto.trustlevel.authenticator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Factory of {@link TrustLevelIdleAuthenticator}. Its configuration holds the realm's idle limit per level
 * ({@code idle-1}, {@code idle-2}, {@code idle-3}, seconds); the token-refresh check reads it from here too.
 */
public final class TrustLevelIdleAuthenticatorFactory implements StatelessAuthenticatorFactory {

    public static final String PROVIDER_ID = "sk-trust-level-idle";
    static final String IDLE_PREFIX = "idle-";
    private static final int MAX_LEVEL = 3;
    private static final TrustLevelIdleAuthenticator INSTANCE = new TrustLevelIdleAuthenticator();

    /** Parses the configured limits; blank, non-numeric or non-positive values mean "no idle limit". */
    public static Map<Integer, Integer> idleLimits(Map<String, String> config) {
        Map<Integer, Integer> limits = new HashMap<>();
        if (config == null) {
            return limits;
        }
        for (int level = 1; level <= MAX_LEVEL; level++) {
            String value = config.get(IDLE_PREFIX + level);
            try {
                int seconds = value == null ? 0 : Integer.parseInt(value.trim());
                if (seconds > 0) {
                    limits.put(level, seconds);
                }
            } catch (NumberFormatException e) {
                // not a limit; the admin console shows the value as entered
            }
        }
        return limits;
    }

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
        return List.of(
                property(1, "niedrig", "3600"),
                property(2, "substanziell", "1800"),
                property(3, "hoch", "300"));
    }

    private static ProviderConfigProperty property(int level, String name, String defaultSeconds) {
        return new ProviderConfigProperty(IDLE_PREFIX + level, "Idle limit " + name + " (s)",
                "Seconds without use after which level " + name + " is no longer reused or asserted; empty: none.",
                ProviderConfigProperty.STRING_TYPE, defaultSeconds);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
