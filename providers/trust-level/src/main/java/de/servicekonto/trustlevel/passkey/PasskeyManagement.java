package de.servicekonto.trustlevel.passkey;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.authentication.requiredactions.DeleteCredentialAction;
import org.keycloak.authentication.requiredactions.WebAuthnPasswordlessRegisterFactory;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Registering or removing a passkey needs a session at the account's highest level ({@link PasskeyRule#mayManagePasskeys}).
 * Two places enforce it: before the action, the login raises the level it must reach (the eID module's account-level
 * step, through {@link #concernsPasskey}) and the realm's {@code max_auth_age} 0 on both actions makes Keycloak run
 * the login instead of reusing the session; in the action itself, {@link #allowed} refuses what slipped past (a
 * session reused within the same second, an action an administrator set on the account).
 */
public final class PasskeyManagement {

    /** Message key of the page shown when the level is missing. */
    static final String MESSAGE = "skPasskeyNeedsLevel";

    private PasskeyManagement() {
    }

    /**
     * Removes the account's passkeys when the ID card is linked to it for the first time (Hochstufung) and answers
     * how many: they were registered with a password session, so whoever knew the password could have added one,
     * and after the link a passkey reaches substanziell. TR-03160-1 binds a means after authenticating at its level;
     * the citizen registers again, now with the card.
     */
    public static int unbindOnCardUpgrade(UserModel user) {
        List<String> passkeys = user.credentialManager().getStoredCredentialsByTypeStream(PasskeyRule.PASSKEY_CREDENTIAL)
                .map(CredentialModel::getId).toList();
        passkeys.forEach(id -> user.credentialManager().removeStoredCredentialById(id));
        return passkeys.size();
    }

    /** True if the application-initiated action of this login registers or removes a passkey. */
    public static boolean concernsPasskey(AuthenticationSessionModel authSession, UserModel user) {
        String action = authSession.getClientNote(Constants.KC_ACTION);
        if (WebAuthnPasswordlessRegisterFactory.PROVIDER_ID.equals(action)) {
            return true;
        }
        if (!DeleteCredentialAction.PROVIDER_ID.equals(action) || user == null) {
            return false;
        }
        String credentialId = authSession.getClientNote(Constants.KC_ACTION_PARAMETER);
        CredentialModel credential = credentialId == null ? null : user.credentialManager().getStoredCredentialById(credentialId);
        return credential != null && PasskeyRule.PASSKEY_CREDENTIAL.equals(credential.getType());
    }

    /**
     * True if this login is at the account's highest level; otherwise shows the citizen why not, records the refusal
     * and returns false (the caller stops).
     */
    static boolean allowed(RequiredActionContext context) {
        UserModel user = context.getUser();
        int current = new AcrStore(context.getSession(), context.getAuthenticationSession())
                .getLevelOfAuthenticationFromCurrentAuthentication();
        if (user != null && PasskeyRule.mayManagePasskeys(current, IdentityProofing.proofedAt(user))) {
            return true;
        }
        context.getEvent().detail(Details.REASON, "level").error(Errors.NOT_ALLOWED);
        context.challenge(context.form().setError(MESSAGE).createErrorPage(Response.Status.FORBIDDEN));
        return false;
    }
}
