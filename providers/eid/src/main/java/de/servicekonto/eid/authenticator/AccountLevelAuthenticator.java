package de.servicekonto.eid.authenticator;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.authenticator.NoCredentialAuthenticator;
import de.servicekonto.trustlevel.authenticator.StatelessAuthenticatorFactory;
import de.servicekonto.trustlevel.passkey.IdentityProofing;
import de.servicekonto.trustlevel.passkey.PasskeyManagement;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * For actions that need the account's highest level (self-deletion, registering or removing a passkey), raises the level this login must reach
 * once the account is known: an account linked to an ID card must show the card. Placed right after the means
 * that identify the account; Keycloak's level conditions further down then ask for the card.
 */
public final class AccountLevelAuthenticator implements NoCredentialAuthenticator, StatelessAuthenticatorFactory {

    public static final String ID = "sk-account-level";
    /** Application-initiated actions that need the account's highest level. */
    static final Set<String> SENSITIVE_ACTIONS = Set.of(SelfDeletion.ID);

    /** The highest level an account has: hoch once an ID card is linked, otherwise niedrig. */
    public static TrustLevel highestLevel(UserModel user) {
        return IdentityProofing.proofedAt(user);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        String action = authSession.getClientNote(Constants.KC_ACTION);
        if (user != null && action != null
                && (SENSITIVE_ACTIONS.contains(action) || PasskeyManagement.concernsPasskey(authSession, user))) {
            int highest = highestLevel(user).loa();
            String requested = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
            if (requested == null || Integer.parseInt(requested) < highest) {
                authSession.setClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION, String.valueOf(highest));
            }
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public void close() {
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return this;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: account's highest level for sensitive actions";
    }

    @Override
    public String getHelpText() {
        return "After the account is identified: for self-deletion and for registering or removing a passkey, require "
                + "the highest level the account has "
                + "(hoch with a linked ID card).";
    }
}
