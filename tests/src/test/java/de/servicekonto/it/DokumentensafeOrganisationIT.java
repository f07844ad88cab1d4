package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Registrations;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Safes of organisation accounts (docs/dokumentensafe.md, "Organisation safes"): an administrator uploads (in one
 * request and through an upload session), a member reads and downloads but changes nothing, a member of another
 * organisation and a non-member find no such safe, and removing the organisation shreds its safe (no key, no row).
 */
@ServicekontoServerTest
class DokumentensafeOrganisationIT {

    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String SCOPES = "openid dokumentensafe:read dokumentensafe:write";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A portal that may ask for the safe's scopes and use the organisations account API (to register organisations). */
    private static String portal;

    @BeforeAll
    static void portalForSafesAndOrganisations(ServicekontoServer server) {
        portal = "safe-org-portal-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", portal, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + portal,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "sk.organisations.accountApi", "true")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String internalId = id(created);
        for (String name : List.of("dokumentensafe:read", "dokumentensafe:write")) {
            String scopeId = null;
            for (JsonNode scope : server.admin().get("/realms/servicekonto/client-scopes")) {
                if (name.equals(scope.path("name").asText())) {
                    scopeId = scope.path("id").asText();
                }
            }
            assertThat(scopeId).as("client scope " + name).isNotNull();
            HttpResponse<String> added = server.admin().put("/realms/servicekonto/clients/" + internalId
                    + "/optional-client-scopes/" + scopeId, Map.of());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
        }
    }

    @Test
    void givenAnOrganisationThenAdministratorsManageMembersReadOthersFindNothingAndRemovalShredsTheSafe(
            ServicekontoServer server) throws Exception {
        String[] alice = account(server);
        String[] bob = account(server);
        String[] carl = account(server);
        String[] dave = account(server);
        String aliceToken = token(server, alice[0]);
        String orgName = "Muster GmbH " + suffix();
        String org = organisation(server, aliceToken, orgName);
        HttpResponse<String> joined = server.admin().post("/realms/servicekonto/organizations/" + org + "/members", bob[1]);
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        String daveToken = token(server, dave[0]);
        String otherOrg = organisation(server, daveToken, "Andere AG " + suffix());

        // The administrator stores documents: one request, an upload session, a folder.
        String prefix = "/organisations/" + org;
        byte[] small = pdf(2000);
        HttpResponse<String> single = upload(server, aliceToken, prefix, "Gewerbeanmeldung.pdf", small);
        assertThat(single.statusCode()).as(single.body()).isEqualTo(201);
        String doc = Json.parse(single.body()).path("id").asText();
        byte[] large = pdf(8 * 1024 * 1024 + 500);
        JsonNode session = ok(call(server, aliceToken, "POST", prefix + "/uploads", "{\"filename\":\"Bilanz.pdf\","
                + "\"size\":" + large.length + ",\"contentType\":\"application/pdf\"}"));
        String sessionId = session.path("id").asText();
        assertThat(part(server, aliceToken, prefix, sessionId, 0, Arrays.copyOf(large, 8 * 1024 * 1024)).statusCode()).isEqualTo(204);
        assertThat(part(server, aliceToken, prefix, sessionId, 1, Arrays.copyOfRange(large, 8 * 1024 * 1024, large.length))
                .statusCode()).isEqualTo(204);
        assertThat(ok(call(server, aliceToken, "POST", prefix + "/uploads/" + sessionId + "/complete", null))
                .path("size").asLong()).isEqualTo(large.length);
        String folder = ok(call(server, aliceToken, "POST", prefix + "/folders", "{\"name\":\"Verträge\"}")).path("id").asText();

        // A member reads and downloads, and changes nothing.
        String bobToken = token(server, bob[0]);
        assertThat(ok(call(server, bobToken, "GET", prefix + "/documents", null)).path("documents")).hasSize(2);
        assertThat(download(server, bobToken, prefix, doc)).isEqualTo(small);
        assertThat(download(server, bobToken, prefix, sessionId)).isEqualTo(large);
        assertThat(ok(call(server, bobToken, "GET", prefix, null)).path("usedBytes").asLong()).isEqualTo(small.length + large.length);
        refused(upload(server, bobToken, prefix, "x.pdf", small), 403, "organisation_admin_required");
        refused(call(server, bobToken, "POST", prefix + "/uploads", "{\"filename\":\"x.pdf\",\"size\":10,"
                + "\"contentType\":\"application/pdf\"}"), 403, "organisation_admin_required");
        refused(call(server, bobToken, "DELETE", prefix + "/documents/" + doc, null), 403, "organisation_admin_required");
        refused(call(server, bobToken, "POST", prefix + "/documents/" + doc + "/rename", "{\"name\":\"y.pdf\"}"), 403,
                "organisation_admin_required");
        refused(call(server, bobToken, "DELETE", prefix + "/folders/" + folder, null), 403, "organisation_admin_required");
        // The member's own safe is another one.
        assertThat(ok(call(server, bobToken, "GET", "/me/documents", null)).path("documents")).isEmpty();

        // A non-member, another organisation's administrator, an unknown id, no token: nothing to find.
        String carlToken = token(server, carl[0]);
        List<String[]> calls = List.of(new String[] {"GET", prefix + "/documents", null},
                new String[] {"GET", prefix + "/documents/" + doc + "/content", null},
                new String[] {"GET", prefix + "/folders", null}, new String[] {"GET", prefix, null},
                new String[] {"DELETE", prefix + "/documents/" + doc, null},
                new String[] {"POST", prefix + "/uploads", "{\"filename\":\"x.pdf\",\"size\":10,\"contentType\":\"application/pdf\"}"});
        for (String[] c : calls) {
            refused(call(server, carlToken, c[0], c[1], c[2]), 404, "not_found");
            refused(call(server, daveToken, c[0], c[1], c[2]), 404, "not_found");
            assertThat(call(server, null, c[0], c[1], c[2]).statusCode()).isEqualTo(401);
        }
        refused(call(server, daveToken, "GET", "/organisations/" + UUID.randomUUID() + "/documents", null), 404, "not_found");
        // Another organisation's document id through one's own organisation: not found either.
        refused(call(server, daveToken, "GET", "/organisations/" + otherOrg + "/documents/" + doc + "/content", null), 404,
                "not_found");

        // Each action is in the acting member's own activity log, with the organisation named (never the file name).
        assertThat(call(server, aliceToken, "DELETE", prefix + "/documents/" + doc, null).statusCode()).isEqualTo(200);
        String inOrg = " (" + orgName + ")";
        assertThat(activity(server, alice[1], "DOCUMENT_UPLOADED", doc + inOrg)).isEqualTo(1);
        assertThat(activity(server, alice[1], "DOCUMENT_UPLOADED", sessionId + inOrg)).isEqualTo(1);
        assertThat(activity(server, alice[1], "DOCUMENT_DELETED", doc + inOrg)).isEqualTo(1);
        assertThat(activity(server, bob[1], "DOCUMENT_DOWNLOADED", doc + inOrg)).isEqualTo(1);
        assertThat(activity(server, bob[1], "DOCUMENT_DOWNLOADED", sessionId + inOrg)).isEqualTo(1);
        assertThat(activity(server, alice[1], "DOCUMENT_DOWNLOADED", doc + inOrg)).as("only who did it").isZero();
        assertThat(server.count("select count(*) from SK_ACTIVITY where TYPE like 'DOCUMENT_%' and DETAIL like ?",
                "%Gewerbeanmeldung%")).as("no file name in the log").isZero();
        assertThat(server.count("select count(*) from SK_ACTIVITY where USER_ID = ? and TYPE like 'DOCUMENT_%'", carl[1]))
                .as("refused calls leave nothing").isZero();

        // Removing the organisation shreds its safe: no key, no safe, no document, no segment.
        assertThat(server.count("select count(*) from SK_DS_SAFE where OWNER_KIND = 'organisation' and OWNER_ID = ?"
                + " and WRAPPED_KEY is not null", org)).isEqualTo(1);
        assertThat(server.admin().delete("/realms/servicekonto/organizations/" + org).statusCode()).isEqualTo(204);
        assertThat(server.count("select count(*) from SK_DS_SAFE where OWNER_ID = ?", org)).as("safe and key").isZero();
        assertThat(server.count("select count(*) from SK_DS_DOCUMENT where ID = ?", doc)).isZero();
        assertThat(server.count("select count(*) from SK_DS_SEGMENT where CONTENT_ID = ?", sessionId)).isZero();
        assertThat(server.count("select count(*) from SK_DS_SEGMENT where CONTENT_ID = ?", doc)).isZero();
        assertThat(server.count("select count(*) from SK_DS_FOLDER where ID = ?", folder)).isZero();
        refused(call(server, aliceToken, "GET", prefix + "/documents", null), 404, "not_found");
    }

    // --- helpers ---

    /** How many entries of that type and detail the user's activity log holds (read from its table). */
    private static long activity(ServicekontoServer server, String userId, String type, String detail) {
        return server.count("select count(*) from SK_ACTIVITY where USER_ID || ' ' || TYPE || ' ' || DETAIL = ?",
                userId + " " + type + " " + detail);
    }

    private static String organisation(ServicekontoServer server, String bearer, String name) {
        HttpResponse<String> created = Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri()
                        + "/sk-organisations/organisations")).header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Registrations.organisation(name)))).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).path("id").asText();
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 9);
        return bytes;
    }

    private static HttpResponse<String> upload(ServicekontoServer server, String token, String prefix, String filename, byte[] body) {
        return Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri() + "/dokumentensafe" + prefix
                        + "/documents?filename=" + filename))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpResponse<String> part(ServicekontoServer server, String token, String prefix, String id, int index,
                                             byte[] bytes) {
        return Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri() + "/dokumentensafe" + prefix
                        + "/uploads/" + id + "/parts/" + index)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private static byte[] download(ServicekontoServer server, String token, String prefix, String id) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.realmUri() + "/dokumentensafe"
                + prefix + "/documents/" + id + "/content")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> call(ServicekontoServer server, String token, String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/dokumentensafe" + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return Http.send(HTTP, request.build());
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return Json.parse(response.body());
    }

    private static void refused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Json.parse(response.body()).path("error").asText()).as(response.body()).isEqualTo(code);
    }

    private static String[] account(ServicekontoServer server) {
        String username = "dso-" + suffix();
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", "Olga", "lastName", "Muster",
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1985-05-05")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new String[] {username, id(created)};
    }

    private static String token(ServicekontoServer server, String username) {
        OidcFlow flow = new OidcFlow(server.realmUri(), portal, "secret-" + portal, DEMO_OIDC_REDIRECT);
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of("scope", SCOPES)), username, PASSWORD)).get("code"))
                .path("access_token").asText();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String id(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
