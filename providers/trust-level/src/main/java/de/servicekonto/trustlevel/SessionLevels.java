package de.servicekonto.trustlevel;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.util.JsonSerialization;

/**
 * Reads what {@link LevelValidity} needs from a Keycloak user session and the browser flow: when each level was
 * reached (Keycloak's {@code loa-map} note), when it was last asserted (the client sessions' levels and
 * timestamps), the levels' maximum ages (level conditions) and idle limits ({@code sk-trust-level-idle}).
 */
public final class SessionLevels {

    private static final String BROWSER_BINDING = "browser";
    /** Provider id of the authenticator that carries the idle limits (authenticator.TrustLevelIdleAuthenticatorFactory). */
    public static final String IDLE_AUTHENTICATOR = "sk-trust-level-idle";

    private SessionLevels() {
    }

    /** The browser flow a client logs in through: its override, else the realm's. */
    public static String browserFlowId(RealmModel realm, ClientModel client) {
        String flowId = client == null ? null : client.getAuthenticationFlowBindingOverride(BROWSER_BINDING);
        if (flowId == null && realm.getBrowserFlow() != null) {
            flowId = realm.getBrowserFlow().getId();
        }
        return flowId;
    }

    public static Map<Integer, Long> reachedAt(UserSessionModel userSession) {
        String note = userSession.getNote(Constants.LOA_MAP);
        if (note == null) {
            return new HashMap<>();
        }
        try {
            return new HashMap<>(JsonSerialization.readValue(note, new TypeReference<Map<Integer, Long>>() { }));
        } catch (IOException e) {
            // Written by Keycloak itself; an unreadable map vouches for no level.
            return new HashMap<>();
        }
    }

    /** Writes the reached levels back (Keycloak's own SSO check reads them from here). */
    public static void storeReachedAt(UserSessionModel userSession, Map<Integer, Long> reachedAt) {
        try {
            userSession.setNote(Constants.LOA_MAP, JsonSerialization.writeValueAsString(reachedAt));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * When each level was last asserted to a client: a client session at level n counts as use of levels 1..n at
     * its timestamp. {@code skip} (the client session being refreshed right now) is left out, and
     * {@code skipLastUsed} is used for it instead.
     */
    public static Map<Integer, Long> lastUsedAt(UserSessionModel userSession, AuthenticatedClientSessionModel skip,
                                                long skipLastUsed) {
        Map<Integer, Long> lastUsed = new HashMap<>();
        for (AuthenticatedClientSessionModel clientSession : userSession.getAuthenticatedClientSessions().values()) {
            boolean current = skip != null && clientSession.getId().equals(skip.getId());
            long used = current ? skipLastUsed : lastRefresh(clientSession);
            int level = LoAUtil.getCurrentLevelOfAuthentication(clientSession);
            for (int l = 1; l <= level; l++) {
                lastUsed.merge(l, used, Math::max);
            }
        }
        return lastUsed;
    }

    /**
     * When the client session last received tokens (login or refresh). Keycloak 26.4 deprecated this accessor for
     * removal without a replacement yet; it is read only here, so a replacement (e.g. a note of our own written at
     * login and refresh) has one place to go.
     */
    @SuppressWarnings("removal")
    private static long lastRefresh(AuthenticatedClientSessionModel clientSession) {
        return clientSession.getTimestamp();
    }

    public static Map<Integer, Integer> maxAges(RealmModel realm, String flowId) {
        return flowId == null ? Map.of() : LoAUtil.getLoaMaxAgesConfiguredInRealmFlow(realm, flowId);
    }

    /** The idle limits configured on the flow's {@code sk-trust-level-idle} execution; none if it has none. */
    public static Map<Integer, Integer> idleLimits(RealmModel realm, String flowId) {
        if (flowId == null) {
            return Map.of();
        }
        List<AuthenticationExecutionModel> executions =
                AuthenticatorUtil.getExecutionsByType(realm, flowId, IDLE_AUTHENTICATOR);
        for (AuthenticationExecutionModel execution : executions) {
            if (execution.getAuthenticatorConfig() == null || execution.isDisabled()) {
                continue;
            }
            AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
            if (config != null) {
                return IdleLimits.parse(config.getConfig());
            }
        }
        return Map.of();
    }
}
