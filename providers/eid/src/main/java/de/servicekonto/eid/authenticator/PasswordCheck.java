package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.account.EidLinking;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.events.Errors;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * The password on the confirmation page. Changing an existing account (Hochstufung, new card) needs its password in
 * this very login: a session kept from earlier (single sign-on on a shared computer) must not let someone else's card
 * into the account.
 */
final class PasswordCheck {

    private static final int MAX_PASSWORD = 1024;

    private PasswordCheck() {
    }

    static boolean needed(AuthenticationFlowContext context, PendingLink pending) {
        return pending.outcome() != EidLinking.Outcome.CREATE
                && !AuthenticatorUtil.isPasswordValidated(context.getAuthenticationSession());
    }

    /** Checks the password typed on the confirmation page, with Keycloak's brute-force protection. */
    static boolean confirmed(AuthenticationFlowContext context, PendingLink pending, UserModel user,
                             MultivaluedMap<String, String> form) {
        if (!needed(context, pending)) {
            return true;
        }
        RealmModel realm = context.getRealm();
        BruteForceProtector protector = context.getSession().getProvider(BruteForceProtector.class);
        if (realm.isBruteForceProtected() && (protector.isTemporarilyDisabled(context.getSession(), realm, user)
                || protector.isPermanentlyLockedOut(context.getSession(), realm, user))) {
            context.getEvent().user(user).error(Errors.USER_TEMPORARILY_DISABLED);
            return false;
        }
        String password = form.getFirst("password");
        boolean valid = password != null && !password.isEmpty() && password.length() <= MAX_PASSWORD
                && user.credentialManager().isValid(UserCredentialModel.password(password));
        if (realm.isBruteForceProtected()) {
            if (valid) {
                protector.successfulLogin(realm, user, context.getConnection(), context.getUriInfo(), Set.of(PasswordCredentialModel.TYPE));
            } else {
                protector.failedLogin(realm, user, context.getConnection(), context.getUriInfo(), Set.of(PasswordCredentialModel.TYPE));
            }
        }
        if (valid) {
            context.getAuthenticationSession().setAuthNote(AuthenticationManager.PASSWORD_VALIDATED, "true");
        } else {
            context.getEvent().user(user).error(Errors.INVALID_USER_CREDENTIALS);
        }
        return valid;
    }
}
