package de.servicekonto.eid.authenticator;

import de.servicekonto.activity.ActivityLog;
import de.servicekonto.activity.ActivityType;
import de.servicekonto.eid.EidClientLink;
import de.servicekonto.eid.EidResult;
import de.servicekonto.eid.account.EidLinking;
import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.authenticator.NoCredentialAuthenticator;
import de.servicekonto.trustlevel.authenticator.ProtocolErrors;
import de.servicekonto.trustlevel.certificate.CertificateBinding;
import de.servicekonto.trustlevel.means.Means;
import de.servicekonto.trustlevel.means.MeansOfferPage;
import de.servicekonto.trustlevel.means.PortalRequest;
import de.servicekonto.trustlevel.passkey.PasskeyManagement;
import de.servicekonto.trustlevel.saml.TrustLevelAttributes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.Errors;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Login with the Online-Ausweisfunktion: trust level hoch (BSI TR-03124-1, TR-03130-1).
 *
 * <ol>
 *   <li>{@link #authenticate}: a page with the button "Mit Online-Ausweis anmelden" that opens the eID-Client with a
 *       TC Token URL naming this authentication session ({@link TcTokenTickets}, {@link TcTokenResource}).</li>
 *   <li>The eID-Client sends the browser back to this execution's action URL (the TC Token's RefreshAddress) with
 *       {@code ResultMajor}; {@link CardResults} checks it and fetches the result from the eID-Server
 *       ({@code getResult}).</li>
 *   <li>The card's pseudonym hash finds the account, or, after the citizen confirms the data, creates one, adds the
 *       card to the password account identified before (Hochstufung) or links a new card. A card is linked to an
 *       existing account only if it names that account's person ({@link de.servicekonto.eid.account.SamePerson}),
 *       the account's identity is never overwritten, and every link is mailed to the owner and written to the
 *       owner's activity log. The pages on the way: {@link EidPages}; the password a link needs: {@link PasswordCheck}.</li>
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

    static final String MEANS = "eID";
    private static final Logger LOG = Logger.getLogger(EidAuthenticator.class);

    private final CardResults cards;

    EidAuthenticator(EidServers servers) {
        this.cards = new CardResults(servers);
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
                cards.read(context, query.getFirst("ResultMajor"), query.getFirst("ResultMinor"), query.getFirst(NONCE_PARAMETER))
                        .ifPresent(card -> link(context, card.pseudonym(), card.chip()));
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
            settings = EidSettings.parse(EidConfig.config(context));
        } catch (IllegalArgumentException e) {
            // Configured but not usable (a missing trust store, for instance): the operator's problem, never a 500.
            LOG.errorf("eID login of realm %s is switched off until its settings are fixed: %s",
                    context.getRealm().getName(), e.getMessage());
            context.challenge(EidPages.portalForm(context).setAttribute("skEidUnavailable", true)
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
        LoginFormsProvider form = EidPages.portalForm(context);
        if (context.getUser() == null) {
            // The other means that reach the portal's level: passkey, partner states, EU eID.
            MeansOfferPage.offer(context, form);
        }
        TrustLevel.fromLoa(EidFirstCondition.requestedLevel(context)).filter(level -> level != TrustLevel.NIEDRIG)
                .ifPresent(level -> form.setAttribute("skRequiredLevel", level.germanName()));
        String ref = TcTokenTickets.issue(context.getSession(), authSession, EidConfig.configModel(context).getId(), refreshAddress);
        URI tcTokenUrl = TcTokenResource.url(context.getUriInfo(), context.getRealm(), ref);
        context.challenge(form
                .setAttribute("skEidDesktopLink", EidClientLink.desktop(settings.get().clientUrl(), tcTokenUrl).toString())
                .setAttribute("skEidMobileLink", EidClientLink.mobile(tcTokenUrl).toString())
                .setAttribute("skEidUpgrade", context.getUser() != null)
                .setAttribute("skEidPasswordChoice", context.getUser() == null
                        && PortalRequest.of(authSession).allows(Means.BENUTZERNAME))
                .createForm(TEMPLATE_START));
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
                EidPages.confirmation(context, pending, null);
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
            EidPages.fail(context, EidResult.OTHER_ERROR, "accounts cannot decide on this card");
            return Optional.empty();
        }
    }

    /**
     * A card that is not linked to the identified account: nothing changes on the account, no level is reached, the
     * page says why and what to do, and the owner's activity log shows the attempt.
     */
    private void refuse(AuthenticationFlowContext context, UserModel current, EidLinking.Outcome outcome, EidAccounts accounts) {
        EidPages.Refusal refusal = EidPages.Refusal.of(outcome);
        ActivityLog.eidCard(context.getSession(), context.getRealm(), current, context.getAuthenticationSession().getClient(),
                ActivityType.EID_CARD_REFUSED, outcome.name());
        LOG.debugf("eID login not completed in realm %s: card refused for the account (%s)", context.getRealm().getName(), outcome);
        context.getEvent().user(current).detail("sk_means", MEANS).detail("sk_eid_outcome", outcome.name())
                .detail("reason", refusal.message()).error(Errors.INVALID_USER_CREDENTIALS);
        EidPages.refusal(context, refusal,
                outcome == EidLinking.Outcome.RECENTLY_CHANGED ? String.valueOf(accounts.waitDays()) : null);
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
        if (context.getUser() != null && !PasswordCheck.confirmed(context, pending.get(), context.getUser(),
                context.getHttpRequest().getDecodedFormParameters())) {
            authSession.setAuthNote(NOTE_PENDING, note);
            EidPages.confirmation(context, pending.get(), "skEidPasswordWrong");
            return;
        }
        EidAccounts accounts = new EidAccounts(context.getSession(), context.getRealm());
        if (!accounts.lock(pending.get().pseudonym())) {
            EidMeters.failure(context.getRealm().getName(), EidMeters.CARD_BUSY);
            EidPages.fail(context, "skEidCardBusy", Errors.INVALID_USER_CREDENTIALS, "concurrent linking of the same card");
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
        if (outcome == EidLinking.Outcome.UPGRADE) {
            int removed = PasskeyManagement.unbindOnCardUpgrade(user);
            if (removed > 0) {
                context.getEvent().detail("sk_passkeys_removed", Integer.toString(removed));
            }
            // Likewise a certificate bound with only the password; the binding step at the end of this login offers
            // to bind it again, now confirmed by the card.
            if (CertificateBinding.unbindIfBoundWithThePassword(user)) {
                context.getEvent().detail("sk_certificate_removed", "true");
            }
        }
        ActivityLog.eidCard(context.getSession(), context.getRealm(), user, context.getAuthenticationSession().getClient(),
                ActivityType.EID_CARD_LINKED, outcome.name());
        CardLinkMail.afterCommit(context.getSession(), user, outcome);
        return user;
    }

    private void finish(AuthenticationFlowContext context, UserModel user, EidLinking.Outcome outcome) {
        if (!user.isEnabled()) {
            EidPages.fail(context, "skEidAccountDisabled", Errors.USER_DISABLED, "account disabled");
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
}
