package de.servicekonto.stammdaten.saml;

import de.servicekonto.spi.DataReleasedEvent;
import de.servicekonto.trustlevel.means.MeansOfferPage;
import de.servicekonto.trustlevel.means.PortalRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.namespace.QName;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;
import org.keycloak.dom.saml.v2.assertion.StatementAbstractType;
import org.keycloak.dom.saml.v2.protocol.AuthnRequestType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;
import org.keycloak.dom.saml.v2.protocol.StatusCodeType;
import org.keycloak.dom.saml.v2.protocol.StatusResponseType;
import org.keycloak.dom.saml.v2.protocol.StatusType;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.saml.SamlClient;
import org.keycloak.protocol.saml.SamlProtocol;
import org.keycloak.protocol.saml.preprocessor.SamlAuthenticationPreprocessor;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.utils.KeycloakSessionUtil;
import org.w3c.dom.Element;

/**
 * The BundID request profile at the edges of Keycloak's SAML processing: reads {@code akdb:AuthenticationRequest}
 * from the AuthnRequest into the authentication session, and, before the response leaves, answers
 * {@code RequestDenied} (without an assertion) if an attribute the portal required could not be released, and
 * {@code RequestUnsupported} if the extension could not be read (too many attributes, a bad name, an oversized
 * display name) or came in a request whose signature Keycloak did not check.
 */
public final class BundIdProfile implements SamlAuthenticationPreprocessor {

    public static final String ID = "sk-bundid-profile";
    static final String REQUEST_DENIED = "urn:oasis:names:tc:SAML:2.0:status:RequestDenied";
    static final String RESPONDER = "urn:oasis:names:tc:SAML:2.0:status:Responder";
    static final String REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester";
    static final String REQUEST_UNSUPPORTED = "urn:oasis:names:tc:SAML:2.0:status:RequestUnsupported";
    /**
     * Client note: "true" when the AuthnRequest carried an akdb:AuthenticationRequest that could not be read, or that
     * we may not honour because the request was not signed.
     */
    static final String MALFORMED_NOTE = "sk-akdb.malformed";
    private static final Logger LOG = Logger.getLogger(BundIdProfile.class);

    @Override
    public AuthnRequestType beforeProcessingLoginRequest(AuthnRequestType request, AuthenticationSessionModel authSession) {
        // Always set: Keycloak keeps client-session notes of an earlier login to the same portal, so "nothing
        // requested this time" must be written down, not left out.
        authSession.setClientNote(AkdbRequest.NOTE, AkdbRequest.NONE.toNote());
        authSession.setClientNote(MALFORMED_NOTE, "false");
        PortalRequest.NONE.writeTo(authSession);
        if (request.getExtensions() == null) {
            return request;
        }
        boolean signed = new SamlClient(authSession.getClient()).requiresClientSignature();
        for (Object extension : request.getExtensions().getAny()) {
            if (extension instanceof Element element) {
                try {
                    Optional<AkdbRequest> akdb = AkdbRequest.of(element);
                    if (akdb.isPresent() && !signed) {
                        // Keycloak verifies an AuthnRequest's signature only for clients that require one (SamlService,
                        // 26.7.3), so for any other client the extension may come from anyone who knows the portal's
                        // entity id: releasing master data on its say-so would hand them to whoever holds the browser
                        // at the assertion consumer service. Such a portal gets Requester/RequestUnsupported.
                        LOG.debugf("akdb:AuthenticationRequest from client %s, which does not sign its requests",
                                authSession.getClient().getClientId());
                        authSession.setClientNote(MALFORMED_NOTE, "true");
                        continue;
                    }
                    akdb.ifPresent(value -> apply(value, authSession));
                } catch (IllegalArgumentException e) {
                    // What a malformed request requires cannot be known: the portal gets Requester/RequestUnsupported
                    // instead of a silent assertion without the attributes it may need.
                    LOG.debugf("akdb:AuthenticationRequest malformed: %s", e.getMessage());
                    authSession.setClientNote(MALFORMED_NOTE, "true");
                }
            }
        }
        return request;
    }

