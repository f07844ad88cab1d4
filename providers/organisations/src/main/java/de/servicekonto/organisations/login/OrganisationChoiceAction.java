package de.servicekonto.organisations.login;

import de.servicekonto.organisations.ActingFor;
import de.servicekonto.organisations.OrganisationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.Config;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Errors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Required action {@value #ID}: when the portal asks (OIDC scope {@value ActingFor#SCOPE} or client attribute
 * {@value ActingFor#CLIENT_ATTRIBUTE}) and the person belongs to an organisation that may act, the page
 * {@code sk-organisation-select.ftl} asks whether to act as oneself or for one of them. Nothing is stored on the
 * account: Keycloak offers every enabled action's trigger each login, and we add the action to that login only.
 * The choice travels as client-session notes, which the OIDC and SAML mappers read.
 */
public final class OrganisationChoiceAction implements RequiredActionProvider, RequiredActionFactory {

    public static final String ID = "sk-organisation-choice";
    static final String FIELD = "actingFor";
    private static final String DECIDED = "sk.organisation.decided";

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(DECIDED) != null) {
            return;
        }
        // An earlier login of this portal in the same session may have chosen an organisation; this login starts
        // as the person themselves until they choose again.
        authSession.setClientNote(ActingOptions.NOTE_ID, "");
        boolean asked = asked(context.getSession(), authSession, context.getUser());
        if (!asked || ActingOptions.of(context.getSession(), context.getRealm(), context.getUser()).isEmpty()) {
            authSession.setAuthNote(DECIDED, "personal");
            return;
        }
        authSession.addRequiredAction(ID);
    }

    /**
     * Whether this login asks for the choice: the client attribute {@value ActingFor#CLIENT_ATTRIBUTE}, or for OIDC
     * the scope {@value ActingFor#SCOPE} among the client scopes this login's tokens will carry (the client's
     * default scopes included, not only the {@code scope} parameter). An OIDC client with the attribute gets the
     * scope added to this login's {@code scope}, so its mapper puts the chosen organisation into the tokens.
     */
    private static boolean asked(KeycloakSession session, AuthenticationSessionModel authSession, UserModel user) {
        ClientModel client = authSession.getClient();
        boolean oidc = OIDCLoginProtocol.LOGIN_PROTOCOL.equals(client.getProtocol());
        String scopeParam = authSession.getClientNote(OIDCLoginProtocol.SCOPE_PARAM);
        if (scopeParam != null && scopeParam.length() > 4096) {
            return false;
        }
        boolean byScope = oidc && TokenManager.getRequestedClientScopes(session, scopeParam, client, user)
                .anyMatch(scope -> ActingFor.SCOPE.equals(scope.getName()));
        boolean byAttribute = Boolean.parseBoolean(client.getAttribute(ActingFor.CLIENT_ATTRIBUTE));
        if (oidc && byAttribute && !byScope && client.getClientScopes(false).containsKey(ActingFor.SCOPE)) {
            authSession.setClientNote(OIDCLoginProtocol.SCOPE_PARAM,
                    (scopeParam == null || scopeParam.isBlank() ? "" : scopeParam + " ") + ActingFor.SCOPE);
        }
        return byScope || byAttribute;
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(page(context, null));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        List<ActingFor.Option> options = ActingOptions.of(context.getSession(), context.getRealm(), context.getUser());
        String submitted = context.getHttpRequest().getDecodedFormParameters().getFirst(FIELD);
        Optional<ActingFor.Option> chosen;
        try {
            chosen = ActingFor.resolve(submitted, options);
        } catch (OrganisationException e) {
            context.getEvent().clone().error(Errors.INVALID_INPUT);
            context.challenge(page(context, "skOrganisationForged"));
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.setClientNote(ActingOptions.NOTE_ID, chosen.map(ActingFor.Option::id).orElse(""));
        authSession.setAuthNote(DECIDED, chosen.map(ActingFor.Option::id).orElse("personal"));
        context.success();
    }

    private static Response page(RequiredActionContext context, String error) {
        List<Map<String, String>> organisations = ActingOptions.of(context.getSession(), context.getRealm(), context.getUser())
                .stream().map(o -> {
                    Map<String, String> view = new LinkedHashMap<>();
                    view.put("id", o.id());
                    view.put("name", o.name());
                    view.put("kind", o.kind().name());
                    view.put("role", o.role().name());
                    return view;
                }).toList();
        var form = context.form().setAttribute("skOrganisations", organisations)
                .setAttribute("skPersonal", ActingFor.PERSONAL);
        if (error != null) {
            form.setError(error).setStatus(Response.Status.BAD_REQUEST);
        }
        return form.createForm("sk-organisation-select.ftl");
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public String getDisplayText() {
        return "Servicekonto: act for an organisation";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
