package de.servicekonto.it.support;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Authority accounts made the way the organisations module makes them, over its REST API: an applicant applies,
 * an operator with the realm role {@code sk-authority-reviewer} reviews and binds Fachverfahren clients, logged in
 * through the operator client with the ID card ({@link Operators#reviewer()}).
 */
public final class AuthorityAccounts {

    private static final String PASSWORD = "Test-Passwort-2026";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI realmUri;
    private final AdminClient admin;
    private final String app;
    private final Operators operators;

    /**
     * Creates the account application allowed to use the API in realm servicekonto; the reviewing operator is the
     * account of the reviewer's card (the server needs the eID simulator).
     */
    public AuthorityAccounts(URI realmUri, AdminClient admin) {
        this.realmUri = realmUri;
        this.admin = admin;
        this.app = "authority-app-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = admin.post("/realms/servicekonto/clients", Map.of(
                "clientId", app, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + app,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "sk.organisations.accountApi", "true")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        this.operators = new Operators(realmUri, admin);
    }

    /** A new applicant applies for {@code name}; the operator moves it through {@code statuses}; returns its id. */
    public String authority(String name, String... statuses) {
        Map<String, Object> application = Registrations.authority(name + " " + UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> applied = call("POST", "/authorities", token(user("Antrag")), application);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        String id = Json.parse(applied.body()).path("id").asText();
        String operator = operators.reviewer().token();
        for (String status : statuses) {
            HttpResponse<String> moved = call("POST", "/operator/authorities/" + id + "/transitions", operator,
                    Map.of("status", status));
            assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
        }
        return id;
    }

    /** The operator moves an existing authority account to {@code status} (e.g. SUSPENDED, ACTIVE again). */
    public void transition(String authorityId, String status) {
        HttpResponse<String> moved = call("POST", "/operator/authorities/" + authorityId + "/transitions", operators.reviewer().token(),
                Map.of("status", status));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }

    /** The operator moves an existing authority account to {@code status}, giving {@code reason} for the decision. */
    public void transition(String authorityId, String status, String reason) {
        HttpResponse<String> moved = call("POST", "/operator/authorities/" + authorityId + "/transitions", operators.reviewer().token(),
                Map.of("status", status, "reason", reason));
        assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    }

    /** The operator binds the client (with a service account) to the authority. */
    public void bind(String authorityId, String clientId) {
        HttpResponse<String> bound = call("PUT", "/operator/authorities/" + authorityId + "/clients/" + clientId,
                operators.reviewer().token(), null);
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(204);
    }

    private String user(String firstName) {
        String username = "auth-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = admin.post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", firstName, "lastName", "Muster",
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1980-01-01")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private String token(String username) {
        OidcFlow flow = new OidcFlow(realmUri, app, "secret-" + app, DEMO_OIDC_REDIRECT);
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), username, PASSWORD)).get("code"))
                .path("access_token").asText();
    }

    private HttpResponse<String> call(String method, String path, String bearer, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUri + "/sk-organisations" + path))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        return Http.send(HTTP, request.build());
    }
}
