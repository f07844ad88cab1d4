package de.servicekonto.trustlevel.passkey;

import de.servicekonto.trustlevel.TrustLevel;
import java.util.List;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Reads what {@link PasskeyRule} needs from Keycloak: the credential types this login used (Keycloak 26.7.3 records
 * them in the authentication session when an authenticator succeeds with a credential type: the password form, the
 * passkey in the password form, the passkey authenticator) and the realm setting {@value PasskeyRule#LEVEL_SETTING},
 * which is read here and nowhere else.
 */
public final class PasskeyLogin {

    private PasskeyLogin() {
    }

    public static List<String> credentialTypesUsed(AuthenticationSessionModel authSession) {
        return AuthenticatorUtil.getAuthnCredentials(authSession);
    }

    /** The level a passkey reaches on a card-verified account of this realm. */
    public static TrustLevel configuredLevel(RealmModel realm) {
        return PasskeyRule.configuredLevel(realm.getAttribute(PasskeyRule.LEVEL_SETTING));
    }
}
