package de.servicekonto.trustlevel.broker;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.Vocabulary;
import de.servicekonto.trustlevel.authenticator.NoCredentialAuthenticator;
import de.servicekonto.trustlevel.authenticator.ProtocolErrors;
import de.servicekonto.trustlevel.authenticator.StatelessAuthenticatorFactory;
import de.servicekonto.trustlevel.means.MeansOffer;
import de.servicekonto.trustlevel.means.PortalRequest;
import de.servicekonto.trustlevel.saml.TrustLevelAttributes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLEndpoint;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AuthnStatementType;
import org.keycloak.events.Errors;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The level of a login through another state's Servicekonto (FINK) or an EU eID connector: the only step of the
 * realm's post-broker-login flow. A brokered login never passes our browser flow, and Keycloak 26.7.3 evaluates no
 * level on that path (the token would say niedrig whatever the partner vouched for; design/brokered-levels.md), so
 * this step reads the partner's assertion, lets {@link BrokerLevel} decide, and marks the levels reached with the
 * partner's means, as the eID step does for the card. A partner that reaches less than the portal asked for: the
 * German page of an unreachable level, then the protocol's error to the portal.
 */
public final class BrokerLevelAuthenticator implements NoCredentialAuthenticator, StatelessAuthenticatorFactory {

    public static final String ID = "sk-broker-level";
    static final String TEMPLATE = "sk-trust-level-unavailable.ftl";
    /** Event detail: the portal did not enable the partner's means. */
    static final String MEANS_NOT_ALLOWED = "means_not_allowed";
    static final String MEANS_REFUSED_DESCRIPTION = "The portal's allowed means (akdb:AuthnMethods) exclude this login";
    /** Authentication-session note: the means refused, so the page's button sends the matching description. */
    private static final String NOTE_MEANS_REFUSED = "sk-broker.means-refused";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        SerializedBrokeredIdentityContext serialized = SerializedBrokeredIdentityContext.readFromAuthenticationSession(
                authSession, PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
        if (serialized == null) {
            // Not after a brokered login (the flow was bound elsewhere by mistake): no level can be vouched for.
            refuse(context, BrokerLevel.NO_LEVEL, requested(authSession));
            return;
        }
        BrokeredIdentityContext broker = serialized.deserialize(context.getSession(), authSession);
        Map<String, String> config = broker.getIdpConfig().getConfig();
        int requested = requested(authSession);
        String means = BrokerLevel.means(config.get(BrokerLevel.MEANS_SETTING));
        if (!MeansOffer.allowed(means, PortalRequest.of(authSession))) {
            // The login page lists no button for it, but the broker's address can be called directly.
            context.getEvent().detail("sk_broker", broker.getIdpConfig().getAlias()).detail("sk_means", means);
            refuseMeans(context, means);
            return;
        }
        BrokerLevel.Decision decision = BrokerLevel.decide(classRef(broker), trustAttribute(broker),
                config.get(BrokerLevel.CAP_SETTING), requested);
        context.getEvent().detail("sk_broker", broker.getIdpConfig().getAlias());
        if (decision.isRefused()) {
            refuse(context, decision.refusal(), requested);
            return;
        }
        String alias = broker.getIdpConfig().getAlias();
        UserModel user = context.getUser();
        if (Boolean.parseBoolean(authSession.getAuthNote(AbstractIdentityProvider.BROKER_REGISTERED_NEW_USER))) {
            // Created just now by the first-broker-login flow from this partner's data.
            user.setSingleAttribute(BrokerLevel.SOURCE_ATTRIBUTE, alias);
            BrokeredDataRecorder.record(context.getSession(), user, broker, decision.level(),
                    BrokerLevel.means(config.get(BrokerLevel.MEANS_SETTING)));
        }
        TrustLevel level = decision.level();
        Optional<String> withheld = BrokerLevel.withheld(alias.equals(user.getFirstAttribute(BrokerLevel.SOURCE_ATTRIBUTE)),
                identityAsAsserted(context.getSession(), alias, broker, user));
        if (withheld.isPresent() && level.loa() > TrustLevel.NIEDRIG.loa()) {
            context.getEvent().detail("sk_broker_withheld", withheld.get());
            level = TrustLevel.NIEDRIG;
            if (requested > level.loa()) {
                refuse(context, withheld.get(), requested);
                return;
            }
        }
        AcrStore acr = new AcrStore(context.getSession(), authSession);
        // Ascending: AcrStore keeps the last level set as the current one.
        for (int loa = TrustLevel.NIEDRIG.loa(); loa <= level.loa(); loa++) {
            acr.setLevelAuthenticated(loa);
            authSession.setUserSessionNote(TrustLevelAttributes.meansNote(loa), means);
        }
        authSession.setUserSessionNote(Constants.LOA_MAP, authSession.getAuthNote(Constants.LOA_MAP));
        context.getEvent().detail("sk_means", means).detail("sk_broker_level", level.germanName());
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        // The only action on the page is "back to the online service".
        boolean meansRefused = context.getAuthenticationSession().getAuthNote(NOTE_MEANS_REFUSED) != null;
        context.forceChallenge(ProtocolErrors.unreachableLevel(context.getSession(), context.getAuthenticationSession(),
                meansRefused ? MEANS_REFUSED_DESCRIPTION : "Trust level not reached through the partner"));
    }

