package de.servicekonto.trustlevel.authenticator;

import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import org.keycloak.OAuth2Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.LoginProtocol;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.OIDCRedirectUriBuilder;
import org.keycloak.protocol.oidc.utils.OIDCResponseMode;
import org.keycloak.protocol.oidc.utils.OIDCResponseType;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Tells the relying party that the trust level it needs cannot be reached. The one place that uses Keycloak's
 * internal (keycloak-services) classes for it.
 *
 * <p>Keycloak 26.7.3 answers an unreachable level with an error page only (OIDC: 400 "Authentication requirements
 * not fulfilled"; SAML: no response), or maps it to {@code access_denied}; portals need the proper protocol error.
 */
public final class ProtocolErrors {

    /** OpenID Connect Core 1.0 (errata set 2), §3.1.2.6 via OpenID Connect Unmet Authentication Requirements 1.0. */
    static final String UNMET_AUTHENTICATION_REQUIREMENTS = "unmet_authentication_requirements";

    private ProtocolErrors() {
    }

    /**
     * The protocol's "requested authentication level not available" answer to the client of the authentication
     * session: OIDC error {@code unmet_authentication_requirements}, SAML status
     * {@code urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext}.
     */
    public static Response unreachableLevel(KeycloakSession session, AuthenticationSessionModel authSession, String description) {
        RealmModel realm = authSession.getRealm();
        if (OIDCLoginProtocol.LOGIN_PROTOCOL.equals(authSession.getProtocol())) {
            return oidcError(session, realm, authSession, description);
        }
        // SAML (and any other protocol): LOA_INVALID is translated to NoAuthnContext by Keycloak's SAML protocol.
        LoginProtocol protocol = session.getProvider(LoginProtocol.class, authSession.getProtocol());
        protocol.setRealm(realm)
                .setHttpHeaders(session.getContext().getHttpRequest().getHttpHeaders())
                .setUriInfo(session.getContext().getUri())
                .setEventBuilder(new org.keycloak.events.EventBuilder(realm, session, session.getContext().getConnection()));
        return protocol.sendError(authSession, LoginProtocol.Error.LOA_INVALID, description);
    }

    private static Response oidcError(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
                                      String description) {
        String responseType = authSession.getClientNote(OIDCLoginProtocol.RESPONSE_TYPE_PARAM);
        OIDCResponseType type = OIDCResponseType.parse(Arrays.asList((responseType == null ? "code" : responseType).split(" ")));
        OIDCResponseMode mode = OIDCResponseMode.parse(authSession.getClientNote(OIDCLoginProtocol.RESPONSE_MODE_PARAM), type);

        OIDCRedirectUriBuilder redirect = OIDCRedirectUriBuilder.fromUri(authSession.getRedirectUri(), mode, session, null)
                .addParam(OAuth2Constants.ERROR, UNMET_AUTHENTICATION_REQUIREMENTS)
                .addParam(OAuth2Constants.ERROR_DESCRIPTION, description);
        String state = authSession.getClientNote(OIDCLoginProtocol.STATE_PARAM);
        if (state != null) {
            redirect.addParam(OAuth2Constants.STATE, state);
        }
        if (!OIDCAdvancedConfigWrapper.fromClientModel(authSession.getClient()).isExcludeIssuerFromAuthResponse()) {
            redirect.addParam(OAuth2Constants.ISSUER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(), realm.getName()));
        }
        new AuthenticationSessionManager(session).removeTabIdInAuthenticationSession(realm, authSession);
        return redirect.build();
    }
}