    private static void apply(AkdbRequest akdb, AuthenticationSessionModel authSession) {
        PortalRequest portal = akdb.portalRequest();
        authSession.setClientNote(AkdbRequest.NOTE, akdb.toNote());
        portal.writeTo(authSession);
        if (portal.restricts(MeansOfferPage.offeredIn(KeycloakSessionUtil.getKeycloakSession()))) {
            // A session kept from a means the portal excludes must not answer for it: authenticate afresh, as if
            // the portal had sent ForceAuthn (which Keycloak reads before this preprocessor runs). The realm's
            // partners count (FINK, eIDAS): a session from another state's login is such a session.
            authSession.setAuthNote(SamlProtocol.SAML_LOGIN_REQUEST_FORCEAUTHN, SamlProtocol.SAML_FORCEAUTHN_REQUIREMENT);
        }
    }

    @Override
    public StatusResponseType beforeSendingResponse(StatusResponseType statusResponse, AuthenticatedClientSessionModel clientSession) {
        if (!(statusResponse instanceof ResponseType response)) {
            return statusResponse;
        }
        if ("true".equals(clientSession.getNote(MALFORMED_NOTE))) {
            LOG.debugf("Malformed akdb:AuthenticationRequest of client %s: RequestUnsupported",
                    clientSession.getClient().getClientId());
            return refuse(response, REQUESTER, REQUEST_UNSUPPORTED);
        }
        Optional<AkdbRequest> akdb = AkdbRequest.fromNote(clientSession.getNote(AkdbRequest.NOTE));
        if (akdb.isEmpty()) {
            return statusResponse;
        }
        Set<String> released = new HashSet<>();
        for (ResponseType.RTChoiceType choice : response.getAssertions()) {
            AssertionType assertion = choice.getAssertion();
            if (assertion == null) {
                continue;
            }
            for (StatementAbstractType statement : assertion.getStatements()) {
                if (statement instanceof AttributeStatementType attributes) {
                    for (AttributeStatementType.ASTChoiceType attribute : attributes.getAttributes()) {
                        AttributeType type = attribute.getAttribute();
                        if (type != null) {
                            released.add(type.getName());
                        }
                    }
                }
            }
        }
        List<String> missing = akdb.get().requested().entrySet().stream()
                .filter(e -> e.getValue() && !released.contains(e.getKey())).map(java.util.Map.Entry::getKey).toList();
        if (missing.isEmpty()) {
            recordRelease(clientSession, released);
            return statusResponse;
        }
        LOG.debugf("Required attributes %s not available for client %s: RequestDenied", missing,
                clientSession.getClient().getClientId());
        return refuse(response, RESPONDER, REQUEST_DENIED);
    }

    /** The response with the given top-level and second-level status and without any assertion. */
    private static ResponseType refuse(ResponseType response, String topLevel, String secondLevel) {
        StatusCodeType second = new StatusCodeType();
        second.setValue(java.net.URI.create(secondLevel));
        StatusCodeType top = new StatusCodeType();
        top.setValue(java.net.URI.create(topLevel));
        top.setStatusCode(second);
        StatusType status = new StatusType();
        status.setStatusCode(top);
        response.setStatus(status);
        for (ResponseType.RTChoiceType assertion : List.copyOf(response.getAssertions())) {
            response.removeAssertion(assertion);
        }
        return response;
    }

    /**
     * Tells whoever keeps a record (the owner's activity log) which master data the portal received, by name only;
     * Keycloak publishes no event for a SAML response. Not when the citizen consented to exactly these in this
     * login: the consent's {@code GRANT_CONSENT} event is that record already ({@link ReleaseAction}).
     */
    private static void recordRelease(AuthenticatedClientSessionModel clientSession, Set<String> released) {
        List<String> names = released.stream().map(BundIdAttributes::source).flatMap(Optional::stream).sorted().toList();
        if (String.join(", ", names).equals(clientSession.getNote(ReleaseAction.CONSENTED_NOTE))) {
            return;
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (!names.isEmpty() && session != null) {
            session.getKeycloakSessionFactory().publish(new DataReleasedEvent(session, clientSession.getRealm(),
                    clientSession.getUserSession().getUser(), clientSession.getClient(), names));
        }
    }

    /** The XML attribute {@code akdb:TrustLevel} on a released attribute. */
    static QName trustLevelAttribute() {
        return new QName(AkdbRequest.NAMESPACE, "TrustLevel", "akdb");
    }

    @Override
    public SamlAuthenticationPreprocessor create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RealmModel.RealmPostCreateEvent created) {
                RemovedDefaultScopes.apply(created.getCreatedRealm());
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
