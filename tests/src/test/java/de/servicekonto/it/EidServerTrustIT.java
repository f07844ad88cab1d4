package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.AdminClient;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Poll;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The eID-Server is trusted only through the trust store the operator configured (issue #14): without one the
 * Online-Ausweis is not offered, the citizen reads a German page instead of an error 500, and the operator's log says
 * what is missing. On a copy of the shipped flow whose eID settings lack the trust store; the shipped flow stays as
 * it is (the simulator's trust store, as run.sh passes it, is what every other eID test uses).
 */
@ServicekontoServerTest
class EidServerTrustIT {

    private static final String HIGH = "http://eidas.europa.eu/LoA/high";

    @Test
    void givenEidSettingsWithoutTrustStoreThenGermanUnavailablePageNoEidClientLinkAndAClearOperatorLog(
            ServicekontoServer server) throws Exception {
        AdminClient admin = server.admin();
        String flow = "sk-test-no-trust-" + UUID.randomUUID().toString().substring(0, 8);
        expect(admin.post("/realms/servicekonto/authentication/flows/servicekonto-browser/copy", Map.of("newName", flow)), 201);
        int changed = 0;
        // The copied "eID first" execution has its own copy of the realm's eID settings: without the trust store.
        for (JsonNode execution : admin.get("/realms/servicekonto/authentication/flows/" + encode(flow) + "/executions")) {
            if ("sk-eid".equals(execution.path("providerId").asText()) && execution.hasNonNull("authenticationConfig")) {
                String path = "/realms/servicekonto/authentication/config/" + execution.path("authenticationConfig").asText();
                @SuppressWarnings("unchecked")
                Map<String, Object> config = Json.MAPPER.convertValue(admin.get(path), Map.class);
                @SuppressWarnings("unchecked")
                Map<String, String> values = (Map<String, String>) config.get("config");
                assertThat(values.get("sk.eid.server.url")).as("the copy talks to the simulator").startsWith("https://");
                values.remove("sk.eid.truststore");
                expect(admin.put(path, config), 204);
                changed++;
            }
        }
        assertThat(changed).as("the eID-first execution of the copy").isEqualTo(1);
        String portal = portalOn(admin, flow);

        OidcFlow login = new OidcFlow(server.realmUri(), portal, "secret-" + portal, DEMO_OIDC_REDIRECT);
        HttpResponse<String> page = login.authorize(Map.of("acr_values", HIGH));

        assertThat(page.statusCode()).isEqualTo(200);
        Document document = Jsoup.parse(page.body());
        assertThat(document.selectFirst("html").attr("lang")).isEqualTo("de");
        assertThat(EidLogin.errorText(page)).hasValueSatisfying(text -> assertThat(text)
                .contains("Die Anmeldung mit dem Online-Ausweis ist zurzeit nicht verfügbar."));
        // No TC Token link: no eID session can be opened with an eID-Server that is not trusted.
        assertThat(document.selectFirst("a#sk-eid-start")).as("no eID-Client link to follow").isNull();
        Map<String, String> callback = login.callback(EidLogin.press(login.browser(), page, "sk-eid-back"));
        assertThat(callback).containsEntry("error", "unmet_authentication_requirements").doesNotContainKey("code");

        String log = Poll.until(Duration.ofSeconds(10), () -> Files.readString(server.logFile()),
                text -> text.contains("sk.eid.truststore is required"));
        assertThat(log).contains("sk.eid.truststore is required")
                .contains("the JVM's default trust store is never used for the eID-Server");
    }

    private static String portalOn(AdminClient admin, String flow) {
        String flowId = null;
        for (JsonNode topLevel : admin.get("/realms/servicekonto/authentication/flows")) {
            if (flow.equals(topLevel.path("alias").asText())) {
                flowId = topLevel.path("id").asText();
            }
        }
        assertThat(flowId).isNotNull();
        String clientId = "no-trust-portal-" + UUID.randomUUID().toString().substring(0, 8);
        expect(admin.post("/realms/servicekonto/clients", Map.of(
                "clientId", clientId, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + clientId,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "authenticationFlowBindingOverrides", Map.of("browser", flowId),
                "attributes", Map.of("pkce.code.challenge.method", "S256"))), 201);
        return clientId;
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
