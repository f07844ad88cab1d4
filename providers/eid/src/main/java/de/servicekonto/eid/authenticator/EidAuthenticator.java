package de.servicekonto.eid.authenticator;

import de.servicekonto.activity.ActivityLog;
import de.servicekonto.activity.ActivityType;
import de.servicekonto.eid.EidClientLink;
import de.servicekonto.eid.EidResult;
import de.servicekonto.eid.Pseudonym;
import de.servicekonto.eid.account.EidAttributes;
import de.servicekonto.eid.account.EidLinking;
import de.servicekonto.eid.server.EidPerson;
import de.servicekonto.eid.server.EidServerException;
import de.servicekonto.eid.server.GetResultResponse;
import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.authenticator.NoCredentialAuthenticator;
import de.servicekonto.trustlevel.authenticator.ProtocolErrors;
import de.servicekonto.trustlevel.means.Means;
import de.servicekonto.trustlevel.means.PortalRequest;
import de.servicekonto.trustlevel.saml.TrustLevelAttributes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Login with the Online-Ausweisfunktion: trust level hoch (BSI TR-03124-1, TR-03130-1).
 *
 * <ol>
 *   <li>{@link #authenticate}: a page with the button "Mit Online-Ausweis anmelden" that opens the eID-Client with a
 *       TC Token URL naming this authentication session ({@link TcTokenTickets}, {@link TcTokenResource}).</li>
 *   <li>The eID-Client sends the browser back to this execution's action URL (the TC Token's RefreshAddress) with
 *       {@code ResultMajor}; {@link #action} fetches the result from the eID-Server ({@code getResult}). Only that
 *       answer counts, and only once: the eID session is taken out of the authentication session before asking.</li>
 *   <li>The card's pseudonym hash finds the account, or, after the citizen confirms the data, creates one, adds the
 *       card to the password account identified before (Hochstufung) or links a new card. A card is linked to an
 *       existing account only if it names that account's person ({@link de.servicekonto.eid.account.SamePerson}),
 *       the account's identity is never overwritten, and every link is mailed to the owner and written to the
 *       owner's activity log.</li>
 * </ol>
 *
 * <p>Where it sits (realm-config, docs/eid.md): first, behind {@link EidFirstCondition}, when a portal needs more than
 * niedrig; as the alternative to the password at niedrig ("Anderen Weg wählen"); after the password in the
 * substanziell and hoch sub-flows (Hochstufung).
 */
final class EidAuthenticator implements NoCredentialAuthenticator {

    static final String TEMPLATE_START = "sk-eid-login.ftl";
    static final String TEMPLATE_CONFIRM = "sk-eid-confirm.ftl";
    static final String TEMPLATE_ERROR = "sk-eid-error.ftl";

    /** Authentication-session note: the eID-Server's session, set when the eID-Client fetched the TC Token. */
    static final String NOTE_SESSION = "sk-eid.session";
    /** Authentication-session note: useID failed at the TC Token endpoint (an {@link EidResult} name). */
    static final String NOTE_ERROR = "sk-eid.error";
    /** Authentication-session note: the chip's data waiting for the citizen's confirmation. */
    static final String NOTE_PENDING = "sk-eid.pending";
    /** Authentication-session note: SHA-256 of the nonce only the TC Token's RefreshAddress carries. */
    static final String NOTE_NONCE = "sk-eid.nonce";
    /** Authentication-session note: the account the card was read for in this login (no second reading). */
    static final String NOTE_DONE = "sk-eid.done";
    /** Query parameter of the RefreshAddress with the nonce (see {@link TcTokenResource}). */
    static final String NONCE_PARAMETER = "sk_eid_nonce";
    private static final int MAX_PASSWORD = 1024;

    static final String MEANS = "eID";
    private static final int MAX_PARAMETER = 512;
    private static final Logger LOG = Logger.getLogger(EidAuthenticator.class);

    private final EidServers servers;

    EidAuthenticator(EidServers servers) {
        this.servers = servers;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        PortalRequest request = PortalRequest.of(context.getAuthenticationSession());
        if (!request.allows(Means.EID)) {
            if (context.getExecution().isAlternative() && request.allows(Means.BENUTZERNAME)) {
                context.attempted();
            } else {
                // The portal excluded the card, and nothing else here reaches what it asked for.
                context.getEvent().detail("sk_means", MEANS).error(Errors.NOT_ALLOWED);
                context.forceChallenge(ProtocolErrors.unreachableLevel(context.getSession(), context.getAuthenticationSession(),
                        "The portal's allowed means (akdb:AuthnMethods) exclude what this login needs"));
            }
            return;
        }
        UserModel user = context.getUser();
        if (user != null && user.getId().equals(context.getAuthenticationSession().getAuthNote(NOTE_DONE))) {
            // The card was read in this login already (a re-authentication runs every level's sub-flow).
            finish(context, user, EidLinking.Outcome.LOGIN);
            return;
        }
        start(context);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = HttpMethod.POST.equals(context.getHttpRequest().getHttpMethod())
                ? context.getHttpRequest().getDecodedFormParameters() : new MultivaluedHashMap<>();
        if (form.containsKey("confirm")) {
            confirm(context);
        } else if (form.containsKey("usePassword") && context.getUser() == null
                && PortalRequest.of(context.getAuthenticationSession()).allows(Means.BENUTZERNAME)) {
            // "Ich habe schon ein Servicekonto": username and password first, the card afterwards if still needed.
            context.getAuthenticationSession().setClientNote(EidFirstCondition.PASSWORD_FIRST, "true");
            context.resetFlow();
        } else if (form.containsKey("back")) {
            context.getEvent().error(Errors.NOT_ALLOWED);
            context.forceChallenge(ProtocolErrors.unreachableLevel(context.getSession(), context.getAuthenticationSession(),
                    "The citizen did not complete the eID login"));
        } else {
            MultivaluedMap<String, String> query = context.getUriInfo().getQueryParameters();
            if (query.containsKey("ResultMajor") && form.isEmpty()) {
                returned(context, query.getFirst("ResultMajor"), query.getFirst("ResultMinor"), query.getFirst(NONCE_PARAMETER));
            } else {
                start(context);
            }
        }
    }

    /** Shows the page with the eID button and a fresh TC Token URL. */
    private void start(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        authSession.removeAuthNote(NOTE_SESSION);
        authSession.removeAuthNote(NOTE_PENDING);
        authSession.removeAuthNote(NOTE_ERROR);
        authSession.removeAuthNote(NOTE_NONCE);
        Optional<EidSettings> settings;
        try {
            settings = EidSettings.parse(config(context));
        } catch (IllegalArgumentException e) {
            // Configured but not usable (a missing trust store, for instance): the operator's problem, never a 500.
            LOG.errorf("eID login of realm %s is switched off until its settings are fixed: %s",
                    context.getRealm().getName(), e.getMessage());
            context.challenge(portalForm(context).setAttribute("skEidUnavailable", true)
                    .setAttribute("skEidMessage", "skEidTemporarilyUnavailable").createForm(TEMPLATE_ERROR));
            return;
        }
        // The RefreshAddress is this execution's action URL with the page's own session code.
        URI refreshAddress = context.getActionUrl(context.generateAccessCode());
        if (settings.isEmpty() || !EidClientLink.acceptable(refreshAddress)) {
            if (settings.isPresent()) {
                LOG.errorf("Realm %s is reached over plain http on a public address; the eID-Client needs https",
                        context.getRealm().getName());
            }
            context.challenge(context.form().setAttribute("skEidUnavailable", true).createForm(TEMPLATE_ERROR));
            return;
        }
        LoginFormsProvider form = portalForm(context);
        TrustLevel.fromLoa(EidFirstCondition.requestedLevel(context)).filter(level -> level != TrustLevel.NIEDRIG)
                .ifPresent(level -> form.setAttribute("skRequiredLevel", level.germanName()));
        String ref = TcTokenTickets.issue(context.getSession(), authSession, configModel(context).getId(), refreshAddress);
        URI tcTokenUrl = TcTokenResource.url(context.getUriInfo(), context.getRealm(), ref);
        context.challenge(form
                .setAttribute("skEidDesktopLink", EidClientLink.desktop(settings.get().clientUrl(), tcTokenUrl).toString())
                .setAttribute("skEidMobileLink", EidClientLink.mobile(tcTokenUrl).toString())
                .setAttribute("skEidUpgrade", context.getUser() != null)
                .setAttribute("skEidPasswordChoice", context.getUser() == null
                        && PortalRequest.of(authSession).allows(Means.BENUTZERNAME))
                .createForm(TEMPLATE_START));
    }

    /** The browser is back from the eID-Client at the RefreshAddress. */
    private void returned(AuthenticationFlowContext context, String major, String minor, String nonce) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        // One answer per eID session: whatever happens next, this session cannot be asked about again.
        String eidSession = authSession.getAuthNote(NOTE_SESSION);
        String useIdError = authSession.getAuthNote(NOTE_ERROR);
        String nonceHash = authSession.getAuthNote(NOTE_NONCE);
        authSession.removeAuthNote(NOTE_SESSION);
        authSession.removeAuthNote(NOTE_ERROR);
        authSession.removeAuthNote(NOTE_NONCE);
        authSession.removeAuthNote(TcTokenTickets.NOTE_REF);
        // Only the eID-Client that fetched this login's TC Token knows the nonce of its RefreshAddress. Without this
        // check, whoever started a login could let someone else's card be read for it (the TC Token link can be
        // passed on) and then finish it himself with the page's own action URL.
        boolean fromThisTcToken = eidSession != null && nonceHash != null && nonce != null
                && nonce.length() <= MAX_PARAMETER && TcTokenResource.nonceMatches(nonce, nonceHash);

        Optional<EidResult> clientError = EidResult.ofRefreshAddress(bounded(major), bounded(minor));
        if (clientError.isPresent()) {
            fail(context, clientError.get(), "eID-Client reported " + clientError.get());
            return;
        }
        if (useIdError != null) {
            fail(context, EidResult.valueOf(useIdError), "useID failed");
            return;
        }
        if (!fromThisTcToken) {
            // "ok" without an eID session of this login, or not from its TC Token: forged, replayed or relayed.
            fail(context, EidResult.SESSION_INVALID, "no eID session of this TC Token");
            return;
        }
        Optional<EidSettings> settings = settings(context);
        if (settings.isEmpty()) {
            fail(context, EidResult.SERVER_BUSY, "eID not configured");
            return;
        }
        GetResultResponse result;
        try {
            result = servers.client(context.getSession(), settings.get(), config(context)).getResult(eidSession, 1);
        } catch (EidServerException e) {
            LOG.warnf("getResult failed in realm %s: %s", context.getRealm().getName(), e.getMessage());
            fail(context, EidResult.SERVER_BUSY, "getResult failed");
            return;
        } catch (RuntimeException e) {
            // Keystore, vault or TLS set-up unusable: an operator's problem, the citizen reads "not possible now".
            LOG.errorf("eID-Server client of realm %s not usable: %s", context.getRealm().getName(), e.getMessage());
            fail(context, EidResult.SERVER_BUSY, "eID-Server client not usable");
            return;
        }
        if (!result.ok()) {
            fail(context, result.result(), "getResult: " + result.resultMinor());
            return;
        }
        if (settings.get().minimumAge() > 0 && !Boolean.TRUE.equals(result.fulfilsAgeVerification())) {
            fail(context, EidResult.AGE_NOT_MET, "age verification not fulfilled");
            return;
        }
        // hoch is asserted only if the eID-Server confirms it.
        if (!EidSettings.LEVEL_OF_ASSURANCE.equals(result.levelOfAssuranceResult())) {
            fail(context, EidResult.DOCUMENT_DENIED, "level of assurance " + result.levelOfAssuranceResult());
            return;
        }
        EidPerson person = result.person();
        if (person == null || person.restrictedId() == null || person.givenNames() == null
                || person.familyNames() == null || person.dateOfBirth() == null) {
            fail(context, EidResult.OTHER_ERROR, "getResult lacks names, birth date or pseudonym");
            return;
        }
        String pseudonym;
        try {
            pseudonym = pseudonym(context).of(person.restrictedId());
        } catch (IllegalArgumentException e) {
            fail(context, EidResult.OTHER_ERROR, "unusable RestrictedID");
            return;
        }
        link(context, pseudonym, EidAttributes.of(person));
    }

    private void link(AuthenticationFlowContext context, String pseudonym, Map<String, String> chip) {
        EidAccounts accounts = new EidAccounts(context.getSession(), context.getRealm());
        UserModel current = context.getUser();
        Optional<EidLinking.Outcome> decided = decide(context, accounts, current, pseudonym, chip);
        if (decided.isEmpty()) {
            return;
        }
        EidLinking.Outcome outcome = decided.get();
        switch (outcome) {
            case LOGIN -> finish(context, current != null ? current : accounts.byPseudonym(pseudonym).orElseThrow(), outcome);
            case CREATE, UPGRADE, RELINK -> {
                PendingLink pending = PendingLink.of(outcome, pseudonym, chip);
                context.getAuthenticationSession().setAuthNote(NOTE_PENDING, pending.toJson());
                showConfirmation(context, pending, null);
            }
            default -> refuse(context, current, outcome, accounts);
        }
    }

    /**
     * The accounts' answer for this card, or empty after the citizen was shown that nothing can be done now (card
     * linked to several accounts, realm without the activity log the link needs: logged for the operator).
     */
    private Optional<EidLinking.Outcome> decide(AuthenticationFlowContext context, EidAccounts accounts, UserModel current,
                                                String pseudonym, Map<String, String> chip) {
        try {
            return Optional.of(accounts.decide(current, pseudonym, chip));
        } catch (IllegalStateException e) {
            LOG.errorf("eID login refused in realm %s: %s", context.getRealm().getName(), e.getMessage());
            fail(context, EidResult.OTHER_ERROR, "accounts cannot decide on this card");
            return Optional.empty();
        }
    }

    /**
     * A card that is not linked to the identified account: nothing changes on the account, no level is reached, the
     * page says why and what to do, and the owner's activity log shows the attempt.
     */
    private void refuse(AuthenticationFlowContext context, UserModel current, EidLinking.Outcome outcome, EidAccounts accounts) {
        String message;
        String advice = null;
        String argument = null;
        switch (outcome) {
            case PSEUDONYM_TAKEN -> message = "skEidPseudonymTaken";
            case UPGRADE_MISMATCH -> {
                message = "skEidUpgradeMismatch";
                advice = "skEidUpgradeMismatchAdvice";
            }
            case RELINK_MISMATCH -> {
                message = "skEidRelinkMismatch";
                advice = "skEidRelinkMismatchAdvice";
            }
            case ACCOUNT_INCOMPLETE -> {
                message = "skEidAccountIncomplete";
                advice = "skEidAccountIncompleteAdvice";
            }
            case RECENTLY_CHANGED -> {
                message = "skEidRecentlyChanged";
                advice = "skEidRecentlyChangedAdvice";
                argument = String.valueOf(accounts.waitDays());
            }
            default -> throw new IllegalStateException("not a refusal: " + outcome);
        }
        ActivityLog.eidCard(context.getSession(), context.getRealm(), current, context.getAuthenticationSession().getClient(),
                ActivityType.EID_CARD_REFUSED, outcome.name());
        LOG.debugf("eID login not completed in realm %s: card refused for the account (%s)", context.getRealm().getName(), outcome);
        context.getEvent().user(current).detail("sk_means", MEANS).detail("sk_eid_outcome", outcome.name())
                .detail("reason", message).error(Errors.INVALID_USER_CREDENTIALS);
        LoginFormsProvider form = portalForm(context).setAttribute("skEidMessage", message);
        if (advice != null) {
            form.setAttribute("skEidAdvice", advice);
        }
        if (argument != null) {
            form.setAttribute("skEidMessageArgument", argument);
        }
        context.challenge(form.createForm(TEMPLATE_ERROR));
    }

    private static void showConfirmation(AuthenticationFlowContext context, PendingLink pending, String error) {
        LoginFormsProvider form = portalForm(context)
                .setAttribute("skEidOutcome", pending.outcome().name())
                .setAttribute("skEidData", EidDataView.of(pending.chip()))
                .setAttribute("skEidNeedsPassword", needsPassword(context, pending));
        if (error != null) {
            form.setError(error);
        }
        context.challenge(form.createForm(TEMPLATE_CONFIRM));
    }

    /**
     * Changing an existing account (Hochstufung, new card) needs its password in this very login: a session kept
     * from earlier (single sign-on on a shared computer) must not let someone else's card into the account.
     */
    private static boolean needsPassword(AuthenticationFlowContext context, PendingLink pending) {
        return pending.outcome() != EidLinking.Outcome.CREATE
                && !AuthenticatorUtil.isPasswordValidated(context.getAuthenticationSession());
    }

    /** Checks the password typed on the confirmation page, with Keycloak's brute-force protection. */
    private static boolean passwordConfirmed(AuthenticationFlowContext context, PendingLink pending, UserModel user,
                                             MultivaluedMap<String, String> form) {
        if (!needsPassword(context, pending)) {
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

    /** The citizen confirmed the data shown: create, upgrade or re-link, then log in. */
    private void confirm(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String note = authSession.getAuthNote(NOTE_PENDING);
        authSession.removeAuthNote(NOTE_PENDING);
        Optional<PendingLink> pending = PendingLink.fromJson(note);
        if (pending.isEmpty()) {
            start(context);
            return;
        }
        if (context.getUser() != null && !passwordConfirmed(context, pending.get(), context.getUser(),
                context.getHttpRequest().getDecodedFormParameters())) {
            authSession.setAuthNote(NOTE_PENDING, note);
            showConfirmation(context, pending.get(), "skEidPasswordWrong");
            return;
        }
        EidAccounts accounts = new EidAccounts(context.getSession(), context.getRealm());
        if (!accounts.lock(pending.get().pseudonym())) {
            fail(context, "skEidCardBusy", Errors.INVALID_USER_CREDENTIALS, "concurrent linking of the same card");
            return;
        }
        // Decide again: another login may have linked the card, or the account may have changed, since the page was shown.
        Optional<EidLinking.Outcome> decided = decide(context, accounts, context.getUser(), pending.get().pseudonym(),
                pending.get().chip());
        if (decided.isEmpty()) {
            return;
        }
        EidLinking.Outcome now = decided.get();
        if (now != pending.get().outcome()) {
            link(context, pending.get().pseudonym(), pending.get().chip());
            return;
        }
        UserModel user = switch (now) {
            case CREATE -> accounts.create(pending.get().pseudonym(), pending.get().chip());
            case UPGRADE, RELINK -> linked(context, accounts.link(context.getUser(), pending.get().pseudonym(),
                    pending.get().chip()), now);
            default -> throw new IllegalStateException("not a confirmable outcome: " + now);
        };
        finish(context, user, now);
    }

    /** After a card was linked to an existing account: the owner's activity log, and a mail to the owner. */
    private static UserModel linked(AuthenticationFlowContext context, UserModel user, EidLinking.Outcome outcome) {
        ActivityLog.eidCard(context.getSession(), context.getRealm(), user, context.getAuthenticationSession().getClient(),
                ActivityType.EID_CARD_LINKED, outcome.name());
        CardLinkMail.afterCommit(context.getSession(), context.getRealm(), user, outcome);
        return user;
    }

    private void finish(AuthenticationFlowContext context, UserModel user, EidLinking.Outcome outcome) {
        if (!user.isEnabled()) {
            fail(context, "skEidAccountDisabled", Errors.USER_DISABLED, "account disabled");
            return;
        }
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        boolean identifiedHere = context.getUser() == null;
        context.setUser(user);
        // eID reaches hoch, and with it every level below (niedrig too when the card identified the citizen): the
        // level conditions after this execution see them as reached, and the SSO session keeps them.
        AcrStore acr = new AcrStore(context.getSession(), authSession);
        for (TrustLevel level : TrustLevel.values()) {
            if (level != TrustLevel.NIEDRIG || identifiedHere) {
                acr.setLevelAuthenticated(level.loa());
                authSession.setUserSessionNote(TrustLevelAttributes.meansNote(level.loa()), MEANS);
            }
        }
        // Keycloak copies the level map into the user session only when a level condition ran; eID may run first.
        authSession.setUserSessionNote(Constants.LOA_MAP, authSession.getAuthNote(Constants.LOA_MAP));
        authSession.setAuthNote(NOTE_DONE, user.getId());
        context.getEvent().user(user).detail("sk_means", MEANS).detail("sk_eid_outcome", outcome.name());
        context.success();
    }

    private void fail(AuthenticationFlowContext context, EidResult result, String log) {
        fail(context, result.messageKey(), result == EidResult.CANCELLED_BY_USER ? Errors.REJECTED_BY_USER : Errors.INVALID_USER_CREDENTIALS, log);
    }

    /**
     * Shows the reason in plain German with "try again" and "back to the service". Not {@code context.failure()}:
     * nothing here is a guessed secret, and a cancelled or expired card must not lock the citizen's account.
     */
    private void fail(AuthenticationFlowContext context, String messageKey, String eventError, String log) {
        LOG.debugf("eID login not completed in realm %s: %s", context.getRealm().getName(), log);
        context.getEvent().detail("sk_means", MEANS).detail("reason", messageKey).error(eventError);
        context.challenge(portalForm(context).setAttribute("skEidMessage", messageKey).createForm(TEMPLATE_ERROR));
    }

    /** The form with the portal's display name ({@code akdb:DisplayInformation}) for the page header. */
    private static LoginFormsProvider portalForm(AuthenticationFlowContext context) {
        LoginFormsProvider form = context.form();
        PortalRequest.of(context.getAuthenticationSession()).displayName()
                .ifPresent(name -> form.setAttribute("skPortalDisplayName", name));
        return form;
    }

    private Optional<EidSettings> settings(AuthenticationFlowContext context) {
        try {
            return EidSettings.parse(config(context));
        } catch (IllegalArgumentException e) {
            LOG.errorf("eID settings of realm %s are not usable: %s", context.getRealm().getName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, String> config(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = configModel(context);
        return config == null || config.getConfig() == null ? Map.of() : config.getConfig();
    }

    /**
     * The execution's own settings, else the realm's shared ones (alias {@value EidAuthenticatorFactory#SHARED_CONFIG}),
     * so the eID-Server is configured once for all levels' sub-flows (and flow copies keep working).
     */
    private static AuthenticatorConfigModel configModel(AuthenticationFlowContext context) {
        AuthenticatorConfigModel own = context.getAuthenticatorConfig();
        return own != null ? own : context.getRealm().getAuthenticatorConfigByAlias(EidAuthenticatorFactory.SHARED_CONFIG);
    }

    private static Pseudonym pseudonym(AuthenticationFlowContext context) {
        return EidServers.pseudonym(context.getSession(), config(context));
    }

    private static String bounded(String value) {
        return value == null || value.length() > MAX_PARAMETER ? null : value;
    }
}
