package de.servicekonto.eid.authenticator;

import de.servicekonto.trustlevel.TrustLevel;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Condition {@value EidFirstConditionFactory#PROVIDER_ID}: true when a login starts (nobody identified yet) for a
 * portal that needs more than niedrig, and the citizen has not asked for username and password first. Its sub-flow
 * then offers the ID card straight away instead of a password that alone would not be enough.
 */
final class EidFirstCondition implements ConditionalAuthenticator {

    /** Client note: the citizen chose username and password on the eID page ("Ich habe schon ein Servicekonto"). */
    static final String PASSWORD_FIRST = "sk-eid.password-first";

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        return context.getUser() == null
                && requestedLevel(context) >= TrustLevel.SUBSTANZIELL.loa()
                && context.getAuthenticationSession().getClientNote(PASSWORD_FIRST) == null;
    }

    /** The level the client asked for (0 if none). */
    static int requestedLevel(AuthenticationFlowContext context) {
        String note = context.getAuthenticationSession().getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        try {
            return note == null ? 0 : Integer.parseInt(note);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
