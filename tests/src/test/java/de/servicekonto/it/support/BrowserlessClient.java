package de.servicekonto.it.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTP client that keeps cookies like a browser and does not follow redirects, so a test sees every step of a
 * front-channel protocol flow (login form, redirect with code, error redirect).
 */
public final class BrowserlessClient {

    private final HttpClient http;

    public BrowserlessClient() {
        http = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * A browser with its own TLS settings, e.g. a client certificate it presents when the server asks (mutual TLS).
     * HTTP/1.1, as a browser's certificate prompt concerns one TLS connection.
     */
    public BrowserlessClient(javax.net.ssl.SSLContext tls) {
        http = HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .build();
    }

    /**
     * Browsers treat http://localhost as a secure context and send {@code Secure} cookies there (Keycloak marks its
     * login cookies Secure); the JDK's cookie manager does not, so loopback requests are looked up as https.
     */
    private static final class LoopbackCookieManager extends CookieManager {

        LoopbackCookieManager() {
            super(null, CookiePolicy.ACCEPT_ALL);
        }

        @Override
        public Map<String, java.util.List<String>> get(URI uri, Map<String, java.util.List<String>> headers)
                throws IOException {
            String host = uri.getHost();
            boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host);
            if (loopback && "http".equals(uri.getScheme())) {
                try {
                    uri = new URI("https", uri.getUserInfo(), host, uri.getPort(), uri.getPath(), uri.getQuery(), null);
                } catch (java.net.URISyntaxException e) {
                    throw new IOException(e);
                }
            }
            return super.get(uri, headers);
        }
    }

    public HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept-Language", "de-DE,de;q=0.9").GET().build());
    }

    /**
     * A GET as a browser's address bar sends it, with the {@code Accept} of a page: relying-party modules such as
     * mod_auth_openidc answer requests that do not accept HTML with 401 instead of starting a login.
     */
    public HttpResponse<String> navigate(URI uri) {
        return send(HttpRequest.newBuilder(uri).header("Accept-Language", "de-DE,de;q=0.9")
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").GET().build());
    }

    public HttpResponse<String> postForm(URI uri, Map<String, String> form) {
        return send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", "de-DE,de;q=0.9")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build());
    }

    public static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The query parameters of a URI, decoded. */
    public static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(java.net.URLDecoder.decode(key, StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return Http.send(http, request);
    }
}
