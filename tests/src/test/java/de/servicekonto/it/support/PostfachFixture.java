package de.servicekonto.it.support;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the Postfach ITs share: a portal client that may request the client scopes {@code postfach:read} and
 * {@code postfach:send} (they come with the realm configuration, see docs/postfach.md),
 * authorities as Keycloak organizations, accounts, tokens, calls and raw database rows.
 */
public final class PostfachFixture {

    public static final String PASSWORD = "Test-Passwort-2026";
    public static final String HIGH = "http://eidas.europa.eu/LoA/high";
    public static final String SCOPES = "openid postfach:read postfach:send";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String portal;

    private final ServicekontoServer server;

    public PostfachFixture(ServicekontoServer server) {
        this.server = server;
        setUp(server);
    }

    private static synchronized void setUp(ServicekontoServer server) {
        if (portal != null) {
            return;
        }
        portal = portalClient(server, Map.of());
    }

    /** A portal client that may request both Postfach scopes, with extra client attributes; returns its client id. */
    public static String portalClient(ServicekontoServer server, Map<String, String> attributes) {
        AdminClient admin = server.admin();
        Map<String, String> all = new java.util.HashMap<>(attributes);
        all.put("pkce.code.challenge.method", "S256");
        String clientId = "postfach-portal-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = admin.post("/realms/servicekonto/clients", Map.of(
                "clientId", clientId, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + clientId,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT), "attributes", all));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String internalId = id(created);
        for (String name : List.of("postfach:read", "postfach:send")) {
            HttpResponse<String> added = admin.put("/realms/servicekonto/clients/" + internalId + "/optional-client-scopes/"
                    + scopeId(admin, name), Map.of());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
        }
        return clientId;
    }

    /** Lets the portal client also request the Dokumentensafe's scopes (docs/dokumentensafe.md); returns its client id. */
    public static String withSafeScopes(ServicekontoServer server, String clientId) {
        AdminClient admin = server.admin();
        String internalId = admin.get("/realms/servicekonto/clients?clientId=" + clientId).get(0).path("id").asText();
        for (String name : List.of("dokumentensafe:read", "dokumentensafe:write")) {
            HttpResponse<String> added = admin.put("/realms/servicekonto/clients/" + internalId + "/optional-client-scopes/"
                    + scopeId(admin, name), Map.of());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
        }
        return clientId;
    }

    static String scopeId(AdminClient admin, String name) {
        for (JsonNode scope : admin.get("/realms/servicekonto/client-scopes")) {
            if (name.equals(scope.path("name").asText())) {
                return scope.path("id").asText();
            }
        }
        throw new IllegalStateException("no client scope " + name);
    }

    public String portal() {
        return portal;
    }

    public ServicekontoServer server() {
        return server;
    }

    // --- accounts and authorities ---

    /** A new account; returns {username, id}. */
    public String[] account(String firstName) {
        String username = "pf-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", firstName, "lastName", "Muster",
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1985-05-05")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new String[] {username, id(created)};
    }

    /**
     * An authority account as the organisations module makes one (applied, verified and activated by an operator;
     * suspended again if {@code active} is false), with the given staff as members; returns its id.
     */
    public String authority(String name, boolean active, String... staffUserIds) {
        return authority(name, active ? List.of("VERIFIED", "ACTIVE") : List.of("VERIFIED", "ACTIVE", "SUSPENDED"),
                staffUserIds);
    }

    /** An authority account moved by an operator through {@code statuses} from applied, with the given staff. */
    public String authority(String name, List<String> statuses, String... staffUserIds) {
        String id = authorities().authority(name, statuses.toArray(String[]::new));
        for (String staff : staffUserIds) {
            HttpResponse<String> member = server.admin().post("/realms/servicekonto/organizations/" + id + "/members",
                    staff);
            assertThat(member.statusCode()).as(member.body()).isEqualTo(201);
        }
        return id;
    }

    /** An operator moves the authority account to {@code status} (SUSPENDED, ACTIVE again). */
    public void authorityStatus(String authorityId, String status) {
        authorities().transition(authorityId, status);
    }

    /**
     * A Fachverfahren client with both Postfach scopes as defaults, bound by an operator to the authority (unbound
     * for an empty id); returns its client id.
     */
    public String fachverfahren(String authorityId) {
        String clientId = "fachverfahren-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", clientId, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + clientId,
                "standardFlowEnabled", false, "serviceAccountsEnabled", true));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String internalId = id(created);
        for (String name : List.of("postfach:read", "postfach:send")) {
            HttpResponse<String> added = server.admin().put("/realms/servicekonto/clients/" + internalId
                    + "/default-client-scopes/" + scopeId(server.admin(), name), Map.of());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
        }
        if (!authorityId.isEmpty()) {
            authorities().bind(authorityId, clientId);
        }
        return clientId;
    }

    private static AuthorityAccounts authorities;

    private synchronized AuthorityAccounts authorities() {
        if (authorities == null) {
            authorities = new AuthorityAccounts(server.realmUri(), server.admin());
        }
        return authorities;
    }

    /** Access token of a password login through the portal, with the given scope parameter. */
    public String token(String username, String scope) {
        return token(username, scope, portal);
    }

    /** Access token of a password login through the given portal client. */
    public String token(String username, String scope, String clientId) {
        OidcFlow flow = new OidcFlow(server.realmUri(), clientId, "secret-" + clientId, DEMO_OIDC_REDIRECT);
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of("scope", scope)), username, PASSWORD)).get("code"))
                .path("access_token").asText();
    }

    public String token(String username) {
        return token(username, SCOPES);
    }

    /** Access token of a password login of the demo account (level niedrig). */
    public String demoToken() {
        OidcFlow flow = flow();
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of("scope", SCOPES)), ServicekontoServer.DEMO_USER,
                ServicekontoServer.DEMO_PASSWORD)).get("code")).path("access_token").asText();
    }

    /** Access token of an ID-card login (level hoch) as the simulator's identity {@code erika}. */
    public String eidToken() {
        OidcFlow flow = flow();
        return flow.exchange(flow.callback(EidLogin.readCardAndConfirm(flow.browser(),
                flow.authorize(Map.of("acr_values", HIGH, "scope", SCOPES)), "erika")).get("code")).path("access_token").asText();
    }

    /** Client-credentials token of a Fachverfahren client. */
    public String clientToken(String clientId) {
        HttpResponse<String> response = Http.send(HTTP, HttpRequest.newBuilder(
                        URI.create(server.realmUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + clientId
                        + "&client_secret=secret-" + clientId)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("access_token").asText();
    }

    public OidcFlow flow() {
        return new OidcFlow(server.realmUri(), portal, "secret-" + portal, DEMO_OIDC_REDIRECT);
    }

    public String userId(String username) {
        JsonNode users = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username);
        return users.get(0).path("id").asText();
    }

    // --- calls ---

    public URI uri(String path) {
        return URI.create(server.realmUri() + "/postfach" + path);
    }

    public HttpResponse<String> get(String bearer, String path) {
        return Http.send(HTTP, auth(HttpRequest.newBuilder(uri(path)), bearer).GET().build());
    }

    public HttpResponse<byte[]> getBytes(String bearer, String path) {
        try {
            return HTTP.send(auth(HttpRequest.newBuilder(uri(path)), bearer).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> post(String bearer, String path, String json) {
        return Http.send(HTTP, auth(HttpRequest.newBuilder(uri(path)), bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)).build());
    }

    public HttpResponse<String> post(String bearer, String path, Object body) {
        return post(bearer, path, Json.write(body));
    }

    public HttpResponse<String> put(String bearer, String path, Object body) {
        return Http.send(HTTP, auth(HttpRequest.newBuilder(uri(path)), bearer).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : Json.write(body))).build());
    }

    public HttpResponse<String> delete(String bearer, String path) {
        return Http.send(HTTP, auth(HttpRequest.newBuilder(uri(path)), bearer).DELETE().build());
    }

    public HttpResponse<String> upload(String bearer, String box, String filename, String contentType, byte[] content) {
        return Http.send(HTTP, auth(HttpRequest.newBuilder(uri("/mailboxes/" + box + "/attachments?filename="
                + URLEncoder.encode(filename, StandardCharsets.UTF_8))), bearer)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    /** Uploads a PDF as an attachment of the mailbox {@code box}, checks for 201 and answers its id. */
    public String staged(String bearer, String box, String filename, byte[] pdf) {
        HttpResponse<String> uploaded = upload(bearer, box, filename, "application/pdf", pdf);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        return Json.parse(uploaded.body()).path("id").asText();
    }

    /** Sends and checks for 201; returns the sender's copy. */
    public JsonNode send(String bearer, String box, Map<String, Object> message) {
        HttpResponse<String> sent = post(bearer, "/mailboxes/" + box + "/messages", message);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        return Json.parse(sent.body());
    }

    public static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    public static void refused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Json.parse(response.body()).path("error").asText()).as(response.body()).isEqualTo(code);
    }

    private static HttpRequest.Builder auth(HttpRequest.Builder request, String bearer) {
        request.header("Accept", "application/json");
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private static String id(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    // --- raw rows ---

    /** A read-only connection to the running server's H2 database (see {@link ServicekontoServer#database()}). */
    public Connection database() throws SQLException {
        return server.database();
    }

    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
