package de.servicekonto.onboarding;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a portal may give itself when it registers by OpenID Connect Dynamic Client Registration (RFC 7591) with the
 * operator's initial access token: a confidential client of the authorization code flow (with refresh tokens), and
 * nothing that hands out tokens past the login pages, where the trust level is decided. Keycloak 26.7.3's own
 * registration policies bound scopes, protocol mappers and the number of clients; none of them looks at grants,
 * client authentication or the scheme of the URIs, so these rules do.
 *
 * @param openIdConnectEndpoint the request came to {@code /clients-registrations/openid-connect}: Keycloak's own
 *                              endpoint ({@code default}, a whole client representation with attributes, flow
 *                              overrides and mappers) and the SAML one are the operator's, not a portal's
 * @param protocol              the client's protocol ({@code openid-connect})
 * @param publicClient          {@code token_endpoint_auth_method: none}
 * @param bearerOnly            a client that cannot log anyone in
 * @param grants                the grants the registration asks for
 * @param redirectUris          {@code redirect_uris}
 * @param otherUris             further URIs the client names, by name ({@code post_logout_redirect_uris},
 *                              {@code backchannel_logout_uri}, {@code frontchannel_logout_uri}, {@code jwks_uri},
 *                              …): the browser is sent there or our server calls them
 */
public record PortalRegistration(boolean openIdConnectEndpoint, String protocol, boolean publicClient, boolean bearerOnly,
                                 Set<Grant> grants, List<String> redirectUris, Map<String, List<String>> otherUris) {

    /** The grants Keycloak 26.7.3 can enable for an OIDC client. */
    public enum Grant {
        AUTHORIZATION_CODE, REFRESH_TOKEN, IMPLICIT, PASSWORD, CLIENT_CREDENTIALS, DEVICE_CODE, CIBA, TOKEN_EXCHANGE,
        JWT_BEARER, UMA
    }

    /** Only these: the citizen logs in through our pages, and the portal keeps the session going. */
    static final Set<Grant> ALLOWED_GRANTS = Set.of(Grant.AUTHORIZATION_CODE, Grant.REFRESH_TOKEN);

    /** Far above any real URL; a longer one is a mistake or an attack, not an endpoint. */
    static final int MAX_URI = 2048;

    public PortalRegistration {
        grants = Set.copyOf(grants);
        redirectUris = List.copyOf(redirectUris);
        otherUris = Map.copyOf(otherUris);
    }

    /** Every reason to refuse the registration, for the portal's developer; empty when it is allowed. */
    public List<String> refusals() {
        List<String> refusals = new ArrayList<>();
        if (!openIdConnectEndpoint || !"openid-connect".equals(protocol)) {
            refusals.add("a portal registers through the OpenID Connect endpoint "
                    + "(/clients-registrations/openid-connect) only");
        }
        if (publicClient) {
            refusals.add("a portal is a confidential client (token_endpoint_auth_method none is not allowed)");
        }
        if (bearerOnly) {
            refusals.add("a portal logs citizens in (bearer-only clients are not allowed)");
        }
        if (!grants.contains(Grant.AUTHORIZATION_CODE)) {
            refusals.add("a portal uses the authorization code flow (response_types code)");
        }
        for (Grant grant : grants) {
            if (!ALLOWED_GRANTS.contains(grant)) {
                refusals.add(describe(grant));
            }
        }
        if (redirectUris.isEmpty()) {
            refusals.add("a portal names its redirect_uris");
        }
        redirectUris.forEach(uri -> checkUri("redirect_uris", uri, refusals));
        otherUris.forEach((name, uris) -> uris.forEach(uri -> checkUri(name, uri, refusals)));
        return refusals;
    }

    private static String describe(Grant grant) {
        return switch (grant) {
            case IMPLICIT -> "no implicit or hybrid flow (response_types other than code): tokens in the browser's "
                    + "address bar";
            case PASSWORD -> "no password grant: it would bypass the login pages and the trust level";
            case CLIENT_CREDENTIALS -> "no service account (grant client_credentials): a portal acts for citizens, "
                    + "not for itself";
            case DEVICE_CODE -> "no device authorization grant";
            case CIBA -> "no client-initiated backchannel authentication";
            case TOKEN_EXCHANGE -> "no token exchange";
            case JWT_BEARER -> "no JWT authorization grant";
            case UMA -> "no authorization services (UMA)";
            default -> "grant " + grant + " is not allowed";
        };
    }

    /**
     * An absolute https URL without user info, wildcard or fragment; plain http only on this machine (a portal under
     * development). A redirect URI elsewhere in clear text would carry the authorization code readable over the
     * network, and a wildcard would let any page of a host (or any host) receive it.
     */
    static void checkUri(String name, String uri, List<String> refusals) {
        if (uri == null || uri.isBlank()) {
            refusals.add(name + ": an empty URI");
            return;
        }
        // Keycloak's "+" in post-logout redirect URIs means "the redirect URIs", which are checked themselves.
        if (name.equals("post_logout_redirect_uris") && uri.equals("+")) {
            return;
        }
        if (uri.length() > MAX_URI || uri.contains("*")) {
            refusals.add(name + ": " + abbreviate(uri) + " is not one exact URL (no wildcards, at most " + MAX_URI
                    + " characters)");
            return;
        }
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            String host = parsed.getHost() == null ? "" : parsed.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]");
            if (!host.isEmpty() && parsed.getRawUserInfo() == null && parsed.getRawFragment() == null
                    && (scheme.equals("https") || (scheme.equals("http") && loopback))) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        refusals.add(name + ": " + abbreviate(uri) + " is not an absolute https URL (http only for localhost and "
                + "127.0.0.1, no user info, no fragment)");
    }

    private static String abbreviate(String uri) {
        return uri.length() <= 200 ? uri : uri.substring(0, 200) + "…";
    }
}
