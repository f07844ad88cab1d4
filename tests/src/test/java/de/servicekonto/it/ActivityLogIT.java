package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The account's activity log, read by its owner through {@code /realms/servicekonto/sk-account/activity}. */
@ServicekontoServerTest
class ActivityLogIT {

    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String READERS = "sk.activity.readerClients";
    private static final String SAML_ACS = "http://localhost:8084/saml/acs";

    /** The citizen's own account application, allowed by the operator to read the log (portals are not). */
    private static String reader;

    @BeforeAll
    static void accountApplicationAllowedToReadTheLog(ServicekontoServer server) {
        reader = "account-app-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", reader, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + reader,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        setReaders(server, reader);
    }

    @AfterAll
    static void nobodyElse(ServicekontoServer server) {
        setReaders(server, "");
    }

    private static void setReaders(ServicekontoServer server, String value) {
        ObjectNode realm = (ObjectNode) server.admin().get("/realms/servicekonto");
        ((ObjectNode) realm.with("attributes")).put(READERS, value);
        assertThat(server.admin().put("/realms/servicekonto", realm).statusCode()).isEqualTo(204);
    }

    @Test
    void givenLoginsAndAProfileChangeThenTheOwnerSeesThemWithPortalTrustLevelAndMeans(ServicekontoServer server) {
        String username = user(server);
        String bearer = passwordToken(server, username);

        JsonNode login = entries(server, bearer).get(0);
        assertThat(login.path("type").asText()).isEqualTo("LOGIN");
        assertThat(login.path("portal").asText()).isEqualTo(reader);
        assertThat(login.path("trustLevel").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");
        assertThat(login.path("trustLevelName").asText()).isEqualTo("niedrig");
        assertThat(login.path("means").asText()).isEqualTo("Benutzername");
        assertThat(login.path("time").asText()).endsWith("Z");

        JsonNode me = account(server, bearer, null);
        ((ObjectNode) me.with("attributes")).putArray("phoneNumber").add("+49 30 1234567");
        assertThat(account(server, bearer, me).isMissingNode()).isTrue();
        assertThat(types(entries(server, bearer))).startsWith("PROFILE_UPDATE", "LOGIN");

        // A login with the ID card: hoch, means eID.
        OidcFlow eid = flow(server);
        String eidBearer = eid.exchange(eid.callback(EidLogin.readCardAndConfirm(eid.browser(),
                eid.authorize(Map.of("acr_values", HIGH)), "erika")).get("code")).path("access_token").asText();
        JsonNode cardLogin = entries(server, eidBearer).get(0);
        assertThat(cardLogin.path("type").asText()).isEqualTo("LOGIN");
        assertThat(cardLogin.path("trustLevel").asText()).isEqualTo(HIGH);
        assertThat(cardLogin.path("trustLevelName").asText()).isEqualTo("hoch");
        assertThat(cardLogin.path("means").asText()).isEqualTo("eID");
    }

    @Test
    void givenSamlPortalReceivedRequestedAttributesThenTheLogNamesThemWithThePortal(ServicekontoServer server) {
        String entityId = "urn:test:activity-saml:" + UUID.randomUUID();
        SamlFlow.SpCredentials credentials = SamlFlow.newCredentials("activity-" + entityId.substring(entityId.length() - 8));
        SamlFlow.registerPortal(server.admin(), entityId, credentials, SAML_ACS, Map.of(), Map.of(
                "sk-saml-trust-level-mapper", Map.of(), "sk-saml-bundid-attributes", Map.of()), true);
        String username = user(server);
        SamlFlow saml = new SamlFlow(server.realmUri(), entityId, SAML_ACS, credentials);
        String akdb = "<akdb:AuthenticationRequest xmlns:akdb=\"https://www.akdb.de/request/2018/09\" Version=\"2\">"
                + "<akdb:RequestedAttributes>"
                + "<akdb:RequestedAttribute Name=\"urn:oid:2.5.4.42\" RequiredAttribute=\"true\"/>"
                + "<akdb:RequestedAttribute Name=\"urn:oid:1.2.40.0.10.2.1.1.55\"/>"
                + "</akdb:RequestedAttributes></akdb:AuthenticationRequest>";
        assertThat(saml.response(saml.acceptRelease(saml.login(saml.authnRequest("minimum", List.of("STORK-QAA-Level-1"), akdb), username,
                PASSWORD))).statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");

        JsonNode release = null;
        for (JsonNode entry : entries(server, passwordToken(server, username))) {
            if (entry.path("type").asText().equals("DATA_RELEASE")) {
                release = entry;
            }
        }
        assertThat(release).as("a data release entry").isNotNull();
        assertThat(release.path("portal").asText()).isEqualTo(entityId);
        assertThat(release.path("detail").asText()).isEqualTo("birthdate, firstName");
    }

    @Test
    void givenTwoAccountsThenEachSeesOnlyItsOwnEntries(ServicekontoServer server) {
        String first = passwordToken(server, user(server));
        passwordToken(server, user(server));
        String second = passwordToken(server, user(server));

        // Three accounts logged in; each log holds that account's one login only.
        assertThat(types(entries(server, first))).containsExactly("LOGIN");
        assertThat(types(entries(server, second))).containsExactly("LOGIN");
    }

    @Test
    void givenTokenOfAPortalThenTheLogIsNotReadable(ServicekontoServer server) {
        String username = user(server);
        OidcFlow portal = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        String portalToken = portal.exchange(portal.callback(portal.login(portal.authorize(Map.of()), username, PASSWORD))
                .get("code")).path("access_token").asText();

        HttpResponse<String> refused = call(server, portalToken, "");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Json.parse(refused.body()).path("error").asText()).isEqualTo("forbidden");
        // The portal login itself is in the owner's log, read through the owner's own application.
        assertThat(types(entries(server, passwordToken(server, username)))).containsExactly("LOGIN", "LOGIN");
    }

    @Test
    void givenMissingForeignOrUnfitTokenOrBadPagingThenClearErrors(ServicekontoServer server) {
        assertThat(call(server, null, "").statusCode()).isEqualTo(401);
        HttpResponse<String> garbage = call(server, "not-a-token", "");
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(Json.parse(garbage.body()).path("error").asText()).isEqualTo("unauthorized");

        // A token of another realm (the master realm's administrator) is not one of this realm.
        HttpResponse<String> master = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create(server.baseUri() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + ServicekontoServer.ADMIN_USERNAME + "&password=" + server.adminPassword())).build());
        assertThat(call(server, Json.parse(master.body()).path("access_token").asText(), "").statusCode()).isEqualTo(401);

