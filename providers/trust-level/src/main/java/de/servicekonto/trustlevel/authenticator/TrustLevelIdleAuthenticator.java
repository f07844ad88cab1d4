package de.servicekonto.trustlevel.authenticator;

import de.servicekonto.trustlevel.LevelValidity;
import de.servicekonto.trustlevel.SessionLevels;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * First step of the browser flow: before Keycloak's cookie authenticator reuses the levels of an existing SSO
 * session, forgets the levels whose idle limit has passed (and every level above them), so Keycloak asks for their
 * means again and asserts only what is left. Keycloak 26.7.3 knows a maximum age per level but no idle limit.
 * Always ends as "attempted", so the flow goes on exactly as without it.
 */
final class TrustLevelIdleAuthenticator implements NoCredentialAuthenticator {

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationManager.AuthResult sso =
                AuthenticationManager.authenticateIdentityCookie(context.getSession(), context.getRealm(), true);
        if (sso != null && sso.session() != null) {
            // The flow running now, as Keycloak's cookie authenticator uses it for the maximum ages.
            forgetIdleLevels(context.getRealm(), sso.session(), context.getTopLevelFlow().getId());
        }
        context.attempted();
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
