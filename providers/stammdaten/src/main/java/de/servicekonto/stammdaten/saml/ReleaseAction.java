package de.servicekonto.stammdaten.saml;

import de.servicekonto.trustlevel.broker.BrokeredValues;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.means.Means;
import de.servicekonto.trustlevel.means.PortalRequest;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.keycloak.Config;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserConsentModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.services.managers.UserConsentManager;
import org.keycloak.services.resources.LoginActionsService;
import org.keycloak.services.validation.Validation;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.userprofile.Attributes;
import org.keycloak.userprofile.EventAuditingAttributeChangeListener;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * Required action {@value #ID}: before a BundID portal (signed AuthnRequest with {@code akdb:RequestedAttributes})
 * receives Stammdaten, the citizen sees what it would receive. Added to that login only, after the account is known,
 * like {@code sk-organisation-choice}; one page at a time, worked out afresh each time from the account:
 * <ol>
 *     <li>a required attribute only the ID card can give (the card's document type, a value the card locked): the
 *     card step, which runs the browser flow again at hoch for the same account;</li>
 *     <li>a required attribute the citizen may enter: a form for exactly those fields, checked by the realm's user
 *     profile and saved to the account (so released as self-entered);</li>
 *     <li>the consent page naming the portal and each attribute with its value and origin, unless Keycloak holds a
 *     consent of this account for this portal that covers exactly these attributes ({@link ConsentMarks}).</li>
 * </ol>
 * "Abbrechen" and "Ablehnen" fail the action, which Keycloak answers to a SAML portal with {@code RequestDenied}.
 */
public final class ReleaseAction implements RequiredActionProvider, RequiredActionFactory {

    public static final String ID = "sk-bundid-release";
    /**
     * Client note: the Stammdaten names the consent given in this login covers, as the activity log writes them;
     * {@link BundIdProfile} then records no second release for the same assertion.
     */
    static final String CONSENTED_NOTE = "sk-release.consented";
    private static final String DONE = "sk-release.done";
    static final String TEMPLATE = "sk-bundid-release.ftl";
    /** Longest value a field of the page accepts before the user profile sees it (its own limits are lower). */
    static final int MAX_FIELD = 1000;

    enum Step { NONE, CARD, DATA, CONSENT }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (authSession.getAuthNote(DONE) != null) {
            return;
        }
        if (!SamlProtocol.LOGIN_PROTOCOL.equals(authSession.getProtocol())) {
            authSession.setAuthNote(DONE, "none");
            return;
        }
        // Keycloak keeps client-session notes of an earlier login to the same portal: say afresh what this one consented.
        authSession.setClientNote(CONSENTED_NOTE, "");
        if ("true".equals(authSession.getClientNote(BundIdProfile.MALFORMED_NOTE))
                || AkdbRequest.fromNote(authSession.getClientNote(AkdbRequest.NOTE)).map(r -> r.requested().isEmpty()).orElse(true)) {
            authSession.setAuthNote(DONE, "none");
            return;
        }
        authSession.addRequiredAction(ID);
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        View view = new View(context);
        switch (view.step()) {
            case NONE -> done(context);
            case CARD -> context.challenge(view.cardPage());
            case DATA -> context.challenge(view.dataPage(Map.of(), List.of()));
            case CONSENT -> context.challenge(view.consentPage(null));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("cancel")) {
            context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).detail(Details.CUSTOM_REQUIRED_ACTION, ID)
                    .error(Errors.REJECTED_BY_USER);
            context.failure();
            return;
        }
        View view = new View(context);
        Step step = view.step();
        if (step == Step.CARD && form.containsKey("card") && view.cardPossible()) {
            context.challenge(startCardStep(context));
        } else if (step == Step.DATA && form.containsKey("save")) {
            save(context, view, form);
        } else if (step == Step.CONSENT && form.containsKey("accept")) {
            // Consent to what the page showed: if the account changed in between, show the page again.
            if (!String.join(",", view.plan().releasedSources()).equals(form.getFirst("released"))) {
                context.challenge(view.consentPage("skReleaseChanged"));
                return;
            }
            grant(context, view.plan().releasedSources());
            done(context);
        } else {
            requiredActionChallenge(context);
        }
    }

    private static void done(RequiredActionContext context) {
        context.getAuthenticationSession().setAuthNote(DONE, "done");
        context.success();
    }

    /** The fields typed in, checked by the realm's user profile as the profile form would, then saved together. */
    private void save(RequiredActionContext context, View view, MultivaluedMap<String, String> form) {
        UserProfileProvider profiles = context.getSession().getProvider(UserProfileProvider.class);
        UserModel user = context.getUser();
        Attributes current = profiles.create(UserProfileContext.UPDATE_PROFILE, user).getAttributes();
        // The whole profile as it is, with the page's fields over it: attributes left out would count as emptied.
        Map<String, List<String>> values = new HashMap<>(current.getReadable());
        Map<String, String> entered = new LinkedHashMap<>();
        for (String field : view.fields()) {
            String value = form.getFirst(field);
            value = value == null ? "" : value.strip();
            if (value.length() > MAX_FIELD) {
                value = value.substring(0, MAX_FIELD);
            }
            entered.put(field, value);
            values.put(field, value.isEmpty() ? List.of() : List.of(value));
        }
        UserProfile profile = profiles.create(UserProfileContext.UPDATE_PROFILE, values, user);
        EventBuilder event = context.getEvent().clone().event(EventType.UPDATE_PROFILE)
                .detail(Details.CONTEXT, UserProfileContext.UPDATE_PROFILE.name());
        try {
            profile.update(false, new EventAuditingAttributeChangeListener(profile, event));
        } catch (ValidationException e) {
            event.error(Errors.INVALID_INPUT);
            context.challenge(view.dataPage(entered, Validation.getFormErrorsFromValidation(e.getErrors())));
            return;
        }
        event.success();
        requiredActionChallenge(context);
    }

    /**
     * Keycloak's consent record for the portal (listed and revocable in the account console's applications page),
     * the names it covers, the event {@code GRANT_CONSENT} (the owner's activity log records it as the release).
     */
    private static void grant(RequiredActionContext context, Set<String> names) {
        UserModel user = context.getUser();
        ClientModel client = context.getAuthenticationSession().getClient();
        UserConsentModel consent = UserConsentManager.getConsentByClient(context.getSession(), context.getRealm(), user, client.getId());
        if (consent == null) {
            UserConsentManager.addConsent(context.getSession(), context.getRealm(), user, new UserConsentModel(client));
        } else {
            UserConsentManager.updateConsent(context.getSession(), context.getRealm(), user, consent);
        }
        user.setAttribute(ConsentMarks.ATTRIBUTE, ConsentMarks.with(user.getAttributeStream(ConsentMarks.ATTRIBUTE).toList(),
                client.getId(), names));
        String released = String.join(", ", names);
        context.getAuthenticationSession().setClientNote(CONSENTED_NOTE, released);
        context.getEvent().clone().event(EventType.GRANT_CONSENT).detail(Details.CONSENT, ID).detail(Details.SCOPE, released)
                .success();
    }

    /**
     * The browser flow again, at hoch, for the account already known: the levels this login reached stay (so the
     * password is not asked again; Keycloak's level conditions skip what the level map shows), and the flow's eID
     * step links the card to this account and stores its data. Keycloak's flow reset (26.7.3) forgets the account,
     * the auth notes and the user-session notes (the means used per level among them); those the login still needs
     * are put back.
     */
    private static Response startCardStep(RequiredActionContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel user = context.getUser();
        Map<String, String> kept = new HashMap<>();
        for (String note : List.of(Constants.LOA_MAP, Constants.LEVEL_OF_AUTHENTICATION, SamlProtocol.SAML_LOGIN_REQUEST_FORCEAUTHN)) {
            Optional.ofNullable(authSession.getAuthNote(note)).ifPresent(value -> kept.put(note, value));
        }
        Map<String, String> userSessionNotes = new HashMap<>(authSession.getUserSessionNotes());
        AuthenticationProcessor.resetFlow(authSession, LoginActionsService.AUTHENTICATE_PATH);
        authSession.setAuthenticatedUser(user);
        kept.forEach(authSession::setAuthNote);
        userSessionNotes.forEach(authSession::setUserSessionNote);
        authSession.setClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION, String.valueOf(TrustLevel.HOCH.loa()));
        URI next = LoginActionsService.loginActionsBaseUrl(context.getUriInfo()).path(LoginActionsService.AUTHENTICATE_PATH)
                .queryParam(Constants.CLIENT_ID, authSession.getClient().getClientId())
                .queryParam(Constants.TAB_ID, authSession.getTabId())
                .queryParam(Constants.CLIENT_DATA, AuthenticationProcessor.getClientData(context.getSession(), authSession))
                .build(context.getRealm().getName());
        return Response.seeOther(next).build();
    }

    /** The plan of this login and the pages showing it. */
    private static final class View {

        private final RequiredActionContext context;
        private final ReleasePlan plan;
        private final List<ReleasePlan.Item> cardOnly = new ArrayList<>();
        private final List<ReleasePlan.Item> enterable = new ArrayList<>();
        private final Attributes profile;

        View(RequiredActionContext context) {
            this.context = context;
            AuthenticationSessionModel authSession = context.getAuthenticationSession();
            UserModel user = context.getUser();
            Map<String, Boolean> requested = AkdbRequest.fromNote(authSession.getClientNote(AkdbRequest.NOTE))
                    .map(AkdbRequest::requested).orElse(Map.of());
            this.plan = ReleasePlan.of(requested, allowLists(authSession.getClient()),
                    source -> BundIdAttributeMapper.value(user, source), name -> BundIdAttributeMapper.fromCard(user, name),
                    name -> BundIdAttributeMapper.fromPartner(user, name));
            this.profile = context.getSession().getProvider(UserProfileProvider.class)
                    .create(UserProfileContext.UPDATE_PROFILE, user).getAttributes();
            for (ReleasePlan.Item item : plan.missing()) {
                (editable(item.source()) ? enterable : cardOnly).add(item);
            }
        }

        /** One set per BundID mapper of the portal, its own or from its default client scopes, as SAML applies them. */
        private static List<Set<String>> allowLists(ClientModel client) {
            return Stream.concat(client.getProtocolMappersStream(),
                            client.getClientScopes(true).values().stream().flatMap(ClientScopeModel::getProtocolMappersStream))
                    .filter(mapper -> BundIdAttributeMapper.PROVIDER_ID.equals(mapper.getProtocolMapper()))
                    .map(BundIdAttributeMapper::allowed).toList();
        }

        ReleasePlan plan() {
            return plan;
        }

        /** Attributes the citizen may change in the profile form; anything else (unmanaged, locked by the card) only the card gives. */
        private boolean editable(String field) {
            return profile.getMetadata(field) != null && !profile.isReadOnly(field);
        }

        Step step() {
            if (!plan.unavailable().isEmpty()) {
                // Nothing the citizen could do gets the portal these: it receives RequestDenied, and nothing is released.
                return Step.NONE;
            }
            if (!cardOnly.isEmpty()) {
                // First, as the card may also bring what could otherwise be typed in.
                return Step.CARD;
            }
            if (!enterable.isEmpty()) {
                return Step.DATA;
            }
            if (plan.released().isEmpty() || consented()) {
                return Step.NONE;
            }
            return Step.CONSENT;
        }

        /** Keycloak's consent exists (not revoked in the console) and covers what would be released now. */
        private boolean consented() {
            UserModel user = context.getUser();
            ClientModel client = context.getAuthenticationSession().getClient();
            UserConsentModel consent = UserConsentManager.getConsentByClient(context.getSession(), context.getRealm(),
                    user, client.getId());
            List<String> marks = user.getAttributeStream(ConsentMarks.ATTRIBUTE).toList();
            if (consent == null) {
                if (!ConsentMarks.covered(marks, client.getId()).isEmpty()) {
                    // Revoked in the console: the names go too, so nothing of the old consent is read again.
                    user.setAttribute(ConsentMarks.ATTRIBUTE, ConsentMarks.without(marks, client.getId()));
                }
                return false;
            }
            return ConsentMarks.covered(marks, client.getId()).containsAll(plan.releasedSources());
        }

        /** The card is possible unless the portal excludes it or this login has read it already (it had nothing more). */
        boolean cardPossible() {
            AuthenticationSessionModel authSession = context.getAuthenticationSession();
            return PortalRequest.of(authSession).allows(Means.EID)
                    && new AcrStore(context.getSession(), authSession).getLevelOfAuthenticationFromCurrentAuthentication() < TrustLevel.HOCH.loa();
        }

        /** The fields of the data page: those behind the missing attributes that the citizen may edit. */
        List<String> fields() {
            Set<String> fields = new LinkedHashSet<>();
            for (ReleasePlan.Item item : enterable) {
                ReleasePlan.fieldsFor(item.source()).stream().filter(this::editable).forEach(fields::add);
            }
            return List.copyOf(fields);
        }

        Response cardPage() {
            return form("card").setAttribute("skReleaseMissing", cardOnly.stream().map(View::label).toList())
                    .setAttribute("skReleaseCardPossible", cardPossible()).createForm(TEMPLATE);
        }

        Response dataPage(Map<String, String> entered, List<FormMessage> errors) {
            UserModel user = context.getUser();
            Set<String> fields = new LinkedHashSet<>(fields());
            // A rule of the profile may concern a field the page did not show (a required birth date): show it too.
            errors.stream().map(FormMessage::getField).filter(f -> f != null && editable(f)).forEach(fields::add);
            List<Map<String, String>> view = new ArrayList<>();
            for (String field : fields) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("name", field);
                row.put("label", fieldLabel(field));
                row.put("value", entered.containsKey(field) ? entered.get(field) : Optional.ofNullable(user.getFirstAttribute(field)).orElse(""));
                row.put("type", switch (field) {
                    case "birthdate" -> "date";
                    case "email", "deMail" -> "email";
                    case "phoneNumber" -> "tel";
                    case "gender" -> "select";
                    default -> "text";
                });
                row.put("required", enterable.stream().anyMatch(i -> i.source().equals(field)) ? "true" : "false");
                view.add(row);
            }
            LoginFormsProvider form = form("data").setAttribute("skReleaseFields", view)
                    .setAttribute("skReleaseMissing", enterable.stream().map(View::label).toList());
            if (!errors.isEmpty()) {
                form.setErrors(errors).setStatus(Response.Status.BAD_REQUEST);
            }
            return form.createForm(TEMPLATE);
        }

        Response consentPage(String error) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (ReleasePlan.Item item : plan.released()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("name", item.name());
                row.put("label", label(item));
                String value = item.value().orElseThrow();
                row.put("value", value);
                if (item.source().equals("gender")) {
                    row.put("valueKey", "skGender." + value);
                }
                row.put("origin", "skReleaseOrigin." + item.origin().name());
                if (item.origin() == ReleasePlan.Origin.PARTNER) {
                    // "aus dem Servicekonto von …" for another state's account, "aus der EU-eID …" for eIDAS.
                    UserModel owner = context.getUser();
                    boolean eidas = "eIDAS".equals(owner.getFirstAttribute(BrokeredValues.SOURCE));
                    row.put("origin", "skReleaseOrigin." + (eidas ? "EIDAS" : "FINK"));
                    row.put("originName", String.valueOf(owner.getFirstAttribute(BrokeredValues.SOURCE_NAME)));
                }
                rows.add(row);
            }
            LoginFormsProvider form = form("consent").setAttribute("skReleaseItems", rows)
                    .setAttribute("skReleaseSet", String.join(",", plan.releasedSources()));
            if (error != null) {
                form.setError(error).setStatus(Response.Status.CONFLICT);
            }
            return form.createForm(TEMPLATE);
        }

        private LoginFormsProvider form(String step) {
            return context.form().setAttribute("skReleaseStep", step).setAttribute("skReleasePortal", portalName());
        }

        /** The name the portal gave in {@code akdb:DisplayInformation}, else the client's name, else its entity id. */
        private String portalName() {
            ClientModel client = context.getAuthenticationSession().getClient();
            return PortalRequest.of(context.getAuthenticationSession()).displayName()
                    .or(() -> Optional.ofNullable(client.getName()).filter(n -> !n.isBlank() && !n.startsWith("${"))
                            .flatMap(n -> PortalRequest.of(null, n).displayName()))
                    .orElseGet(() -> PortalRequest.of(null, client.getClientId()).displayName().orElse(""));
        }

        private static String label(ReleasePlan.Item item) {
            return "skReleaseAttr." + item.source();
        }

        private static String fieldLabel(String field) {
            return switch (field) {
                case "postal_code" -> "skField.postalCode";
                case "email" -> "email";
                default -> "skField." + field;
            };
        }
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public String getDisplayText() {
        return "Servicekonto: release of Stammdaten to BundID portals (consent, missing data)";
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
