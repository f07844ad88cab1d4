package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every REST endpoint of ours against what an attacker sends instead of a request: broken and unexpected
 * {@code Content-Type} headers, bodies that are no JSON or JSON of the wrong shape, absurd ids and paging values.
 * Whatever comes in, the answer is a 4xx (or a success where the input happens to be valid), never a 5xx, and no
 * answer carries a stack trace.
 */
@ServicekontoServerTest
class RestFuzzIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** An endpoint: method and path below the realm, with its ids already filled in. */
    private record Endpoint(String method, String path) {
        boolean takesBody() {
            return method.equals("POST") || method.equals("PUT");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static PostfachFixture pf;
    private static String citizenToken;
    private static String organisationToken;
    private static List<Endpoint> endpoints;

    @BeforeAll
    static void anAccountWithAMessageAndAnOrganisation(ServicekontoServer server) {
        pf = new PostfachFixture(server);
        String[] citizen = pf.account("Fuzz");
        String[] clerk = pf.account("Amt");
        String authority = pf.authority("Fuzzamt " + UUID.randomUUID().toString().substring(0, 6), true, clerk[1]);
        citizenToken = pf.token(citizen[0]);
        pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Testnachricht", "body", "Inhalt"));
        String message = PostfachFixture.ok(pf.get(citizenToken, "/mailboxes/me/messages")).path("messages").get(0)
                .path("id").asText();

        // The organisations API takes tokens of clients the realm allows for it.
        String app = "fuzz-app-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> client = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", app, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + app,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "sk.organisations.accountApi", "true")));
        assertThat(client.statusCode()).as(client.body()).isEqualTo(201);
        OidcFlow flow = new OidcFlow(server.realmUri(), app, "secret-" + app, DEMO_OIDC_REDIRECT);
        organisationToken = flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), citizen[0],
                PostfachFixture.PASSWORD)).get("code")).path("access_token").asText();
        HttpResponse<String> organisation = send(server, "POST", "/sk-organisations/organisations", organisationToken,
                "application/json", Json.write(Map.of("name", "Fuzz GmbH " + UUID.randomUUID().toString().substring(0, 8), "legalForm", "GmbH",
                        "registerType", "HRB", "registerNumber", "HRB 12345", "registerCourt", "Amtsgericht München",
                        "street", "Musterstraße 1", "postalCode", "80331", "city", "München",
                        "contactEmail", "kontakt@example.org"))
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(organisation.statusCode()).as(organisation.body()).isEqualTo(201);
        String org = Json.parse(organisation.body()).path("id").asText();

        String pfx = "/postfach/mailboxes/me";
        String msg = pfx + "/messages/" + message;
        String orgs = "/sk-organisations/organisations/" + org;
        endpoints = List.of(
                new Endpoint("GET", "/postfach/openapi.yaml"),
                new Endpoint("GET", pfx + "/folders"),
                new Endpoint("GET", pfx + "/messages"),
                new Endpoint("POST", pfx + "/messages"),
                new Endpoint("GET", msg),
                new Endpoint("DELETE", msg),
                new Endpoint("GET", msg + "/thread"),
                new Endpoint("POST", msg + "/reply"),
                new Endpoint("POST", msg + "/read"),
                new Endpoint("DELETE", msg + "/read"),
                new Endpoint("POST", msg + "/archive"),
                new Endpoint("POST", msg + "/restore"),
                new Endpoint("GET", msg + "/receipt"),
                new Endpoint("GET", msg + "/attachments/" + UUID.randomUUID()),
                new Endpoint("POST", pfx + "/attachments?filename=a.pdf"),
                new Endpoint("GET", pfx + "/settings"),
                new Endpoint("PUT", pfx + "/settings"),
                new Endpoint("GET", "/postfach/mailboxes/" + authority + "/folders"),
                new Endpoint("GET", "/sk-organisations/organisations"),
                new Endpoint("POST", "/sk-organisations/organisations"),
                new Endpoint("GET", orgs),
                new Endpoint("GET", orgs + "/members"),
                new Endpoint("DELETE", orgs + "/members/" + citizen[1]),
                new Endpoint("PUT", orgs + "/members/" + citizen[1] + "/role"),
                new Endpoint("GET", orgs + "/invitations"),
                new Endpoint("POST", orgs + "/invitations"),
                new Endpoint("DELETE", orgs + "/invitations/" + UUID.randomUUID()),
                new Endpoint("GET", orgs + "/favourites"),
                new Endpoint("PUT", orgs + "/favourites"),
                new Endpoint("POST", "/sk-organisations/authorities"),
                new Endpoint("GET", "/sk-organisations/authorities/active"),
                new Endpoint("GET", "/sk-organisations/client/authority"),
                new Endpoint("GET", "/sk-organisations/operator/authorities"),
                new Endpoint("GET", "/sk-organisations/operator/authorities/" + authority),
                new Endpoint("POST", "/sk-organisations/operator/authorities/" + authority + "/transitions"),
                new Endpoint("PUT", "/sk-organisations/operator/authorities/" + authority + "/clients/x"),
                new Endpoint("DELETE", "/sk-organisations/operator/authorities/" + authority + "/clients/x"),
                new Endpoint("GET", "/sk-organisations/operator/organisations/" + org),
                new Endpoint("POST", "/sk-organisations/operator/organisations/" + org + "/verify"),
                new Endpoint("GET", "/sk-account/activity"),
                new Endpoint("GET", "/sk-eid/tc-token?ref=x"),
                new Endpoint("GET", "/sk-helpdesk/openapi.yaml"),
                new Endpoint("GET", "/sk-helpdesk/accounts?search=fuzz"),
                new Endpoint("GET", "/sk-helpdesk/accounts/" + citizen[1]),
                new Endpoint("POST", "/sk-helpdesk/accounts/" + citizen[1] + "/lock"),
                new Endpoint("POST", "/sk-helpdesk/accounts/" + citizen[1] + "/unlock"),
                new Endpoint("POST", "/sk-helpdesk/accounts/" + citizen[1] + "/resend-confirmation"));
    }

    @Test
    void givenMalformedOrFormContentTypesThenEveryEndpointAnswers415WithAStableCode(ServicekontoServer server) {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Endpoint endpoint : endpoints) {
            // Types the server's parser takes although they are odd: whatever the endpoint makes of them, no 5xx.
            for (String contentType : List.of("application/json;;charset", "text/plain", "application/octet-stream",
                    "application/json; charset=x-unknown", "application/xml")) {
                calls++;
                check(failures, endpoint + " [" + contentType + "]", send(server, endpoint.method(), endpoint.path(),
                        tokenFor(endpoint), contentType, "{\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
            }
            for (String contentType : List.of(";;;", "a/b/c", "/", "multipart/form-data; boundary=x",
                    "multipart/form-data", "application/x-www-form-urlencoded")) {
                for (String token : new String[] {null, "not-a-token", tokenFor(endpoint)}) {
                    calls++;
                    HttpResponse<String> response = send(server, endpoint.method(), endpoint.path(), token, contentType,
                            "{\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8));
                    check(failures, endpoint + " [" + contentType + "]", response);
                    if (response.statusCode() != 415 || !"unsupported_media_type".equals(errorCode(response))) {
                        failures.add(endpoint + " [" + contentType + "]: expected 415 unsupported_media_type, got "
                                + response.statusCode() + " " + abbreviate(response.body()));
                    }
                }
            }
        }
        assertThat(failures).as(calls + " calls").isEmpty();
    }

    @Test
    void givenTwoContentTypeHeadersOrMatrixParametersThenStill415(ServicekontoServer server) {
        // Two headers: joined they could pass as one type while the framework parses the first.
        HttpRequest twice = HttpRequest.newBuilder(URI.create(server.realmUri() + "/postfach/mailboxes/me/messages"))
                .header("Authorization", "Bearer " + citizenToken)
                .header("Content-Type", "multipart/form-data; boundary=x").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"x\"}")).build();
        HttpResponse<String> answer = Http.send(HTTP, twice);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(415);
        assertThat(errorCode(answer)).isEqualTo("unsupported_media_type");

        // A matrix parameter does not hide one of our endpoints from the form rule.
        for (String path : List.of("/postfach;a=b/mailboxes/me/messages", "/postfach/mailboxes;x=y/me/messages",
                "/sk-organisations;v=1/organisations")) {
            HttpResponse<String> response = send(server, "POST", path, tokenFor(new Endpoint("POST", path)),
                    "multipart/form-data; boundary=x", "{\"subject\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            List<String> failures = new ArrayList<>();
            check(failures, path, response);
            assertThat(failures).isEmpty();
            // Keycloak refuses ';' in paths itself (400 invalidCharacter); either way the form never reaches a parser.
            assertThat(response.statusCode()).as(path + ": " + response.body()).isIn(400, 404, 415);
        }
    }

    @Test
    void givenBodiesThatAreNoRequestThenNeverAServerError(ServicekontoServer server) {
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(20_000));
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty", new byte[0]);
        bodies.put("truncated", "{\"subject\":".getBytes(StandardCharsets.UTF_8));
        bodies.put("array", "[]".getBytes(StandardCharsets.UTF_8));
        bodies.put("null", "null".getBytes(StandardCharsets.UTF_8));
        bodies.put("string", "\"x\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("number", "1e999999".getBytes(StandardCharsets.UTF_8));
        bodies.put("wrong types", ("{\"to\":1,\"subject\":[],\"body\":{},\"attachments\":\"x\",\"role\":7,\"name\":false,"
                + "\"status\":[1],\"email\":{},\"notice\":\"ja\",\"minimumLevel\":99,\"emailNotifications\":\"x\","
                + "\"favourites\":{\"a\":1}}").getBytes(StandardCharsets.UTF_8));
        bodies.put("unknown fields", "{\"__proto__\":{\"admin\":true},\"id\":\"../../x\"}".getBytes(StandardCharsets.UTF_8));
        bodies.put("deep nesting", deep.toString().getBytes(StandardCharsets.UTF_8));
        bodies.put("duplicate keys", "{\"subject\":\"a\",\"subject\":\"b\"}".getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8", new byte[] {'{', '"', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'});
        bodies.put("NUL and bidi", "{\"subject\":\"a\\u0000b\\u202Ec\",\"body\":\"\\uD800\"}".getBytes(StandardCharsets.UTF_8));
        bodies.put("3 MB string", ("{\"subject\":\"" + "A".repeat(3 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Endpoint endpoint : endpoints) {
            if (!endpoint.takesBody()) {
                continue;
            }
            for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
                for (String token : new String[] {null, tokenFor(endpoint)}) {
                    calls++;
                    check(failures, endpoint + " [" + body.getKey() + "]",
                            send(server, endpoint.method(), endpoint.path(), token, "application/json", body.getValue()));
                }
            }
        }
        assertThat(failures).as(calls + " calls").isEmpty();
    }

    @Test
    void givenAbsurdIdsAndPagingValuesThenNeverAServerError(ServicekontoServer server) {
        List<String> ids = List.of("x", "..", "%2e%2e", "%2F", "%00", "%E2%80%AE", "%27%20OR%201%3D1--", "-1",
                "99999999999999999999", "a".repeat(3000), UUID.randomUUID().toString(), "me", "%20");
        List<String> paths = new ArrayList<>();
        for (String id : ids) {
            paths.add("/postfach/mailboxes/" + id + "/folders");
            paths.add("/postfach/mailboxes/me/messages/" + id);
            paths.add("/postfach/mailboxes/me/messages/" + id + "/thread");
            paths.add("/postfach/mailboxes/me/messages/" + id + "/receipt");
            paths.add("/postfach/mailboxes/me/messages/" + id + "/attachments/" + id);
            paths.add("/sk-organisations/organisations/" + id);
            paths.add("/sk-organisations/organisations/" + id + "/members");
            paths.add("/sk-organisations/operator/authorities/" + id);
            paths.add("/sk-eid/tc-token?ref=" + id);
            paths.add("/sk-helpdesk/accounts/" + id);
            paths.add("/sk-helpdesk/accounts?search=" + id);
        }
        for (String value : List.of("-1", "0", "101", "abc", "1e99", "99999999999999999999", "%00", "", "1.5")) {
            paths.add("/postfach/mailboxes/me/messages?limit=" + value);
            paths.add("/postfach/mailboxes/me/messages?since=" + value + "&until=" + value);
            paths.add("/postfach/mailboxes/me/messages?cursor=" + value);
            paths.add("/postfach/mailboxes/me/messages?folder=" + value);
            paths.add("/sk-account/activity?first=" + value + "&max=" + value);
            paths.add("/sk-organisations/organisations/x/members?first=" + value + "&max=" + value);
            paths.add("/sk-helpdesk/accounts?search=ab&first=" + value + "&max=" + value);
        }
        for (String query : List.of("q=" + "%25".repeat(50), "q=" + "a".repeat(5000), "sender=%E2%80%AE",
                "cursor=" + "A".repeat(4000), "cursor=eyJ4IjoxfQ", "folder=..%2Finbox", "q=%5C%27%22%3B")) {
            paths.add("/postfach/mailboxes/me/messages?" + query);
        }
        List<String> failures = new ArrayList<>();
        for (String path : paths) {
            String token = path.startsWith("/sk-organisations") ? organisationToken : citizenToken;
            check(failures, "GET " + path, send(server, "GET", path, token, null, null));
            check(failures, "POST " + path, send(server, "POST", path, token, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(failures).as(2 * paths.size() + " calls").isEmpty();
    }

    private static String tokenFor(Endpoint endpoint) {
        return endpoint.path().startsWith("/sk-organisations") ? organisationToken : citizenToken;
    }

    private static void check(List<String> failures, String what, HttpResponse<String> response) {
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() >= 500) {
            failures.add(what + ": " + response.statusCode() + " " + abbreviate(body));
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("Stack:") || body.contains("Error id")) {
            failures.add(what + ": internals in the answer: " + abbreviate(body));
        }
    }

    private static String errorCode(HttpResponse<String> response) {
        try {
            JsonNode json = Json.parse(response.body());
            return json.path("error").asText();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "…" : body;
    }

    private static HttpResponse<String> send(ServicekontoServer server, String method, String path, String bearer,
                                             String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + path))
                .timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return Http.send(HTTP, request.build());
    }
}
