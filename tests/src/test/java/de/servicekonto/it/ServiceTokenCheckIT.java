package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A Fachverfahren's client-credentials token is checked without Keycloak's transient user session
 * ({@code ServiceTokenRule}, docs/security.md): it works at the Postfach and at the organisations API, and each
 * reason Keycloak would refuse it for is still a 401 — revoked (RFC 7009), client disabled, service account
 * disabled, realm not-before pushed, another realm's token, signature tampered with, expired, not an access token.
 * Each case first shows the same token working, so the 401 comes from the reason named.
 */
@ServicekontoServerTest
class ServiceTokenCheckIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static PostfachFixture pf;
    private static String authority;
    private static String inbox;

    @BeforeAll
    static void authority(ServicekontoServer server) {
        pf = new PostfachFixture(server);
        authority = pf.authority("Ordnungsamt Tokenprüfung", true);
        inbox = "/mailboxes/" + authority + "/messages?folder=inbox";
    }

    @Test
    void givenAClientCredentialsTokenThenThePostfachAndTheOrganisationsApiServeIt(ServicekontoServer server) {
        String token = pf.clientToken(pf.fachverfahren(authority));

        assertThat(pf.get(token, inbox).statusCode()).isEqualTo(200);
        assertThat(pf.get(token, "/mailboxes/" + authority + "/folders").statusCode()).isEqualTo(200);
        String bound = organisations(server, server.realmUri(), token).body();
        assertThat(Json.parse(bound).path("id").asText()).isEqualTo(authority);
    }

    @Test
    void givenARevokedTokenThen401(ServicekontoServer server) {
        String client = pf.fachverfahren(authority);
        String token = pf.clientToken(client);
        assertThat(pf.get(token, inbox).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = Http.send(HTTP, HttpRequest.newBuilder(
                        URI.create(server.realmUri() + "/protocol/openid-connect/revoke"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + client + "&client_secret=secret-" + client
                        + "&token_type_hint=access_token&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

        refused(pf.get(token, inbox), 401, "unauthorized");
        assertUnauthorized(organisations(server, server.realmUri(), token));
    }

    @Test
    void givenTheClientDisabledAfterIssueThen401(ServicekontoServer server) {
        String client = pf.fachverfahren(authority);
        String token = pf.clientToken(client);
        assertThat(pf.get(token, inbox).statusCode()).isEqualTo(200);

        String path = "/realms/servicekonto/clients/" + clientUuid(server, "servicekonto", client);
        ObjectNode rep = (ObjectNode) server.admin().get(path);
        rep.put("enabled", false);
        assertThat(server.admin().put(path, rep).statusCode()).isEqualTo(204);

        refused(pf.get(token, inbox), 401, "unauthorized");
        assertUnauthorized(organisations(server, server.realmUri(), token));
    }

    @Test
    void givenTheServiceAccountDisabledAfterIssueThen401(ServicekontoServer server) {
        String client = pf.fachverfahren(authority);
        String token = pf.clientToken(client);
        assertThat(pf.get(token, inbox).statusCode()).isEqualTo(200);

        String userId = server.admin().get("/realms/servicekonto/clients/" + clientUuid(server, "servicekonto", client)
                + "/service-account-user").path("id").asText();
        ObjectNode user = (ObjectNode) server.admin().get("/realms/servicekonto/users/" + userId);
        user.put("enabled", false);
        HttpResponse<String> updated = server.admin().put("/realms/servicekonto/users/" + userId, user);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);

        refused(pf.get(token, inbox), 401, "unauthorized");
        assertUnauthorized(organisations(server, server.realmUri(), token));
    }

    @Test
    void givenTheClientsNotBeforePushedAfterIssueThen401(ServicekontoServer server) {
        String client = pf.fachverfahren(authority);
        String token = pf.clientToken(client);
        assertThat(pf.get(token, inbox).statusCode()).isEqualTo(200);

        String path = "/realms/servicekonto/clients/" + clientUuid(server, "servicekonto", client);
        ObjectNode rep = (ObjectNode) server.admin().get(path);
        rep.put("notBefore", claims(token).path("iat").asLong() + 1);
        assertThat(server.admin().put(path, rep).statusCode()).isEqualTo(204);

        refused(pf.get(token, inbox), 401, "unauthorized");
    }

    /**
     * Another realm: its token is refused here, works there, and is refused there once the realm's not-before is
     * pushed past it. (A realm of its own, so no other test's token is revoked.)
     */
    @Test
    void givenAnotherRealmsTokenOrTheRealmsNotBeforePushedThen401(ServicekontoServer server) {
        String realm = "sk-token-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(server.admin().post("/realms", Map.of("realm", realm, "enabled", true)).statusCode()).isEqualTo(201);
        try {
            assertThat(server.admin().post("/realms/" + realm + "/clients", Map.of("clientId", "fremd", "publicClient", false,
                    "secret", "secret-fremd", "serviceAccountsEnabled", true, "standardFlowEnabled", false)).statusCode())
                    .isEqualTo(201);
            URI realmUri = server.baseUri().resolve("/realms/" + realm);
            String foreign = Json.parse(tokenResponse(realmUri, "fremd", "").body()).path("access_token").asText();

            refused(pf.get(foreign, inbox), 401, "unauthorized");
            assertUnauthorized(organisations(server, server.realmUri(), foreign));

            // In its own realm the token is valid (the client is bound to no authority there).
            assertError(organisations(server, realmUri, foreign), 403, "client_not_bound");
            ObjectNode rep = (ObjectNode) server.admin().get("/realms/" + realm);
            rep.put("notBefore", claims(foreign).path("iat").asLong() + 1);
            assertThat(server.admin().put("/realms/" + realm, rep).statusCode()).isEqualTo(204);
            assertUnauthorized(organisations(server, realmUri, foreign));
        } finally {
            server.admin().delete("/realms/" + realm);
        }
    }

    @Test
    void givenATamperedSignatureOrPayloadThen401(ServicekontoServer server) {
        String token = pf.clientToken(pf.fachverfahren(authority));
        assertThat(pf.get(token, inbox).statusCode()).isEqualTo(200);

        String[] parts = token.split("\\.");
        // A character in the middle of the signature: the last one may only carry padding bits.
        int middle = parts[2].length() / 2;
        char flipped = parts[2].charAt(middle) == 'A' ? 'B' : 'A';
        String badSignature = parts[0] + "." + parts[1] + "."
                + parts[2].substring(0, middle) + flipped + parts[2].substring(middle + 1);
        refused(pf.get(badSignature, inbox), 401, "unauthorized");
        assertUnauthorized(organisations(server, server.realmUri(), badSignature));

        ObjectNode payload = (ObjectNode) claims(token);
        payload.put("exp", payload.path("exp").asLong() + 3600);
        String longer = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Json.write(payload).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(pf.get(longer, inbox), 401, "unauthorized");
        assertUnauthorized(organisations(server, server.realmUri(), longer));
    }

    @Test
    void givenAnExpiredTokenThen401(ServicekontoServer server) throws InterruptedException {
        String client = pf.fachverfahren(authority);
        String path = "/realms/servicekonto/clients/" + clientUuid(server, "servicekonto", client);
        ObjectNode rep = (ObjectNode) server.admin().get(path);
        ((ObjectNode) rep.get("attributes")).put("access.token.lifespan", "5");
        assertThat(server.admin().put(path, rep).statusCode()).isEqualTo(204);
        String token = pf.clientToken(client);
        long exp = claims(token).path("exp").asLong();
        assertThat(exp - claims(token).path("iat").asLong()).isEqualTo(5);
        assertThat(pf.get(token, inbox).statusCode()).isEqualTo(200);

        // Keycloak refuses once its clock is past exp; this machine runs the server, so the clocks agree.
        while (System.currentTimeMillis() / 1000 <= exp + 1) {
            Thread.sleep(250);
        }
        refused(pf.get(token, inbox), 401, "unauthorized");
        assertUnauthorized(organisations(server, server.realmUri(), token));
    }

    @Test
    void givenARefreshTokenAsBearerThen401(ServicekontoServer server) {
        String client = pf.fachverfahren(authority);
        String path = "/realms/servicekonto/clients/" + clientUuid(server, "servicekonto", client);
        ObjectNode rep = (ObjectNode) server.admin().get(path);
        ((ObjectNode) rep.get("attributes")).put("client_credentials.use_refresh_token", "true");
        assertThat(server.admin().put(path, rep).statusCode()).isEqualTo(204);
        JsonNode tokens = Json.parse(tokenResponse(server.realmUri(), client, "").body());
        assertThat(pf.get(tokens.path("access_token").asText(), inbox).statusCode()).isEqualTo(200);

        String refresh = tokens.path("refresh_token").asText();
        assertThat(claims(refresh).path("typ").asText()).isEqualTo("Refresh");
        refused(pf.get(refresh, inbox), 401, "unauthorized");
        assertUnauthorized(organisations(server, server.realmUri(), refresh));
    }

    // --- helpers ---

    private static HttpResponse<String> tokenResponse(URI realmUri, String clientId, String extra) {
        HttpResponse<String> response = Http.send(HTTP, HttpRequest.newBuilder(URI.create(realmUri + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=secret-" + clientId + extra)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }

    /** The organisations API's "which authority do I act for" call, which takes a service account's token. */
    private static HttpResponse<String> organisations(ServicekontoServer server, URI realmUri, String bearer) {
        return Http.send(HTTP, HttpRequest.newBuilder(URI.create(realmUri + "/sk-organisations/client/authority"))
                .header("Accept", "application/json").header("Authorization", "Bearer " + bearer).GET().build());
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertError(response, 401, "unauthorized");
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Json.parse(response.body()).path("error").asText()).as(response.body()).isEqualTo(code);
    }

    private static String clientUuid(ServicekontoServer server, String realm, String clientId) {
        return server.admin().get("/realms/" + realm + "/clients?clientId=" + clientId).get(0).path("id").asText();
    }

    private static JsonNode claims(String jwt) {
        return Json.jwtClaims(jwt);
    }
}
