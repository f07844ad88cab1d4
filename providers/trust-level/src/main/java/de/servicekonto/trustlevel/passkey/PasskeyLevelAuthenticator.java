package de.servicekonto.trustlevel.passkey;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.authenticator.NoCredentialAuthenticator;
import de.servicekonto.trustlevel.authenticator.StatelessAuthenticatorFactory;
import de.servicekonto.trustlevel.saml.TrustLevelAttributes;
import java.util.List;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Last step of the niedrig sub-flow, after the means and the second factor: records the means of niedrig this login
 * used ("Benutzername", "Passkey" or "Benutzername+Passkey"; the ID card records its own), and when a passkey took
 * part and {@link PasskeyRule#levelReached}
 * says so (a card-verified account, realm setting {@value PasskeyRule#LEVEL_SETTING}) marks the levels above niedrig
 * up to that one as reached, with the same means. Keycloak's level conditions further down then see them as reached
 * and ask nothing more; without it they ask for the ID card. This is how the eID step marks the levels it reaches.
 */
public final class PasskeyLevelAuthenticator implements NoCredentialAuthenticator, StatelessAuthenticatorFactory {

    public static final String ID = "sk-passkey-level";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        List<String> used = PasskeyLogin.credentialTypesUsed(authSession);
        Optional<String> means = PasskeyRule.means(used);
        if (means.isEmpty() || context.getUser() == null) {
            context.success();
            return;
        }
        authSession.setUserSessionNote(TrustLevelAttributes.meansNote(TrustLevel.NIEDRIG.loa()), means.get());
        context.getEvent().detail("sk_means", means.get());
        if (!PasskeyRule.passkeyUsed(used)) {
            context.success();
            return;
        }
        Optional<TrustLevel> reached = PasskeyRule.levelReached(
                used, IdentityProofing.proofedAt(context.getUser()), PasskeyLogin.configuredLevel(context.getRealm()));
        if (reached.isPresent()) {
            AcrStore acr = new AcrStore(context.getSession(), authSession);
            for (int loa = TrustLevel.SUBSTANZIELL.loa(); loa <= reached.get().loa(); loa++) {
                acr.setLevelAuthenticated(loa);
                authSession.setUserSessionNote(TrustLevelAttributes.meansNote(loa), means.get());
            }
            // Keycloak copies the level map into the user session only when a level condition ran after the level.
            authSession.setUserSessionNote(Constants.LOA_MAP, authSession.getAuthNote(Constants.LOA_MAP));
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
        return "Servicekonto: passkey means and level";
    }

    @Override
    public String getHelpText() {
        return "After the means of level niedrig: records 'Passkey' or 'Benutzername+Passkey' when a passkey was used "
                + "(user verification required), and on an account whose identity the ID card proved marks the level "
                + "of the realm attribute sk.passkey.level (default substanziell) as reached.";
    }
}