    /**
     * The portal's {@code akdb:AuthnMethods} leave this partner's means out: the German page saying so, then the same
     * protocol error as the ID card's refusal of an excluded means (NoAuthnContext, unmet_authentication_requirements).
     */
    private static void refuseMeans(AuthenticationFlowContext context, String means) {
        context.getEvent().detail("sk_broker_refusal", MEANS_NOT_ALLOWED).error(Errors.NOT_ALLOWED);
        context.getAuthenticationSession().setAuthNote(NOTE_MEANS_REFUSED, means);
        context.challenge(context.form()
                .setAttribute("skMeansNotAllowed", means)
                .createForm(TEMPLATE));
    }

    private static void refuse(AuthenticationFlowContext context, String refusal, int requested) {
        TrustLevel shown = TrustLevel.fromLoa(requested).orElse(TrustLevel.NIEDRIG);
        context.getEvent().detail("sk_broker_refusal", refusal).error(Errors.ACCESS_DENIED);
        context.challenge(context.form()
                .setAttribute("skRequiredLevel", shown.germanName())
                .setAttribute("skRequiredLevelUri", shown.identifier(Vocabulary.EIDAS))
                .createForm(TEMPLATE));
    }

    /** The level the portal asked for (Keycloak's client note); none: 0. */
    private static int requested(AuthenticationSessionModel authSession) {
        String note = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        try {
            return note == null ? 0 : Integer.parseInt(note);
        } catch (NumberFormatException e) {
            return TrustLevel.HOCH.loa() + 1;
        }
    }

    /**
     * True if every identity value the partner asserts now (the attributes its importer mappers take into the names
     * and the birth date) equals the account's. A citizen may edit their data here, or type others on the first-login
     * page; a partner's level then vouches for nothing about them.
     */
    private static boolean identityAsAsserted(KeycloakSession session, String alias, BrokeredIdentityContext broker,
                                              UserModel user) {
        if (!(broker.getContextData().get(SAMLEndpoint.SAML_ASSERTION) instanceof AssertionType assertion)) {
            return false;
        }
        return session.identityProviders().getMappersByAliasStream(alias)
                .filter(mapper -> mapper.getConfig().get("user.attribute") != null
                        && IDENTITY.contains(mapper.getConfig().get("user.attribute")))
                .allMatch(mapper -> {
                    Optional<String> asserted = attributeValue(assertion, mapper.getConfig().get("attribute.name"));
                    String held = switch (mapper.getConfig().get("user.attribute")) {
                        case UserModel.FIRST_NAME -> user.getFirstName();
                        case UserModel.LAST_NAME -> user.getLastName();
                        default -> user.getFirstAttribute(mapper.getConfig().get("user.attribute"));
                    };
                    return asserted.isEmpty() || asserted.get().equals(held);
                });
    }

    private static Optional<String> classRef(BrokeredIdentityContext broker) {
        if (!(broker.getContextData().get(SAMLEndpoint.SAML_AUTHN_STATEMENT) instanceof AuthnStatementType statement)
                || statement.getAuthnContext() == null || statement.getAuthnContext().getSequence() == null
                || statement.getAuthnContext().getSequence().getClassRef() == null
                || statement.getAuthnContext().getSequence().getClassRef().getValue() == null) {
            return Optional.empty();
        }
        return Optional.of(statement.getAuthnContext().getSequence().getClassRef().getValue().toString());
    }

    /** The first value of the trust-level attribute; a partner sending several gets its lowest through the class ref. */
    private static Optional<String> trustAttribute(BrokeredIdentityContext broker) {
        if (!(broker.getContextData().get(SAMLEndpoint.SAML_ASSERTION) instanceof AssertionType assertion)) {
            return Optional.empty();
        }
        return attributeValue(assertion, TrustLevelAttributes.TRUST_LEVEL);
    }

    static Optional<String> attributeValue(AssertionType assertion, String name) {
        return assertion.getAttributeStatements().stream()
                .map(AttributeStatementType::getAttributes)
                .flatMap(List::stream)
                .map(AttributeStatementType.ASTChoiceType::getAttribute)
                .filter(Objects::nonNull)
                .filter(attribute -> name != null && (name.equals(attribute.getName()) || name.equals(attribute.getFriendlyName())))
                .flatMap(attribute -> attribute.getAttributeValue().stream())
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .findFirst();
    }

    /** The account values a partner's identity consists of. */
    private static final java.util.Set<String> IDENTITY = java.util.Set.of(UserModel.FIRST_NAME, UserModel.LAST_NAME,
            "birthdate");

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
        return "Servicekonto: level of a brokered login (FINK, eIDAS)";
    }

    @Override
    public String getHelpText() {
        return "For the post-broker-login flow: the level the partner's assertion states (AuthnContextClassRef and the "
                + "trust-level attribute, the lower of both), capped by the identity provider's sk.trust.max; below "
                + "the portal's request the login is refused.";
    }
}
