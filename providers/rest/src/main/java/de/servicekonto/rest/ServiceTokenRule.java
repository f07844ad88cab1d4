package de.servicekonto.rest;

import java.util.Objects;
import org.keycloak.OAuth2Constants;
import org.keycloak.protocol.oidc.encode.AccessTokenContext;
import org.keycloak.representations.AccessToken;
import org.keycloak.util.TokenUtil;

/**
 * When a client-credentials token of a client's service account is accepted without the transient user session
 * Keycloak 26.7.3 builds for it on every call ({@code AuthenticationManager.verifyIdentityToken} →
 * {@code UserSessionUtil.createTransientSessionForClient}: an authentication session, client scopes, a user
 * look-up — a third of a Postfach request's CPU, docs/benchmarks.md). The session carries nothing such a token
 * needs; what Keycloak decides with it is decided here from the same facts, nothing less:
 * <ol>
 *   <li>{@link #concerns}: only a token of the client-credentials grant with no user session ({@code sid} absent,
 *   session type transient in Keycloak's token id), sent with the {@code Bearer} scheme and bound to no key
 *   ({@code cnf}); anything else goes through Keycloak's own bearer check unchanged;</li>
 *   <li>the glue verifies the signature with the realm's key, as Keycloak does;</li>
 *   <li>{@link #verdict}: type {@code Bearer}; issuer this realm; {@code exp} not passed, {@code nbf} reached (10 s
 *   skew, as Keycloak's {@code JsonWebToken.isActive()}); issued not before the realm's, the client's and the user's
 *   not-before; the audience asked for; not revoked; the client ({@code azp}) exists, is enabled and does not
 *   require DPoP; the token's user is that client's service account and is enabled. A user that is not found or is
 *   not the service account of {@code azp} is left to Keycloak, which knows more ways to find a stateless token's
 *   user.</li>
 * </ol>
 */
final class ServiceTokenRule {

    /** Keycloak 26.7.3's {@code JsonWebToken.isActive()}: {@code nbf} may lie up to 10 s ahead, {@code exp} not. */
    static final int NOT_BEFORE_SKEW_SECONDS = 10;

    /** What to do with a token. */
    enum Route {
        /** Not a session-less service token: Keycloak's {@code BearerTokenAuthenticator} checks it. */
        KEYCLOAK,
        /** A valid service token. */
        ACCEPT,
        /** A service token that Keycloak would refuse too. */
        REFUSE
    }

    /** The decision and, for a refusal, why (for a debug log; names no token content). */
    record Verdict(Route route, String reason) {

        static final Verdict KEYCLOAK = new Verdict(Route.KEYCLOAK, null);
        static final Verdict ACCEPT = new Verdict(Route.ACCEPT, null);

        static Verdict refuse(String reason) {
            return new Verdict(Route.REFUSE, reason);
        }
    }

    /** The token's client ({@code azp}) as the realm has it now. */
    record Client(String id, String clientId, boolean enabled, long notBefore, boolean requiresDPoP) {
    }

    /** The token's user ({@code sub}) as the realm has it now; {@code notBefore} is Keycloak's per-user revocation. */
    record Account(String serviceAccountClientLink, boolean enabled, long notBefore) {
    }

    /**
     * Everything the verdict depends on besides the token.
     *
     * @param issuer         this realm's issuer URL
     * @param audience       the audience the API asks for, or null for any
     * @param now            Keycloak's clock, seconds
     * @param realmNotBefore the realm's not-before ("push revocation"), seconds, 0 for none
     * @param revoked        whether Keycloak's revoked-token store holds the token's id (RFC 7009 revocation)
     * @param client         the client named by {@code azp}, or null if the realm has none
     * @param account        the user named by {@code sub}, or null if the realm has none
     */
    record Facts(String issuer, String audience, long now, long realmNotBefore, boolean revoked, Client client,
                 Account account) {
    }

    private ServiceTokenRule() {
    }

    /**
     * Whether {@code token} (parsed, signature not yet checked) is a session-less client-credentials token sent as
     * {@code Bearer}. Decides only which check runs, never acceptance.
     *
     * @param scheme  the Authorization header's scheme
     * @param context what Keycloak encoded in the token's id, or null if the id carries none
     */
    static boolean concerns(String scheme, AccessToken token, AccessTokenContext context) {
        return TokenUtil.TOKEN_TYPE_BEARER.equalsIgnoreCase(scheme)
                && token.getSessionId() == null
                && token.getSubject() != null
                && token.getIssuedFor() != null
                && token.getConfirmation() == null
                && context != null
                && context.getSessionType() == AccessTokenContext.SessionType.TRANSIENT
                && OAuth2Constants.CLIENT_CREDENTIALS.equals(context.getGrantType());
    }

    /** The verdict on a token that {@link #concerns} this rule and whose signature the realm's key verified. */
    static Verdict verdict(AccessToken token, Facts facts) {
        if (!TokenUtil.TOKEN_TYPE_BEARER.equalsIgnoreCase(token.getType())) {
            return Verdict.refuse("token type is not Bearer");
        }
        if (facts.issuer() == null || !facts.issuer().equals(token.getIssuer())) {
            return Verdict.refuse("issuer is not this realm");
        }
        // Keycloak tolerates a token without exp; every token it issues has one, so one without is not ours.
        if (token.getExp() == null || facts.now() > token.getExp()) {
            return Verdict.refuse("token expired");
        }
        if (token.getNbf() != null && facts.now() + NOT_BEFORE_SKEW_SECONDS < token.getNbf()) {
            return Verdict.refuse("token not yet valid");
        }
        if (token.getIat() == null) {
            return Verdict.refuse("token has no issue time");
        }
        if (token.getIat() < facts.realmNotBefore()) {
            return Verdict.refuse("token issued before the realm's not-before");
        }
        if (facts.audience() != null && !token.hasAudience(facts.audience())) {
            return Verdict.refuse("token lacks the audience");
        }
        if (facts.revoked()) {
            return Verdict.refuse("token revoked");
        }
        Client client = facts.client();
        if (client == null || !client.clientId().equals(token.getIssuedFor()) || !client.enabled()) {
            return Verdict.refuse("client unknown or disabled");
        }
        if (token.getIat() < client.notBefore()) {
            return Verdict.refuse("token issued before the client's not-before");
        }
        // Keycloak refuses a plain Bearer token of a client that must use DPoP (DPoPUtil.withDPoPVerifier).
        if (client.requiresDPoP()) {
            return Verdict.refuse("client requires DPoP");
        }
        Account account = facts.account();
        if (account == null || !Objects.equals(account.serviceAccountClientLink(), client.id())) {
            return Verdict.KEYCLOAK;
        }
        if (!account.enabled()) {
            return Verdict.refuse("service account disabled");
        }
        if (token.getIat() < account.notBefore()) {
            return Verdict.refuse("token issued before the user's not-before");
        }
        return Verdict.ACCEPT;
    }
}
