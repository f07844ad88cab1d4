package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.EidResult;
import de.servicekonto.eid.account.EidLinking;
import de.servicekonto.trustlevel.means.PortalRequest;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;

/** The eID login's pages other than the start page: the data to confirm, and why the login did not complete. */
final class EidPages {

    private static final Logger LOG = Logger.getLogger(EidPages.class);

    private EidPages() {
    }

    /** The form with the portal's display name ({@code akdb:DisplayInformation}) for the page header. */
    static LoginFormsProvider portalForm(AuthenticationFlowContext context) {
        LoginFormsProvider form = context.form();
        PortalRequest.of(context.getAuthenticationSession()).displayName()
                .ifPresent(name -> form.setAttribute("skPortalDisplayName", name));
        return form;
    }

    /** The chip's data for the citizen to confirm, with the password field where {@link PasswordCheck} needs it. */
    static void confirmation(AuthenticationFlowContext context, PendingLink pending, String error) {
        LoginFormsProvider form = portalForm(context)
                .setAttribute("skEidOutcome", pending.outcome().name())
                .setAttribute("skEidData", EidDataView.of(pending.chip()))
                .setAttribute("skEidNeedsPassword", PasswordCheck.needed(context, pending));
        if (error != null) {
            form.setError(error);
        }
        context.challenge(form.createForm(EidAuthenticator.TEMPLATE_CONFIRM));
    }

    static void fail(AuthenticationFlowContext context, EidResult result, String log) {
        EidMeters.failure(context.getRealm().getName(), result.name().toLowerCase(Locale.ROOT));
        fail(context, result.messageKey(), result == EidResult.CANCELLED_BY_USER ? Errors.REJECTED_BY_USER : Errors.INVALID_USER_CREDENTIALS, log);
    }

    /**
     * Shows the reason in plain German with "try again" and "back to the service". Not {@code context.failure()}:
     * nothing here is a guessed secret, and a cancelled or expired card must not lock the citizen's account.
     */
    static void fail(AuthenticationFlowContext context, String messageKey, String eventError, String log) {
        LOG.debugf("eID login not completed in realm %s: %s", context.getRealm().getName(), log);
        context.getEvent().detail("sk_means", EidAuthenticator.MEANS).detail("reason", messageKey).error(eventError);
        context.challenge(portalForm(context).setAttribute("skEidMessage", messageKey).createForm(EidAuthenticator.TEMPLATE_ERROR));
    }

    /** Why a card is not linked to the identified account ({@code message}), and what to do ({@code advice}, or null). */
    record Refusal(String message, String advice) {

        static Refusal of(EidLinking.Outcome outcome) {
            return switch (outcome) {
                case PSEUDONYM_TAKEN -> new Refusal("skEidPseudonymTaken", null);
                case UPGRADE_MISMATCH -> new Refusal("skEidUpgradeMismatch", "skEidUpgradeMismatchAdvice");
                case RELINK_MISMATCH -> new Refusal("skEidRelinkMismatch", "skEidRelinkMismatchAdvice");
                case ACCOUNT_INCOMPLETE -> new Refusal("skEidAccountIncomplete", "skEidAccountIncompleteAdvice");
                case RECENTLY_CHANGED -> new Refusal("skEidRecentlyChanged", "skEidRecentlyChangedAdvice");
                default -> throw new IllegalStateException("not a refusal: " + outcome);
            };
        }
    }

    /** The refusal's page; {@code argument} fills the message (the wait in days), or null. */
    static void refusal(AuthenticationFlowContext context, Refusal refusal, String argument) {
        LoginFormsProvider form = portalForm(context).setAttribute("skEidMessage", refusal.message());
        if (refusal.advice() != null) {
            form.setAttribute("skEidAdvice", refusal.advice());
        }
        if (argument != null) {
            form.setAttribute("skEidMessageArgument", argument);
        }
        context.challenge(form.createForm(EidAuthenticator.TEMPLATE_ERROR));
    }
}
