package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_PASSWORD;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

@ServicekontoServerTest
class OidcLoginIT {

    @Test
    void givenDemoUserWhenLoggingInThroughLoginPageThenPortalReceivesTokensForHer(ServicekontoServer server) {
        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);

        HttpResponse<String> loginPage = flow.authorize(Map.of());
        assertThat(loginPage.statusCode()).isEqualTo(200);
        Map<String, String> callback = flow.callback(flow.login(loginPage, DEMO_USER, DEMO_PASSWORD));
        assertThat(callback).containsKey("code").doesNotContainKey("error");

        JsonNode tokens = flow.exchange(callback.get("code"));
        JsonNode idToken = Json.jwtClaims(tokens.path("id_token").asText());
        assertThat(idToken.path("iss").asText()).isEqualTo(server.realmUri().toString());
        assertThat(idToken.path("aud").asText()).isEqualTo(DEMO_OIDC_CLIENT);
        assertThat(idToken.path("nonce").asText()).isEqualTo(flow.nonce());
        assertThat(idToken.path("preferred_username").asText()).isEqualTo(DEMO_USER);
        assertThat(idToken.path("email").asText()).isEqualTo("erika.mustermann@example.org");
        assertThat(tokens.path("access_token").asText()).isNotBlank();
    }

    @Test
    void givenWrongPasswordThenLoginPageSaysSoInGermanAndIssuesNoCode(ServicekontoServer server) {
        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);

        HttpResponse<String> answer = flow.login(flow.authorize(Map.of()), DEMO_USER + "-unknown", "falsch-falsch");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(answer.body()).text()).contains("Benutzername oder Passwort ist falsch.");
    }

    @Test
    void givenNineFailedPasswordsThenAccountIsLockedEvenForTheRightPassword(ServicekontoServer server) throws Exception {
        String username = "lockout-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Richtiges-Passwort-" + UUID.randomUUID();
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "email", username + "@example.org", "emailVerified", true,
                "firstName", "Max", "lastName", "Mustermann",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        assertThat(created.statusCode()).isEqualTo(201);
        String userId = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");

        for (int attempt = 1; attempt <= 9; attempt++) {
            OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
            assertThat(flow.login(flow.authorize(Map.of()), username, "falsch-" + attempt).statusCode()).isEqualTo(200);
            // Slower than the realm's quick-login check (1 s), so the count, not the speed, triggers the lockout.
            Thread.sleep(1100);
        }

        JsonNode status = server.admin().get("/realms/servicekonto/attack-detection/brute-force/users/" + userId);
        assertThat(status.path("numFailures").asInt()).isEqualTo(9);
        assertThat(status.path("disabled").asBoolean()).isTrue();

        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        HttpResponse<String> answer = flow.login(flow.authorize(Map.of()), username, password);
        assertThat(answer.statusCode()).as("no redirect with a code while locked").isEqualTo(200);
    }

    @Test
    void givenDemoUserWhenSigningIntoTheAccountConsoleThenHerAccountAndActivityLogAreReadable(ServicekontoServer server) {
        // Keycloak's own account console (public client, PKCE), as a citizen opens it after ./run.sh.
        String console = server.realmUri() + "/account/";
        OidcFlow flow = new OidcFlow(server.realmUri(), "account-console", null, console);

        Map<String, String> callback = flow.callback(flow.login(flow.authorize(Map.of()), DEMO_USER, DEMO_PASSWORD));
        String bearer = flow.exchange(callback.get("code")).path("access_token").asText();

        JsonNode token = Json.jwtClaims(bearer);
        // The account console's token carries manage-account (not view-profile): enough for the activity log too.
        assertThat(token.path("resource_access").path("account").path("roles"))
                .extracting(JsonNode::asText).contains("manage-account");
        HttpResponse<String> account = get(server.realmUri() + "/account/", bearer);
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        assertThat(Json.parse(account.body()).path("username").asText()).isEqualTo(DEMO_USER);
        HttpResponse<String> activity = get(server.realmUri() + "/sk-account/activity", bearer);
        assertThat(activity.statusCode()).as(activity.body()).isEqualTo(200);
        JsonNode newest = Json.parse(activity.body()).path("entries").path(0);
        assertThat(newest.path("type").asText()).isEqualTo("LOGIN");
        assertThat(newest.path("portal").asText()).isEqualTo("account-console");
        assertThat(newest.path("portalName").asText("")).as("no message key shown as a name").doesNotContain("${");
    }

    private static HttpResponse<String> get(String uri, String bearer) {
        return Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json").GET().build());
    }
}
