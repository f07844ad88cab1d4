package de.servicekonto.trustlevel.authenticator;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.Vocabulary;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;
import org.keycloak.models.Constants;

/**
 * Stands in a level's sub-flow for the means that would reach that level but are not available (not configured
 * yet, or not offered to this user). Without it Keycloak lets a login continue below a level a client asked for
 * with {@code acr_values} or requires through {@code minimum.acr.value}; with it the citizen reads in plain German
 * why the service cannot be used, and the portal receives the protocol's error.
 */
final class TrustLevelUnavailableAuthenticator implements NoCredentialAuthenticator {

    static final String TEMPLATE = "sk-trust-level-unavailable.ftl";
    private static final Logger LOG = Logger.getLogger(TrustLevelUnavailableAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        TrustLevel required = requiredLevel(context);
        context.challenge(context.form()
                .setAttribute("skRequiredLevel", required.germanName())
                .setAttribute("skRequiredLevelUri", required.identifier(Vocabulary.EIDAS))
                .createForm(TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // The only action on the page is "back to the online service".
        TrustLevel required = requiredLevel(context);
        LOG.debugf("Trust level %s not reachable for client %s", required.germanName(),
                context.getAuthenticationSession().getClient().getClientId());
        context.getEvent().detail("sk_required_trust_level", required.identifier(Vocabulary.EIDAS)).error(Errors.ACCESS_DENIED);
        // Not context.failure(): that would count against the user's brute-force budget, although the password was
        // right; the user only lacks the means for the level.
        context.forceChallenge(ProtocolErrors.unreachableLevel(context.getSession(), context.getAuthenticationSession(),
                "Trust level " + required.identifier(Vocabulary.EIDAS) + " cannot be reached"));
    }

    /** The level the client asked for; this authenticator only runs where that level was requested. */
    private static TrustLevel requiredLevel(AuthenticationFlowContext context) {
        String note = context.getAuthenticationSession().getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        Optional<TrustLevel> level = Optional.empty();
        try {
            level = note == null ? Optional.empty() : TrustLevel.fromLoa(Integer.parseInt(note));
        } catch (NumberFormatException e) {
            // not a level of ours; fall through to the highest
        }
        // A requested LoA above hoch (numeric acr_values) cannot be met either; name the highest level we know.
        return level.orElse(TrustLevel.HOCH);
    }
}
