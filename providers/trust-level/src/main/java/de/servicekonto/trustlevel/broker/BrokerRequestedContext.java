package de.servicekonto.trustlevel.broker;

import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.dom.saml.v2.protocol.AuthnContextComparisonType;
import org.keycloak.dom.saml.v2.protocol.AuthnRequestType;
import org.keycloak.dom.saml.v2.protocol.ExtensionsType;
import org.keycloak.dom.saml.v2.protocol.RequestedAuthnContextType;
import org.keycloak.models.Constants;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.saml.preprocessor.SamlAuthenticationPreprocessor;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * Our AuthnRequest to a partner asks for what the portal asked us for ({@link BrokerRequest}): Keycloak 26.7.3 calls
 * this just before it signs the request (SAMLIdentityProvider.performLogin), for every SAML identity provider; it acts
 * only on ours (those with {@value BrokerLevel#CAP_SETTING}). For an eIDAS connector it also sets ForceAuthn (the
 * eIDAS profile has no single sign-on at the connector) and adds the eIDAS request extensions. The partner's answer is
 * still checked by {@link BrokerLevelAuthenticator}: asking is no proof of getting.
 */
public final class BrokerRequestedContext implements SamlAuthenticationPreprocessor {

    public static final String ID = "sk-broker-requested-context";
    private static final Logger LOG = Logger.getLogger(BrokerRequestedContext.class);

    @Override
    public AuthnRequestType beforeSendingLoginRequest(AuthnRequestType request, AuthenticationSessionModel authSession) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null || authSession == null) {
            return request;
        }
        Optional<String> alias = BrokerRequest.alias(request.getAssertionConsumerServiceURL(),
                authSession.getRealm().getName());
        if (alias.isEmpty()) {
            return request;
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias.get());
        if (idp == null) {
            return request;
        }
        List<String> configured = request.getRequestedAuthnContext() == null ? List.of()
                : request.getRequestedAuthnContext().getAuthnContextClassRef();
        Optional<BrokerRequest.Plan> plan = BrokerRequest.plan(idp.getConfig(), requested(authSession), configured);
        if (plan.isEmpty()) {
            return request;
        }
        RequestedAuthnContextType context = new RequestedAuthnContextType();
        context.setComparison(AuthnContextComparisonType.MINIMUM);
        context.addAuthnContextClassRef(plan.get().classRef());
        request.setRequestedAuthnContext(context);
        if (plan.get().eidas()) {
            request.setForceAuthn(Boolean.TRUE);
            ExtensionsType extensions = request.getExtensions() == null ? new ExtensionsType() : request.getExtensions();
            EidasRequestExtensions.elements().forEach(extensions::addExtension);
            request.setExtensions(extensions);
        }
        LOG.debugf("AuthnRequest to %s asks for %s (minimum)", alias.get(), plan.get().classRef());
        return request;
    }

    /** The portal's level (Keycloak's client note, as {@link BrokerLevelAuthenticator} reads it); none: 0. */
    static int requested(AuthenticationSessionModel authSession) {
        String note = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        if (note == null) {
            return 0;
        }
        try {
            return Integer.parseInt(note.strip());
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
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
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
