package de.servicekonto.trustlevel.authenticator;

import de.servicekonto.trustlevel.LevelValidity;
import de.servicekonto.trustlevel.SessionLevels;
import de.servicekonto.trustlevel.means.MeansOffer;
import de.servicekonto.trustlevel.means.PortalRequest;
import de.servicekonto.trustlevel.saml.TrustLevelAttributes;
import java.util.Collection;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * First step of the browser flow: before Keycloak's cookie authenticator reuses the levels of an existing SSO
 * session, forgets the levels whose idle limit has passed (and every level above them), so Keycloak asks for their
 * means again and asserts only what is left. Keycloak 26.7.3 knows a maximum age per level but no idle limit.
 * Also, for a portal that restricts the means ({@link PortalRequest}), asks for a new login when the SSO session was
 * reached with a means the portal excludes. Always ends as "attempted", so the flow goes on as without it.
 */
final class TrustLevelIdleAuthenticator implements NoCredentialAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationManager.AuthResult sso =
                AuthenticationManager.authenticateIdentityCookie(context.getSession(), context.getRealm(), true);
        if (sso != null && sso.session() != null) {
            // The flow running now, as Keycloak's cookie authenticator uses it for the maximum ages.
            forgetIdleLevels(context.getRealm(), sso.session(), context.getTopLevelFlow().getId());
            AuthenticationSessionModel authSession = context.getAuthenticationSession();
            if (keepsExcludedMeans(PortalRequest.of(authSession), recordedMeans(sso.session()))) {
                // The portal's request set ForceAuthn once (BundIdProfile), but a restarted flow
                // (login-actions/restart) starts with no auth notes: set it for every run of the flow, here, before
                // Keycloak's cookie authenticator would answer from this session.
                authSession.setAuthNote(SamlProtocol.SAML_LOGIN_REQUEST_FORCEAUTHN, SamlProtocol.SAML_FORCEAUTHN_REQUIREMENT);
            }
        }
        context.attempted();
    }

    /** True if the portal restricts the means and the session was reached, at any level, with one it excludes. */
    static boolean keepsExcludedMeans(PortalRequest portal, Collection<String> recordedMeans) {
        return portal.restricted() && recordedMeans.stream().anyMatch(means -> !MeansOffer.allowed(means, portal));
    }

    private static Collection<String> recordedMeans(UserSessionModel userSession) {
        return userSession.getNotes().entrySet().stream()
                .filter(note -> note.getKey().startsWith(TrustLevelAttributes.MEANS_NOTE_PREFIX))
                .map(Map.Entry::getValue).toList();
    }

    static void forgetIdleLevels(RealmModel realm, UserSessionModel userSession, String flowId) {
        Map<Integer, Integer> idle = SessionLevels.idleLimits(realm, flowId);
        if (idle.isEmpty()) {
            return;
        }
        Map<Integer, Long> reachedAt = SessionLevels.reachedAt(userSession);
        int valid = LevelValidity.highestValidLevel(reachedAt, SessionLevels.lastUsedAt(userSession, null, 0),
                SessionLevels.maxAges(realm, flowId), idle, Time.currentTimeSeconds());
        if (reachedAt.keySet().removeIf(level -> level > valid)) {
            SessionLevels.storeReachedAt(userSession, reachedAt);
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.attempted();
    }
}
