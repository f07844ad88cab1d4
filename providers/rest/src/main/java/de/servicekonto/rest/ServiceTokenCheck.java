package de.servicekonto.rest;

import de.servicekonto.rest.ServiceTokenRule.Verdict;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.common.util.Time;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.jose.jws.JWSHeader;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.OIDCAdvancedConfigWrapper;
import org.keycloak.protocol.oidc.encode.AccessTokenContext;
import org.keycloak.protocol.oidc.encode.TokenContextEncoderProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.GrantTypeEndpointRestrictionValidator;

/**
 * The Keycloak side of {@link ServiceTokenRule}: reads the bearer token, verifies its signature with the realm's key
 * the way Keycloak 26.7.3's {@code AuthenticationManager.verifyIdentityToken} does (signature provider of the
 * header's {@code alg}, the realm's key of the header's {@code kid}, Keycloak's grant-type restriction), gathers the
 * facts the rule decides on and, for an accepted token, sets the context's client and token as Keycloak does. Uses
 * {@code keycloak-services} internals, so they stay in this one class.
 */
final class ServiceTokenCheck {

    private static final Logger LOG = Logger.getLogger(ServiceTokenCheck.class);

    /** A verified service token: its user (the service account) and its claims. */
    record Caller(UserModel user, AccessToken token) {
    }

    /** Accepted, refused, or {@link ServiceTokenRule.Route#KEYCLOAK} (then {@code caller} is null). */
    record Outcome(ServiceTokenRule.Route route, Caller caller) {

        static final Outcome KEYCLOAK = new Outcome(ServiceTokenRule.Route.KEYCLOAK, null);
        static final Outcome REFUSE = new Outcome(ServiceTokenRule.Route.REFUSE, null);
    }

    private ServiceTokenCheck() {
    }

    static Outcome check(KeycloakSession session, String audience) {
        KeycloakContext context = session.getContext();
        RealmModel realm = context.getRealm();
        HttpHeaders headers = context.getRequestHeaders();
        List<String> authorization = headers == null ? null : headers.getRequestHeaders().get(HttpHeaders.AUTHORIZATION);
        if (realm == null || authorization == null || authorization.size() != 1) {
            return Outcome.KEYCLOAK;
        }
        AppAuthManager.AuthHeader header = AppAuthManager.extractAuthorizationHeaderTokenOrReturnNull(headers);
        if (header == null) {
            return Outcome.KEYCLOAK;
        }
        TokenVerifier<AccessToken> verifier = TokenVerifier.create(header.getToken(), AccessToken.class);
        try {
            AccessToken claims = verifier.getToken();
            if (!ServiceTokenRule.concerns(header.getScheme(), claims, tokenContext(session, claims.getId()))) {
                return Outcome.KEYCLOAK;
            }
        } catch (VerificationException e) {
            // Not a JWS of an access token: Keycloak's check refuses it in its own way.
            return Outcome.KEYCLOAK;
        }
        try {
            JWSHeader jws = verifier.getHeader();
            String algorithm = jws.getAlgorithm() == null ? null : jws.getAlgorithm().name();
            SignatureProvider signature = algorithm == null ? null : session.getProvider(SignatureProvider.class, algorithm);
            if (signature == null) {
                LOG.debugf("Service token refused: algorithm '%s' unknown", algorithm);
                return Outcome.REFUSE;
            }
            AccessToken token = verifier.verifierContext(signature.verifier(jws.getKeyId()))
                    .withChecks(GrantTypeEndpointRestrictionValidator.check(session))
                    .verify().getToken();

            ClientModel client = realm.getClientByClientId(token.getIssuedFor());
            UserModel user = session.users().getUserById(realm, token.getSubject());
            Verdict verdict = ServiceTokenRule.verdict(token, new ServiceTokenRule.Facts(
                    Urls.realmIssuer(context.getUri().getBaseUri(), realm.getName()), audience, Time.currentTime(),
                    realm.getNotBefore(), session.revokedTokens().contains(token.getId()), client(client),
                    account(session, realm, client, user)));
            switch (verdict.route()) {
                case ACCEPT -> {
                    // What Keycloak's check leaves in the context besides the (here absent) user session.
                    context.setClient(client);
                    context.setBearerToken(token);
                    return new Outcome(ServiceTokenRule.Route.ACCEPT, new Caller(user, token));
                }
                case REFUSE -> {
                    LOG.debugf("Service token refused: %s", verdict.reason());
                    return Outcome.REFUSE;
                }
                default -> {
                    return Outcome.KEYCLOAK;
                }
            }
        } catch (VerificationException e) {
            LOG.debugf("Service token refused: %s", e.getMessage());
            return Outcome.REFUSE;
        }
    }

    /** The context Keycloak encoded in the token id ({@code DefaultTokenContextEncoderProvider}), null if none. */
    private static AccessTokenContext tokenContext(KeycloakSession session, String tokenId) {
        TokenContextEncoderProvider encoder = session.getProvider(TokenContextEncoderProvider.class);
        if (tokenId == null || encoder == null) {
            return null;
        }
        try {
            return encoder.getTokenContextFromTokenId(tokenId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ServiceTokenRule.Client client(ClientModel client) {
        return client == null ? null : new ServiceTokenRule.Client(client.getId(), client.getClientId(), client.isEnabled(),
                client.getNotBefore(), OIDCAdvancedConfigWrapper.fromClientModel(client).isUseDPoP());
    }

    /** The user, with its not-before only when it is the client's service account (the rule decides nothing else). */
    private static ServiceTokenRule.Account account(KeycloakSession session, RealmModel realm, ClientModel client,
                                                    UserModel user) {
        if (user == null) {
            return null;
        }
        String link = user.getServiceAccountClientLink();
        boolean own = client != null && client.getId().equals(link);
        return new ServiceTokenRule.Account(link, user.isEnabled(), own ? session.users().getNotBeforeOfUser(realm, user) : 0);
    }
}
