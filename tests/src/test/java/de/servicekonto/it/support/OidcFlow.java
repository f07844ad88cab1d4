package de.servicekonto.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * The OpenID Connect authorization-code flow with PKCE, driven through the real login pages (no direct grant):
 * authorization request, login form, redirect with code, token request.
 */
public final class OidcFlow {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BrowserlessClient browser;
    private final URI realm;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private final String codeVerifier = random();
    private final String state = random();
    private final String nonce = random();

    public OidcFlow(URI realm, String clientId, String clientSecret, String redirectUri) {
        this(new BrowserlessClient(), realm, clientId, clientSecret, redirectUri);
    }

    private OidcFlow(BrowserlessClient browser, URI realm, String clientId, String clientSecret, String redirectUri) {
        this.browser = browser;
        this.realm = realm;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
    }

    /** An authorization request of {@code clientId} in a browser that may hold an SSO session already. */
    public static OidcFlow inBrowser(BrowserlessClient browser, URI realm, String clientId, String clientSecret,
                                     String redirectUri) {
        return new OidcFlow(browser, realm, clientId, clientSecret, redirectUri);
    }

    /** A new authorization request by the same portal in the same browser (its cookies, so its SSO session). */
    public OidcFlow again() {
        return new OidcFlow(browser, realm, clientId, clientSecret, redirectUri);
    }

    /** An authorization request by another portal in the same browser (so the same SSO session). */
    public OidcFlow forClient(String otherClientId, String otherSecret, String otherRedirectUri) {
        return new OidcFlow(browser, realm, otherClientId, otherSecret, otherRedirectUri);
    }

    public BrowserlessClient browser() {
        return browser;
    }

    public String nonce() {
        return nonce;
    }

    /** The authorization request; extra parameters (e.g. {@code acr_values}) are added as given. */
    public HttpResponse<String> authorize(Map<String, String> extra) {
        return browser.get(authorizationUri(extra));
    }

    /** The authorization request's address, for a real browser to open. */
    public URI authorizationUri(Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("response_type", "code");
        params.put("scope", "openid");
        params.put("state", state);
        params.put("nonce", nonce);
        params.put("code_challenge", challenge(codeVerifier));
        params.put("code_challenge_method", "S256");
        params.putAll(extra);
        return URI.create(realm + "/protocol/openid-connect/auth?" + BrowserlessClient.formBody(params));
    }

    /** Submits the login form found on {@code page} with the given credentials. */
    public HttpResponse<String> login(HttpResponse<String> page, String username, String password) {
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element form = document.selectFirst("form#kc-form-login");
        if (form == null) {
            throw new IllegalStateException("no login form on " + page.uri() + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.put("username", username);
        fields.put("password", password);
        return browser.postForm(URI.create(form.absUrl("action")), fields);
    }

    /**
     * Follows Keycloak's redirects within the login (e.g. to a required action or the consent page), stopping at
     * a page or at the redirect back to the portal.
     */
    public HttpResponse<String> follow(HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int i = 0; i < 5 && current.statusCode() / 100 == 3; i++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            if (location.startsWith(redirectUri)) {
                break;
            }
            current = browser.get(current.uri().resolve(location));
        }
        return current;
    }

    /** The redirect back to the portal, checked for our state; returns its query parameters. */
    public Map<String, String> callback(HttpResponse<String> response) {
        if (response.statusCode() != 302) {
            throw new IllegalStateException("expected a redirect to the portal, got " + response.statusCode()
                    + ":\n" + response.body());
        }
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        if (!location.toString().startsWith(redirectUri)) {
            throw new IllegalStateException("redirect to an unexpected place: " + location);
        }
        Map<String, String> params = BrowserlessClient.query(location);
        if (!state.equals(params.get("state"))) {
            throw new IllegalStateException("state not returned intact: " + location);
        }
        return params;
    }

    /** Exchanges an authorization code at the token endpoint (client_secret_basic). */
    public JsonNode exchange(String code) {
        return tokenRequest(BrowserlessClient.formBody(Map.of(
                "grant_type", "authorization_code",
                "code", code,
                "redirect_uri", redirectUri,
                "code_verifier", codeVerifier)));
    }

    /** Refreshes tokens at the token endpoint (client_secret_basic). */
    public JsonNode refresh(String refreshToken) {
        return tokenRequest(BrowserlessClient.formBody(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)));
    }

    /** A confidential client authenticates with client_secret_basic; a public one (no secret) names itself. */
    private JsonNode tokenRequest(String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded");
        if (clientSecret == null) {
            form = form + "&" + BrowserlessClient.formBody(Map.of("client_id", clientId));
        } else {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (urlEncode(clientId) + ":" + urlEncode(clientSecret)).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = Http.send(HttpClient.newHttpClient(),
                request.POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parse(response.body());
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
