package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_PASSWORD;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Trust levels over OpenID Connect: what a password login may reach and how a portal learns about it. */
@ServicekontoServerTest
class TrustLevelOidcIT {

    private static final String LOW = "http://eidas.europa.eu/LoA/low";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";

    @Test
    void givenNoLevelRequestedThenPasswordLoginIsAssertedAsLow(ServicekontoServer server) {
        JsonNode tokens = passwordLogin(demoFlow(server), Map.of());

        assertThat(Json.jwtClaims(tokens.path("id_token").asText()).path("acr").asText()).isEqualTo(LOW);
        assertThat(Json.jwtClaims(tokens.path("access_token").asText()).path("acr").asText()).isEqualTo(LOW);
    }

    @Test
    void givenAcrValuesLowThenIdTokenCarriesTheLowUri(ServicekontoServer server) {
        JsonNode tokens = passwordLogin(demoFlow(server), Map.of("acr_values", LOW));

        assertThat(Json.jwtClaims(tokens.path("id_token").asText()).path("acr").asText()).isEqualTo(LOW);
        // The demo citizen typed her data herself: released, but not as verified claims.
        JsonNode idToken = Json.jwtClaims(tokens.path("id_token").asText());
        assertThat(idToken.path("birth_family_name").asText()).isEqualTo("Gabler");
        assertThat(idToken.has("verified_claims")).isFalse();
    }

    @Test
    void givenClientWithMinimumHochThenPasswordAloneIsNotEnoughAndPortalGetsUnmetRequirementsWhenCitizenGoesBack(
            ServicekontoServer server) {
        String clientId = createClient(server, Map.of("minimum.acr.value", HIGH));
        OidcFlow flow = new OidcFlow(server.realmUri(), clientId, "secret-" + clientId, DEMO_OIDC_REDIRECT);

        // The portal asks for nothing: its minimum applies all the same.
        HttpResponse<String> page = passwordDespiteEid(flow, flow.authorize(Map.of()));

        assertRefusedWithUnmetRequirements(flow, page);
    }

    @ParameterizedTest(name = "acr_values={0} needs {1}")
    @CsvSource({
            "http://eidas.europa.eu/LoA/high,        hoch",
            "http://bsi.bund.de/eID/LoA/hoch,        hoch",
            "STORK-QAA-Level-4,                      hoch",
            "http://eidas.europa.eu/LoA/substantial, substanziell",
            "STORK-QAA-Level-3,                      substanziell"
    })
    void givenPortalRequestsMoreThanPasswordThenLoginIsRefused(String acr, String level, ServicekontoServer server) {
        OidcFlow flow = demoFlow(server);

        HttpResponse<String> page = passwordDespiteEid(flow, flow.authorize(Map.of("acr_values", acr)));

        assertRefusedWithUnmetRequirements(flow, page, level);
    }

    @Test
    void givenEssentialAcrClaimForHighThenLoginIsRefused(ServicekontoServer server) {
        OidcFlow flow = demoFlow(server);
        String claims = "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"" + HIGH + "\"]}}}";

        HttpResponse<String> page = passwordDespiteEid(flow, flow.authorize(Map.of("claims", claims)));

        assertRefusedWithUnmetRequirements(flow, page);
    }

    @ParameterizedTest(name = "acr_values={0}")
    @ValueSource(strings = {"http://eidas.europa.eu/LoA/hihg", "gold", "3", "STORK-QAA-Level-2"})
    void givenUnknownAcrValueThenPortalGetsInvalidRequestBeforeAnyLogin(String acr, ServicekontoServer server) {
        OidcFlow flow = demoFlow(server);

        Map<String, String> callback = flow.callback(flow.authorize(Map.of("acr_values", acr)));

        assertThat(callback).containsEntry("error", "invalid_request").doesNotContainKey("code");
        assertThat(callback.get("error_description")).startsWith("unknown acr value").contains(HIGH);
    }

