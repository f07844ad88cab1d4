package de.servicekonto.trustlevel.oidc;

import com.fasterxml.jackson.core.type.TypeReference;
import de.servicekonto.trustlevel.LevelValidity;
import java.io.IOException;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.common.util.Time;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.util.JsonSerialization;

/**
 * Client-policy executor that lowers the {@code acr} of refreshed tokens to the level the session may still
 * assert. Keycloak 26.7.3 copies the level of the original login into every refreshed token, so without this a
 * portal could keep a hoch token alive by refreshing long after the hoch period ended.
 */
final class TrustLevelRefreshExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private static final Logger LOG = Logger.getLogger(TrustLevelRefreshExecutor.class);
    private static final String BROWSER_BINDING = "browser";

    @Override
    public String getProviderId() {
        return TrustLevelRefreshExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) {
        if (!(context instanceof TokenRefreshResponseContext refresh)) {
            return;
        }
        AuthenticatedClientSessionModel clientSession = refresh.getClientSession();
        if (clientSession == null) {
            return;
        }
        int asserted = LoAUtil.getCurrentLevelOfAuthentication(clientSession);
        if (asserted <= 0) {
            return;
        }
        int valid = LevelValidity.highestValidLevel(reachedAt(clientSession), maxAges(clientSession),
                Time.currentTime());
        if (valid >= asserted) {
            return;
        }
        ClientModel client = clientSession.getClient();
        Map<String, Integer> acrLoaMap = AcrUtils.getAcrLoaMap(client);
        String acr = valid > 0 ? AcrUtils.mapLoaToAcr(valid, acrLoaMap, acrLoaMap.keySet()) : null;
        if (acr == null) {
            acr = String.valueOf(valid);
        }
        LOG.debugf("Refresh for client %s: level %d no longer valid, asserting %d", client.getClientId(), asserted, valid);
        // Later refreshes and the userinfo endpoint read the level from here.
        clientSession.setNote(Constants.LEVEL_OF_AUTHENTICATION, String.valueOf(valid));
        TokenManager.AccessTokenResponseBuilder tokens = refresh.getAccessTokenResponseBuilder();
        if (tokens.getAccessToken() != null) {
            tokens.getAccessToken().setAcr(acr);
        }
        if (tokens.getIdToken() != null) {
            tokens.getIdToken().setAcr(acr);
        }
    }

    private static Map<Integer, Long> reachedAt(AuthenticatedClientSessionModel clientSession) {
        String note = clientSession.getUserSession().getNote(Constants.LOA_MAP);
        if (note == null) {
            return Map.of();
        }
        try {
            return JsonSerialization.readValue(note, new TypeReference<Map<Integer, Long>>() { });
        } catch (IOException e) {
            // Written by Keycloak itself; an unreadable map means no level can be vouched for.
            return Map.of();
        }
    }

    private static Map<Integer, Integer> maxAges(AuthenticatedClientSessionModel clientSession) {
        RealmModel realm = clientSession.getRealm();
        String flowId = clientSession.getClient().getAuthenticationFlowBindingOverride(BROWSER_BINDING);
        if (flowId == null && realm.getBrowserFlow() != null) {
            flowId = realm.getBrowserFlow().getId();
        }
        return flowId == null ? Map.of() : LoAUtil.getLoaMaxAgesConfiguredInRealmFlow(realm, flowId);
    }
}
