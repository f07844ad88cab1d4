package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static de.servicekonto.it.support.PostfachFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may do what in the Postfach: every endpoint with the owner's token, another account's, a token of another realm,
 * an expired one and none; authority mailboxes for staff, other authorities' staff and Fachverfahren clients; the
 * minimum trust level of a message.
 */
@ServicekontoServerTest
class PostfachAuthorizationIT {

    private static PostfachFixture pf;
    private static String[] owner;
    private static String[] stranger;
    private static String[] clerk;
    private static String[] otherClerk;
    private static String authority;
    private static String otherAuthority;
    private static String shortLivedPortal;

    @BeforeAll
    static void accountsAndTwoAuthorities(ServicekontoServer server) {
        pf = new PostfachFixture(server);
        owner = pf.account("Olga");
        stranger = pf.account("Fritz");
        clerk = pf.account("Sachbearbeiter");
        otherClerk = pf.account("Fremd");
        authority = pf.authority("Finanzamt", true, clerk[1]);
        otherAuthority = pf.authority("Ordnungsamt", true, otherClerk[1]);
        // Access tokens of this portal expire after 2 s.
        shortLivedPortal = PostfachFixture.portalClient(server, Map.of("access.token.lifespan", "2"));
    }

    @Test
    void givenEachEndpointThenOnlyTheOwnerSucceedsAndOthersLearnNothingAboutTheMessage(ServicekontoServer server)
            throws Exception {
        String ownerToken = pf.token(owner[0]);
        byte[] pdf = PostfachIT.pdf(2000);
        JsonNode upload = Json.parse(pf.upload(pf.token(clerk[0]), authority, "Bescheid.pdf", "application/pdf", pdf).body());
        pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "user", "id", owner[1]), "subject", "Steuer",
                "body", "Ihr Bescheid", "attachments", List.of(upload.path("id").asText())));
        JsonNode message = ok(pf.get(ownerToken, "/mailboxes/me/messages")).path("messages").get(0);
        String id = message.path("id").asText();
        String attachmentId = ok(pf.get(ownerToken, "/mailboxes/me/messages/" + id)).path("attachments").get(0).path("id").asText();
        String base = "/mailboxes/me/messages/" + id;

        Map<String, BiFunction<String, String, HttpResponse<String>>> endpoints = new LinkedHashMap<>();
        endpoints.put("GET message", (token, m) -> pf.get(token, "/mailboxes/me/messages/" + m));
        endpoints.put("GET thread", (token, m) -> pf.get(token, "/mailboxes/me/messages/" + m + "/thread"));
        endpoints.put("GET attachment", (token, m) -> pf.get(token, "/mailboxes/me/messages/" + m + "/attachments/" + attachmentId));
        endpoints.put("POST read", (token, m) -> pf.post(token, "/mailboxes/me/messages/" + m + "/read", ""));
        endpoints.put("DELETE read", (token, m) -> pf.delete(token, "/mailboxes/me/messages/" + m + "/read"));
        endpoints.put("POST archive", (token, m) -> pf.post(token, "/mailboxes/me/messages/" + m + "/archive", ""));
        endpoints.put("POST reply", (token, m) -> pf.post(token, "/mailboxes/me/messages/" + m + "/reply",
                Map.of("subject", "Re", "body", "Danke")));
        endpoints.put("GET receipt", (token, m) -> pf.get(token, "/mailboxes/me/messages/" + m + "/receipt"));
        endpoints.put("DELETE message", (token, m) -> pf.delete(token, "/mailboxes/me/messages/" + m));
        endpoints.put("POST restore", (token, m) -> pf.post(token, "/mailboxes/me/messages/" + m + "/restore", ""));

        String strangerToken = pf.token(stranger[0]);
        String foreignToken = foreignRealmToken(server);
        assertThat(Json.jwtClaims(foreignToken).path("aud").toString()).as("a Postfach token, of another realm").contains("postfach");
        String expired = pf.token(owner[0], PostfachFixture.SCOPES, shortLivedPortal);
        Thread.sleep(3500);
        String missing = UUID.randomUUID().toString();

        for (Map.Entry<String, BiFunction<String, String, HttpResponse<String>>> endpoint : endpoints.entrySet()) {
            String name = endpoint.getKey();
            // Another account: the message is not in its mailbox, and the answer is the one for an id that exists nowhere.
            HttpResponse<String> foreign = endpoint.getValue().apply(strangerToken, id);
            HttpResponse<String> nowhere = endpoint.getValue().apply(strangerToken, missing);
            assertThat(foreign.statusCode()).as(name + " by another account: " + foreign.body()).isEqualTo(404);
            assertThat(foreign.body()).as(name).isEqualTo(nowhere.body());
            for (Map.Entry<String, String> bad : Map.of("another realm", foreignToken, "expired", expired, "garbage", "x.y.z")
                    .entrySet()) {
                HttpResponse<String> response = endpoint.getValue().apply(bad.getValue(), id);
                assertThat(response.statusCode()).as(name + " with " + bad.getKey() + ": " + response.body()).isEqualTo(401);
                assertThat(Json.parse(response.body()).path("error").asText()).isEqualTo("unauthorized");
            }
            HttpResponse<String> none = endpoint.getValue().apply(null, id);
            assertThat(none.statusCode()).as(name + " without token").isEqualTo(401);
        }

        // The owner can use every one of them (but the receipt: the message is no notice).
        assertThat(pf.get(ownerToken, base).statusCode()).isEqualTo(200);
        assertThat(pf.get(ownerToken, base + "/thread").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> download = pf.getBytes(ownerToken, base + "/attachments/" + attachmentId);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(pf.post(ownerToken, base + "/read", "").statusCode()).isEqualTo(204);
        assertThat(pf.delete(ownerToken, base + "/read").statusCode()).isEqualTo(204);
        assertThat(pf.post(ownerToken, base + "/archive", "").statusCode()).isEqualTo(204);
        assertThat(pf.post(ownerToken, base + "/reply", Map.of("subject", "Re", "body", "Danke")).statusCode()).isEqualTo(201);
        refused(pf.get(ownerToken, base + "/receipt"), 404, "not_a_notice");
        assertThat(pf.delete(ownerToken, base).statusCode()).isEqualTo(200);
        assertThat(pf.post(ownerToken, base + "/restore", "").statusCode()).isEqualTo(204);

        // Lists and uploads are per caller: another account sees its own, empty, mailbox.
        assertThat(ok(pf.get(strangerToken, "/mailboxes/me/messages?folder=archive")).path("messages")).isEmpty();
        assertThat(ok(pf.get(strangerToken, "/mailboxes/me/messages?q=Steuer")).path("messages")).isEmpty();
        Map<String, java.util.function.Function<String, HttpResponse<String>>> perCaller = new LinkedHashMap<>();
        perCaller.put("GET list", token -> pf.get(token, "/mailboxes/me/messages"));
        perCaller.put("GET folders", token -> pf.get(token, "/mailboxes/me/folders"));
        perCaller.put("POST message", token -> pf.post(token, "/mailboxes/me/messages", Map.of("to",
                Map.of("kind", "authority", "id", authority), "subject", "s", "body", "b")));
        perCaller.put("POST attachment", token -> pf.upload(token, "me", "a.pdf", "application/pdf", pdf));
        perCaller.put("GET authority list", token -> pf.get(token, "/mailboxes/" + authority + "/messages"));
        for (Map.Entry<String, java.util.function.Function<String, HttpResponse<String>>> endpoint : perCaller.entrySet()) {
            for (Map.Entry<String, String> bad : Map.of("another realm", foreignToken, "expired", expired, "garbage", "x.y.z")
                    .entrySet()) {
                refused(endpoint.getValue().apply(bad.getValue()), 401, "unauthorized");
            }
            assertThat(endpoint.getValue().apply(null).statusCode()).as(endpoint.getKey() + " without token").isEqualTo(401);
        }
        // Another account, or the staff of another authority, is refused the authority's mailbox alike.
        refused(pf.get(strangerToken, "/mailboxes/" + authority + "/messages/" + id), 403, "forbidden");
        refused(pf.get(pf.token(otherClerk[0]), "/mailboxes/" + authority + "/messages/" + id), 403, "forbidden");
    }

    @Test
    void givenAuthorityMailboxThenOnlyItsStaffAndItsOwnFachverfahrenUseIt() {
        String path = "/mailboxes/" + authority + "/messages";
        assertThat(pf.get(pf.token(clerk[0]), path).statusCode()).isEqualTo(200);
        refused(pf.get(pf.token(otherClerk[0]), path), 403, "forbidden");
        refused(pf.get(pf.token(owner[0]), path), 403, "forbidden");
        refused(pf.get(pf.token(clerk[0]), "/mailboxes/" + UUID.randomUUID() + "/messages"), 403, "forbidden");

        String ownSystem = pf.clientToken(pf.fachverfahren(authority));
        String otherSystem = pf.clientToken(pf.fachverfahren(otherAuthority));
        assertThat(pf.get(ownSystem, path).statusCode()).isEqualTo(200);
        refused(pf.get(otherSystem, path), 403, "forbidden");
        refused(pf.get(ownSystem, "/mailboxes/me/messages"), 403, "forbidden");

        // The Fachverfahren delivers to a citizen; the citizen sees the authority as sender.
        JsonNode sent = pf.send(ownSystem, authority, Map.of("to", Map.of("kind", "user", "id", stranger[1]),
                "subject", "Eingangsbestätigung", "body", "Ihr Antrag ist eingegangen."));
        assertThat(sent.path("sender").path("id").asText()).isEqualTo(authority);
        JsonNode received = ok(pf.get(pf.token(stranger[0]), "/mailboxes/me/messages")).path("messages").get(0);
        assertThat(received.path("subject").asText()).isEqualTo("Eingangsbestätigung");
        assertThat(received.path("sender").path("kind").asText()).isEqualTo("authority");

        // A service-account client bound to no authority has no Postfach at all.
        String unbound = pf.clientToken(pf.fachverfahren(""));
        refused(pf.get(unbound, path), 403, "forbidden");
    }

    @Test
    void givenTokenWithoutPostfachScopesThenRefused() {
        // No Postfach scope: no "postfach" audience either, so the token is not one for this API.
        refused(pf.get(pf.token(owner[0], "openid"), "/mailboxes/me/messages"), 401, "unauthorized");
        // Read only: listing works, sending does not.
        String readOnly = pf.token(owner[0], "openid postfach:read");
        assertThat(pf.get(readOnly, "/mailboxes/me/messages").statusCode()).isEqualTo(200);
        refused(pf.post(readOnly, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "s", "body", "b")), 403, "insufficient_scope");
        refused(pf.upload(readOnly, "me", "a.pdf", "application/pdf", PostfachIT.pdf(100)), 403, "insufficient_scope");
    }

    @Test
    void givenMessageNeedingHochThenANiedrigSessionSeesSenderAndDateButCannotOpenIt(ServicekontoServer server) {
        String eidToken = pf.eidToken();
        JsonNode claims = Json.jwtClaims(eidToken);
        assertThat(claims.path("acr").asText()).isEqualTo(PostfachFixture.HIGH);
        String account = claims.path("sub").asText();
        String username = claims.path("preferred_username").asText();
        // The same account with a password login: level niedrig. The card may belong to the demo account, whose
        // password other tests use; any other account gets one.
        String lowToken;
        if (ServicekontoServer.DEMO_USER.equals(username)) {
            lowToken = pf.demoToken();
        } else {
            HttpResponse<String> reset = server.admin().put("/realms/servicekonto/users/" + account + "/reset-password",
                    Map.of("type", "password", "value", PostfachFixture.PASSWORD, "temporary", false));
            assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
            lowToken = pf.token(username);
        }
        assertThat(Json.jwtClaims(lowToken).path("acr").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");

        String clerkToken = pf.token(clerk[0]);
        JsonNode upload = Json.parse(pf.upload(clerkToken, authority, "Gutachten.pdf", "application/pdf", PostfachIT.pdf(500)).body());
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", account), "subject", "Ärztliches Gutachten",
                "body", "Vertraulich", "minimumTrustLevel", "hoch", "attachments", List.of(upload.path("id").asText())));

        JsonNode listed = ok(pf.get(lowToken, "/mailboxes/me/messages")).path("messages").get(0);
        assertThat(listed.path("locked").asBoolean()).isTrue();
        assertThat(listed.has("subject")).isFalse();
        assertThat(listed.path("senderName").asText()).startsWith("Finanzamt");
        assertThat(listed.path("createdAt").asText()).isNotEmpty();
        assertThat(listed.path("minimumAcr").asText()).isEqualTo(PostfachFixture.HIGH);
        String id = listed.path("id").asText();

        HttpResponse<String> opened = pf.get(lowToken, "/mailboxes/me/messages/" + id);
        refused(opened, 401, "step_up_required");
        assertThat(Json.parse(opened.body()).path("acr").asText()).isEqualTo(PostfachFixture.HIGH);
        // RFC 9470: the challenge a client library understands.
        assertThat(opened.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_user_authentication\"")
                .contains("acr_values=\"" + PostfachFixture.HIGH + "\"");
        assertThat(opened.body()).doesNotContain("Gutachten").doesNotContain("Vertraulich");
        refused(pf.post(lowToken, "/mailboxes/me/messages/" + id + "/reply", Map.of("subject", "Re", "body", "b")), 401,
                "step_up_required");
        // Searching for the subject in a niedrig session finds nothing.
        assertThat(ok(pf.get(lowToken, "/mailboxes/me/messages?q=Gutachten")).path("messages")).isEmpty();

        JsonNode high = ok(pf.get(pf.eidToken(), "/mailboxes/me/messages/" + id));
        assertThat(high.path("subject").asText()).isEqualTo("Ärztliches Gutachten");
        assertThat(high.path("body").asText()).isEqualTo("Vertraulich");
        String attachment = high.path("attachments").get(0).path("id").asText();
        refused(pf.get(lowToken, "/mailboxes/me/messages/" + id + "/attachments/" + attachment), 401, "step_up_required");

        // The citizen answers in the hoch session without naming a level, and so does the authority's further answer
        // in the thread: each stays as protected as the message it answers (a reply names or quotes it).
        HttpResponse<String> citizenReply = pf.post(pf.eidToken(), "/mailboxes/me/messages/" + id + "/reply",
                Map.of("subject", "Rückfrage", "body", "b"));
        assertThat(citizenReply.statusCode()).as(citizenReply.body()).isEqualTo(201);
        assertThat(Json.parse(citizenReply.body()).path("minimumTrustLevel").asText()).isEqualTo("hoch");
        // (The clerk's password session could not open the hoch thread either; the authority's Fachverfahren answers.)
        String system = pf.clientToken(pf.fachverfahren(authority));
        HttpResponse<String> authorityReply = pf.post(system, "/mailboxes/" + authority + "/messages/"
                + sent.path("id").asText() + "/reply", Map.of("subject", "Ergänzung zum Gutachten", "body", "Vertraulich 2"));
        assertThat(authorityReply.statusCode()).as(authorityReply.body()).isEqualTo(201);
        assertThat(Json.parse(authorityReply.body()).path("minimumAcr").asText()).isEqualTo(PostfachFixture.HIGH);
        JsonNode newest = ok(pf.get(lowToken, "/mailboxes/me/messages")).path("messages").get(0);
        assertThat(newest.path("threadId").asText()).isEqualTo(listed.path("threadId").asText());
        assertThat(newest.path("locked").asBoolean()).isTrue();
        refused(pf.get(lowToken, "/mailboxes/me/messages/" + newest.path("id").asText()), 401, "step_up_required");
    }

    /**
     * A token of another realm made to look like a Postfach token (audience postfach, both scopes): what only the
     * realm check refuses.
     */
    private static String foreignRealmToken(ServicekontoServer server) {
        String realm = "pf-foreign-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(server.admin().post("/realms", Map.of("realm", realm, "enabled", true)).statusCode()).isEqualTo(201);
        Map<String, Object> audience = Map.of("name", "postfach audience", "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.custom.audience", "postfach",
                        "access.token.claim", "true"));
        for (String scope : List.of("postfach:read", "postfach:send")) {
            HttpResponse<String> created = server.admin().post("/realms/" + realm + "/client-scopes", Map.of("name", scope,
                    "protocol", "openid-connect", "attributes", Map.of("include.in.token.scope", "true"),
                    "protocolMappers", List.of(audience)));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        HttpResponse<String> client = server.admin().post("/realms/" + realm + "/clients", Map.of("clientId", "fremd",
                "publicClient", false, "secret", "fremd-secret", "directAccessGrantsEnabled", true,
                "defaultClientScopes", List.of("postfach:read", "postfach:send")));
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
        HttpResponse<String> user = server.admin().post("/realms/" + realm + "/users", Map.of("username", owner[0],
                "enabled", true, "firstName", "Olga", "lastName", "Fremd", "email", "olga@fremd.example", "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", PostfachFixture.PASSWORD, "temporary", false))));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        HttpResponse<String> token = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create(server.baseUri() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=fremd&client_secret=fremd-secret"
                        + "&scope=postfach%3Aread%20postfach%3Asend&username=" + owner[0] + "&password="
                        + PostfachFixture.PASSWORD)).build());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return Json.parse(token.body()).path("access_token").asText();
    }
}
