package de.servicekonto.trustlevel.means;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationSelectionOption;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Keycloak's username and password form, honouring the portal's request: skipped when the portal does not allow
 * {@link Means#BENUTZERNAME}; other means the portal does not allow are left out of "try another way"; the
 * portal's display name is shown above the form.
 */
public class PortalPasswordForm extends UsernamePasswordForm {

    /** A flow nests a handful of sub-flows; the walk stops well beyond any sane configuration. */
    private static final int MAX_FLOWS = 64;

    public PortalPasswordForm(KeycloakSession session) {
        super(session);
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PortalRequest request = PortalRequest.of(context.getAuthenticationSession());
        if (!request.allows(Means.BENUTZERNAME)
                && context.getExecution().getRequirement() == AuthenticationExecutionModel.Requirement.ALTERNATIVE) {
            // The next alternative (the ID card) takes over; an attempted execution is not offered again.
            context.attempted();
            return;
        }
        hideExcludedMeans(context, request);
        showPortal(context, request);
        super.authenticate(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        PortalRequest request = PortalRequest.of(context.getAuthenticationSession());
        if (!request.allows(Means.BENUTZERNAME)) {
            context.attempted();
            return;
        }
        showPortal(context, request);
        super.action(context);
    }

    /**
     * Marks every execution of a means the portal excluded as attempted, in the whole flow: Keycloak's "try another
     * way" gathers its choices from the highest flow of alternatives, not only from this sub-flow.
     */
    static void hideExcludedMeans(AuthenticationFlowContext context, PortalRequest request) {
        if (!request.restricted()) {
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        Deque<String> flows = new ArrayDeque<>(List.of(context.getTopLevelFlow().getId()));
        Set<String> seen = new HashSet<>();
        while (!flows.isEmpty()) {
            String flowId = flows.pop();
            if (!seen.add(flowId) || seen.size() > MAX_FLOWS) {
                continue;
            }
            context.getRealm().getAuthenticationExecutionsStream(flowId).forEach(execution -> {
                if (execution.isAuthenticatorFlow()) {
                    flows.push(execution.getFlowId());
                } else if (Means.ofAuthenticator(execution.getAuthenticator()).filter(m -> !request.allows(m)).isPresent()) {
                    authSession.setExecutionStatus(execution.getId(), AuthenticationSessionModel.ExecutionStatus.ATTEMPTED);
                }
            });
        }
        // The choices of this page were gathered before this authenticator ran.
        List<AuthenticationSelectionOption> choices = context.getAuthenticationSelections();
        if (choices != null) {
            context.setAuthenticationSelections(choices.stream().filter(choice -> Means.ofAuthenticator(
                    choice.getAuthenticationExecution().getAuthenticator()).map(request::allows).orElse(true)).toList());
        }
    }

    /**
     * The form provider is one per request, so the info message set here is on the page the form renders; an
     * error message replaces it. The partners' buttons are listed only where the portal allows their means and they
     * reach its level ({@link MeansOfferPage}).
     */
    static void showPortal(AuthenticationFlowContext context, PortalRequest request) {
        request.displayName().ifPresent(name -> context.form().setInfo("skPortalDisplayName", name));
        MeansOfferPage.offer(context, context.form());
    }
}
