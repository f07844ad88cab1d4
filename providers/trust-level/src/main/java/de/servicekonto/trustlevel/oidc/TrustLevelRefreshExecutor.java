package de.servicekonto.trustlevel.oidc;

import de.servicekonto.trustlevel.LevelValidity;
import de.servicekonto.trustlevel.SessionLevels;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.common.util.Time;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.jose.jws.JWSInputException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.representations.RefreshToken;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Client-policy executor that lowers the {@code acr} of refreshed tokens to the level the session may still
 * assert (maximum age and idle limit per level). Keycloak 26.7.3 copies the level of the original login into every
 * refreshed token, so without this a portal could keep a hoch token alive by refreshing long after the hoch period
 * ended.
 */
final class TrustLevelRefreshExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private static final Logger LOG = Logger.getLogger(TrustLevelRefreshExecutor.class);

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
        RealmModel realm = clientSession.getRealm();
        ClientModel client = clientSession.getClient();
        String flowId = SessionLevels.browserFlowId(realm, client);
        // Keycloak has already moved this client session's timestamp to now; the refresh token being redeemed
        // (verified by Keycloak earlier in this request) tells when the portal last used the session. Unreadable:
        // 0, i.e. no use after the level was reached, so the idle limit can only be stricter, never laxer.
        long previousUse = issuedAt(refresh.getParams().getFirst(OAuth2Constants.REFRESH_TOKEN), 0);
        int valid = LevelValidity.highestValidLevel(
                SessionLevels.reachedAt(clientSession.getUserSession()),
                SessionLevels.lastUsedAt(clientSession.getUserSession(), clientSession, previousUse),
                SessionLevels.maxAges(realm, flowId), SessionLevels.idleLimits(realm, flowId), Time.currentTimeSeconds());
        if (valid >= asserted) {
            return;
        }
        String acr = acrFor(valid, clientSession);
        LOG.debugf("Refresh for client %s: level %d no longer valid, asserting %d", client.getClientId(), asserted, valid);
        // Later refreshes, the userinfo endpoint and the idle bookkeeping read the level from here.
        clientSession.setNote(Constants.LEVEL_OF_AUTHENTICATION, String.valueOf(valid));
        TokenManager.AccessTokenResponseBuilder tokens = refresh.getAccessTokenResponseBuilder();
        if (tokens.getAccessToken() != null) {
            tokens.getAccessToken().setAcr(acr);
        }
        if (tokens.getIdToken() != null) {
            tokens.getIdToken().setAcr(acr);
        }
    }

    /**
     * Names the level as Keycloak's own acr mapper would (26.7.3 {@code AcrProtocolMapper}): the portal's essential
     * acr values first, then its acr_values (or defaults), then any identifier of the level, so the vocabulary does
     * not change between a downgraded refresh and the next one.
     */
    private static String acrFor(int level, AuthenticatedClientSessionModel clientSession) {
        if (level <= 0) {
            return String.valueOf(level);
        }
        ClientModel client = clientSession.getClient();
        Map<String, Integer> acrLoaMap = AcrUtils.getAcrLoaMap(client);
        String claims = clientSession.getNote(OIDCLoginProtocol.CLAIMS_PARAM);
        String acr = AcrUtils.mapLoaToAcr(level, acrLoaMap, AcrUtils.getRequiredAcrValues(claims));
        if (acr == null) {
            acr = AcrUtils.mapLoaToAcr(level, acrLoaMap,
                    AcrUtils.getAcrValues(claims, clientSession.getNote(OIDCLoginProtocol.ACR_PARAM), client));
        }
        if (acr == null) {
            acr = AcrUtils.mapLoaToAcr(level, acrLoaMap, acrLoaMap.keySet());
        }
        return acr != null ? acr : String.valueOf(level);
    }

    private static long issuedAt(String refreshToken, long fallback) {
        if (refreshToken == null) {
            return fallback;
        }
        try {
            RefreshToken token = new JWSInput(refreshToken).readJsonContent(RefreshToken.class);
            return token.getIat() == null ? fallback : token.getIat();
        } catch (JWSInputException e) {
            return fallback;
        }
    }
}