        String bearer = passwordToken(server, user(server));
        for (String bad : List.of("?max=1000", "?max=0", "?first=-1", "?first=abc", "?max=99999999999")) {
            HttpResponse<String> refused = call(server, bearer, bad);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(Json.parse(refused.body()).path("error").asText()).isEqualTo("invalid_request");
        }
        assertThat(call(server, bearer, "?first=0&max=1").statusCode()).isEqualTo(200);
    }

    // --- helpers ---

    private static JsonNode entries(ServicekontoServer server, String bearer) {
        HttpResponse<String> response = call(server, bearer, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        return Json.parse(response.body()).path("entries");
    }

    private static List<String> types(JsonNode entries) {
        List<String> types = new ArrayList<>();
        entries.forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private static HttpResponse<String> call(ServicekontoServer server, String bearer, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/sk-account/activity" + query))
                .header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return Http.send(HttpClient.newHttpClient(), request.GET().build());
    }

    private static JsonNode account(ServicekontoServer server, String bearer, JsonNode update) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/account/"))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request = update == null ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(update.toString()));
        HttpResponse<String> response = Http.send(HttpClient.newHttpClient(), request.build());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 204);
        return response.body().isEmpty() ? Json.MAPPER.missingNode() : Json.parse(response.body());
    }

    private static String user(ServicekontoServer server) {
        String username = "act-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", "Ada", "lastName", "Aktiv",
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1985-05-05")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private static String passwordToken(ServicekontoServer server, String username) {
        OidcFlow flow = flow(server);
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), username, PASSWORD)).get("code"))
                .path("access_token").asText();
    }

    private static OidcFlow flow(ServicekontoServer server) {
        return new OidcFlow(server.realmUri(), reader, "secret-" + reader, DEMO_OIDC_REDIRECT);
    }
}
