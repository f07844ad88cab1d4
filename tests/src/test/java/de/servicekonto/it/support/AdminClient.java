package de.servicekonto.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/** Keycloak's admin REST API as the bootstrap administrator, over plain HTTP. */
public final class AdminClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String username;
    private final String password;
    private String token;
    private Instant tokenExpiry = Instant.MIN;

    public AdminClient(URI base, String username, String password) {
        this.base = base;
        this.username = username;
        this.password = password;
    }

    /** GET below {@code /admin}; fails unless 200. */
    public JsonNode get(String path) {
        HttpResponse<String> response = send(request(path).GET().build());
        expect(response, 200);
        return Json.parse(response.body());
    }

    /** GET below {@code /admin}; returns the response for the caller to check (e.g. a 404). */
    public HttpResponse<String> getResponse(String path) {
        return send(request(path).GET().build());
    }

    /** POST JSON below {@code /admin}; returns the response for the caller to check. */
    public HttpResponse<String> post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    /** POST a text body of the given content type below {@code /admin} (e.g. SP metadata to the client-description converter). */
    public HttpResponse<String> postText(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<String> put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve("/admin" + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token());
    }

    private synchronized String token() {
        if (token == null || Instant.now().isAfter(tokenExpiry)) {
            String form = "grant_type=password&client_id=admin-cli"
                    + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
            HttpResponse<String> response = send(HttpRequest.newBuilder(
                            base.resolve("/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            expect(response, 200);
            JsonNode json = Json.parse(response.body());
            token = json.get("access_token").asText();
            tokenExpiry = Instant.now().plusSeconds(json.get("expires_in").asLong() - 10);
        }
        return token;
    }

    private HttpResponse<String> send(HttpRequest request) {
        return Http.send(http, request);
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}