    @Test
    void givenUnknownEssentialAcrClaimOrBrokenClaimsThenPortalGetsInvalidRequest(ServicekontoServer server) {
        OidcFlow unknown = demoFlow(server);
        Map<String, String> callback = unknown.callback(unknown.authorize(Map.of("claims",
                "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"platinum\"]}}}")));
        assertThat(callback).containsEntry("error", "invalid_request");

        OidcFlow broken = demoFlow(server);
        assertThat(broken.callback(broken.authorize(Map.of("claims", "{not json"))))
                .containsEntry("error", "invalid_request").doesNotContainKey("code");

        // Non-string members would make Keycloak's own claims handling fail with a 500.
        OidcFlow numbers = demoFlow(server);
        assertThat(numbers.callback(numbers.authorize(Map.of("claims", "{\"id_token\":{\"acr\":{\"values\":[1]}}}"))))
                .containsEntry("error", "invalid_request").containsEntry("error_description", "acr claim values must be strings");
    }

    @Test
    void givenOversizedAcrValuesThenPortalGetsInvalidRequest(ServicekontoServer server) {
        OidcFlow flow = demoFlow(server);

        Map<String, String> callback = flow.callback(flow.authorize(Map.of("acr_values", HIGH + " " + "x".repeat(3000))));

        assertThat(callback).containsEntry("error", "invalid_request").containsEntry("error_description", "acr_values is too long");
    }

    private static void assertRefusedWithUnmetRequirements(OidcFlow flow, HttpResponse<String> page) {
        assertRefusedWithUnmetRequirements(flow, page, "hoch");
    }

    /**
     * A level above niedrig offers the ID card first; the citizen picks username and password instead ("Anderen
     * Weg wählen") and logs in with them.
     */
    private static HttpResponse<String> passwordDespiteEid(OidcFlow flow, HttpResponse<String> eidPage) {
        assertThat(EidLogin.isEidPage(eidPage)).as("the ID card is offered first").isTrue();
        return flow.login(EidLogin.choosePassword(flow.browser(), eidPage), DEMO_USER, DEMO_PASSWORD);
    }

    private static void assertRefusedWithUnmetRequirements(OidcFlow flow, HttpResponse<String> page, String level) {
        assertThat(page.statusCode()).as("German explanation instead of a redirect with a code").isEqualTo(200);
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        // The password alone does not reach the level: the ID card is asked for, the citizen may go back instead.
        assertThat(document.text()).contains("Für diesen Dienst ist das Vertrauensniveau " + level + " erforderlich")
                .contains("Mit Online-Ausweis anmelden")
                .doesNotContain("Authentication requirements not fulfilled");
        Element back = document.selectFirst("form#sk-eid-form");
        assertThat(back).isNotNull();
        HttpResponse<String> redirect = flow.browser().postForm(URI.create(back.absUrl("action")), Map.of("back", "back"));
        Map<String, String> callback = flow.callback(redirect);
        assertThat(callback).containsEntry("error", "unmet_authentication_requirements").doesNotContainKey("code");
        // RFC 9207: the portal can check which issuer answered.
        assertThat(callback.get("iss")).endsWith("/realms/servicekonto");
    }

    private static OidcFlow demoFlow(ServicekontoServer server) {
        return new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
    }

    private static JsonNode passwordLogin(OidcFlow flow, Map<String, String> extra) {
        Map<String, String> callback = flow.callback(flow.login(flow.authorize(extra), DEMO_USER, DEMO_PASSWORD));
        return flow.exchange(callback.get("code"));
    }

    private static String createClient(ServicekontoServer server, Map<String, String> attributes) {
        String clientId = "portal-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> attrs = new java.util.HashMap<>(attributes);
        attrs.put("pkce.code.challenge.method", "S256");
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", clientId, "protocol", "openid-connect", "publicClient", false,
                "secret", "secret-" + clientId, "standardFlowEnabled", true,
                "redirectUris", List.of(DEMO_OIDC_REDIRECT), "attributes", attrs));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return clientId;
    }
}
