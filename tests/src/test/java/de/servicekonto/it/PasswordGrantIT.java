package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_PASSWORD;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The resource-owner password grant would hand out tokens of the citizens' realm without the trust-level flow (no
 * or a low {@code acr}, {@code acr_values} ignored). The realm refuses it for every client through the client policy
 * {@code servicekonto-no-password-grant}, for clients created after the import too; the master realm's
 * administrators (the tests' {@code AdminClient}) are not concerned.
 */
@ServicekontoServerTest
class PasswordGrantIT {

    @Test
    void givenCitizensRealmThenAdminCliRefusesThePasswordGrantEvenWhenHochIsAskedFor(ServicekontoServer server) {
        for (Map<String, String> extra : List.of(Map.<String, String>of(), Map.of("acr_values", "http://eidas.europa.eu/LoA/high"))) {
            HttpResponse<String> answer = passwordGrant(server, "admin-cli", null, extra);
            assertThat(answer.statusCode()).as(answer.body()).isIn(400, 401);
            assertThat(Json.parse(answer.body()).path("error").asText()).isEqualTo("unauthorized_client");
            assertThat(Json.parse(answer.body()).has("access_token")).isFalse();
        }
        assertThat(client(server, "admin-cli").path("directAccessGrantsEnabled").asBoolean()).isFalse();
    }

    @Test
    void givenPortalCreatedThroughTheAdminApiWithDirectAccessGrantsThenItGetsNoPasswordGrant(ServicekontoServer server) {
        String clientId = "ropc-portal-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", clientId, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + clientId,
                "standardFlowEnabled", true, "directAccessGrantsEnabled", true,
                "redirectUris", List.of(ServicekontoServer.DEMO_OIDC_REDIRECT)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        // The policy's executor switches the grant off when the client is registered ...
        JsonNode stored = client(server, clientId);
        assertThat(stored.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertRefused(passwordGrant(server, clientId, "secret-" + clientId, Map.of()));

        // ... and when an administrator turns it on again later.
        @SuppressWarnings("unchecked")
        Map<String, Object> update = Json.MAPPER.convertValue(stored, Map.class);
        update.put("directAccessGrantsEnabled", true);
        HttpResponse<String> updated = server.admin().put("/realms/servicekonto/clients/" + stored.path("id").asText(), update);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
        assertThat(client(server, clientId).path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertRefused(passwordGrant(server, clientId, "secret-" + clientId, Map.of()));
    }

    @Test
    void givenPortalImportedWithDirectAccessGrantsThenTheTokenEndpointStillRefusesThePasswordGrant(ServicekontoServer server) {
        // A partial import writes the client as given, past the registration checks; the token endpoint's check of
        // the same policy refuses the grant anyway.
        String clientId = "ropc-imported-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> imported = server.admin().post("/realms/servicekonto/partialImport", Map.of(
                "ifResourceExists", "FAIL", "clients", List.of(Map.of(
                        "clientId", clientId, "protocol", "openid-connect", "publicClient", false,
                        "secret", "secret-" + clientId, "standardFlowEnabled", false, "directAccessGrantsEnabled", true))));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(client(server, clientId).path("directAccessGrantsEnabled").asBoolean())
                .as("the import kept the flag, so only the policy stands between it and a token").isTrue();

        HttpResponse<String> answer = passwordGrant(server, clientId, "secret-" + clientId, Map.of());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
        assertThat(Json.parse(answer.body()).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(Json.parse(answer.body()).path("error_description").asText()).contains("prohibited");
    }

    private static void assertRefused(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isIn(400, 401);
        assertThat(Json.parse(answer.body()).path("error").asText()).isEqualTo("unauthorized_client");
        assertThat(Json.parse(answer.body()).has("access_token")).isFalse();
    }

    private static JsonNode client(ServicekontoServer server, String clientId) {
        JsonNode clients = server.admin().get("/realms/servicekonto/clients?clientId=" + clientId);
        assertThat(clients.size()).as("client " + clientId).isEqualTo(1);
        return clients.get(0);
    }

    private static HttpResponse<String> passwordGrant(ServicekontoServer server, String clientId, String secret,
            Map<String, String> extra) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        if (secret != null) {
            form.put("client_secret", secret);
        }
        form.put("username", DEMO_USER);
        form.put("password", DEMO_PASSWORD);
        form.put("scope", "openid");
        form.putAll(extra);
        return Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        java.net.URI.create(server.realmUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(BrowserlessClient.formBody(form))).build());
    }
}
