package de.servicekonto.eid.authenticator;

import de.servicekonto.spi.SelfDeletionVeto;
import de.servicekonto.trustlevel.TrustLevel;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The citizen deletes their own account (application-initiated action {@code kc_action=sk-delete-account}). Only
 * after a fresh login (never a kept session) at the highest level the account has: an account linked to an ID
 * card is deleted only after the card was read in this very login. Asks once more, then deletes the account with
 * everything Keycloak and our providers keep for it.
 */
public final class SelfDeletion implements RequiredActionProvider, RequiredActionFactory {

    public static final String ID = "sk-delete-account";
    static final String TEMPLATE = "sk-delete-account.ftl";
    private static final Logger LOG = Logger.getLogger(SelfDeletion.class);

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Only ever asked for by the citizen, never set by the server.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(page(context, freshAtHighestLevel(context)).createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        UserModel user = context.getUser();
        if (!form.containsKey("confirm")) {
            requiredActionChallenge(context);
            return;
        }
        if (!freshAtHighestLevel(context)) {
            context.getEvent().event(EventType.DELETE_ACCOUNT_ERROR).detail(Details.REASON, "level").error(Errors.NOT_ALLOWED);
            context.challenge(page(context, false).createForm(TEMPLATE));
            return;
        }
        KeycloakSession session = context.getSession();
        if (!blockingOrganisations(context).isEmpty()) {
            context.getEvent().event(EventType.DELETE_ACCOUNT_ERROR).detail(Details.REASON, "last_organisation_administrator")
                    .error(Errors.NOT_ALLOWED);
            context.challenge(page(context, false).createForm(TEMPLATE));
            return;
        }
        String username = user.getUsername();
        if (!new UserManager(session).removeUser(context.getRealm(), user)) {
            LOG.warnf("Account %s of realm %s could not be deleted", user.getId(), context.getRealm().getName());
            context.getEvent().event(EventType.DELETE_ACCOUNT_ERROR).error(Errors.USER_DELETE_ERROR);
            context.challenge(page(context, true).setError("skDeleteFailed").createForm(TEMPLATE));
            return;
        }
        context.getEvent().event(EventType.DELETE_ACCOUNT).user(user).detail(Details.USERNAME, username).success();
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        new AuthenticationSessionManager(session).removeAuthenticationSession(authSession.getRealm(), authSession, true);
        context.challenge(context.form().setAttribute("messageHeader", "").setInfo("skAccountDeleted").createForm("info.ftl"));
    }

    /**
     * True if the account authenticated in this very login, not by a kept session, and reached its highest
     * level here: for an account with an ID card, the card was read in this login.
     */
    static boolean freshAtHighestLevel(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        if (user == null || AuthenticatorUtil.isSSOAuthentication(authSession)) {
            return false;
        }
        return AccountLevelAuthenticator.highestLevel(user) != TrustLevel.HOCH
                || user.getId().equals(authSession.getAuthNote(EidAuthenticator.NOTE_DONE));
    }

    /**
     * What the account is still needed for, by every installed {@link SelfDeletionVeto} (the organisations module:
     * organisations whose last administrator the person is while other members remain); while there is anything,
     * the account is not deleted (the members would be left without anyone to manage the organisation).
     */
    private static List<String> blockingOrganisations(RequiredActionContext context) {
        if (context.getUser() == null) {
            return List.of();
        }
        return context.getSession().getAllProviders(SelfDeletionVeto.class).stream()
                .flatMap(veto -> veto.blockingSelfDeletion(context.getRealm(), context.getUser()).stream())
                .toList();
    }

    private static org.keycloak.forms.login.LoginFormsProvider page(RequiredActionContext context, boolean allowed) {
        List<String> blocking = blockingOrganisations(context);
        return context.form()
                .setAttribute("skDeleteAllowed", allowed && blocking.isEmpty())
                .setAttribute("skDeleteLastAdminOf", String.join(", ", blocking))
                .setAttribute("skDeleteNeedsCard", AccountLevelAuthenticator.highestLevel(context.getUser()) == TrustLevel.HOCH);
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    /**
     * Keycloak asks for a new login before this action when {@code authTime + maxAuthAge < now} in whole seconds;
     * with -1 that holds for every session, also one that logged in within the same second.
     */
    @Override
    public int getMaxAuthAge(KeycloakSession session) {
        return -1;
    }

    @Override
    public String getDisplayText() {
        return "Servicekonto: delete own account";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return List.of();
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
