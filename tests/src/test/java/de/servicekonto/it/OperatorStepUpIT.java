package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Operators;
import de.servicekonto.it.support.Registrations;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operator actions and the staff of an authority need a login at trust level hoch, and operator actions a token of
 * the operator client: a reviewer who logged in with a password gets an RFC 9470 challenge, a hoch token of any other
 * client (even one allowed to use the organisations API) is refused, and after reading the ID card in the same
 * browser session the operator client's token works. Each step is made honestly through the login pages and the
 * simulated eID-Client.
 */
@ServicekontoServerTest
class OperatorStepUpIT {

    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String LOW = "http://eidas.europa.eu/LoA/low";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String CHALLENGE = "Bearer realm=\"sk-organisations\", error=\"insufficient_user_authentication\", "
            + "error_description=\"A stronger login is required\", acr_values=\"" + HIGH + "\"";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A portal allowed to use the account side of the organisations API (client attribute), not the operator client. */
    private static String app;
    private static Operators operators;

    @BeforeAll
    static void portalAndOperatorClient(ServicekontoServer server) {
        app = "org-portal-" + suffix();
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", app, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + app,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "sk.organisations.accountApi", "true")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        operators = new Operators(server.realmUri(), server.admin());
    }

    @Test
    void givenReviewerWithPasswordThenChallengedThenHochOfAnotherClientRefusedThenHochOfOperatorClientAccepted(
            ServicekontoServer server) {
        // A reviewer with a password account; the reviewer's card is freed for this test.
        new EidLogin(server).release(Operators.REVIEWER_CARD);
        // The password account is the card holder's own (a card links only to its person's account).
        String[] reviewer = user(server, "Jonas", "Beispiel", "1987-03-14");
        operators.grant(reviewer[1], Operators.REVIEWER_ROLE);
        String authority = apply(server, token(server, user(server, "Antrag")[0]));
        String fachverfahren = fachverfahren(server);

        // 1. Password login through the operator client: niedrig, every operator action answers with the challenge.
        OidcFlow console = operators.console();
        String passwordToken = console.exchange(console.callback(console.login(console.authorize(Map.of()), reviewer[0], PASSWORD))
                .get("code")).path("access_token").asText();
        assertThat(Json.jwtClaims(passwordToken).path("acr").asText()).isEqualTo(LOW);
        for (HttpResponse<String> answer : List.of(
                call(server, "GET", "/operator/authorities", passwordToken, null),
                call(server, "POST", "/operator/authorities/" + authority + "/transitions", passwordToken, Map.of("status", "VERIFIED")),
                call(server, "POST", "/operator/authorities/" + authority + "/transitions", passwordToken, Map.of("status", "ACTIVE")),
                call(server, "POST", "/operator/authorities/" + authority + "/transitions", passwordToken, Map.of("status", "SUSPENDED")),
                call(server, "PUT", "/operator/authorities/" + authority + "/clients/" + fachverfahren, passwordToken, null),
                call(server, "DELETE", "/operator/authorities/" + authority + "/clients/" + fachverfahren, passwordToken, null))) {
            assertChallenge(answer);
        }

        // 2. The same person reads the card through a portal that may use the organisations API: hoch, but not
        //    the operator client's token. (The card is linked to the account here, after the password is typed.)
        OidcFlow portal = console.forClient(app, "secret-" + app, DEMO_OIDC_REDIRECT);
        HttpResponse<String> confirm = EidLogin.readCard(portal.browser(), portal.authorize(Map.of("acr_values", HIGH)),
                Operators.REVIEWER_CARD);
        assertThat(EidLogin.isConfirmPage(confirm)).as(confirm.body()).isTrue();
        String portalHoch = portal.exchange(portal.callback(EidLogin.confirm(portal.browser(), confirm, PASSWORD)).get("code"))
                .path("access_token").asText();
        assertThat(Json.jwtClaims(portalHoch).path("acr").asText()).isEqualTo(HIGH);
        for (HttpResponse<String> answer : List.of(
                call(server, "GET", "/operator/authorities", portalHoch, null),
                call(server, "POST", "/operator/authorities/" + authority + "/transitions", portalHoch, Map.of("status", "VERIFIED")),
                call(server, "PUT", "/operator/authorities/" + authority + "/clients/" + fachverfahren, portalHoch, null))) {
            assertError(answer, 403, "operator_client_required");
        }

        // Nothing of the above changed the authority.
        OidcFlow again = console.again();
        String hoch = again.exchange(again.callback(again.authorize(Map.of("acr_values", HIGH))).get("code"))
                .path("access_token").asText();
        JsonNode claims = Json.jwtClaims(hoch);
        assertThat(claims.path("acr").asText()).as("the session's hoch is reused, no second card reading").isEqualTo(HIGH);
        assertThat(claims.path("sub").asText()).isEqualTo(reviewer[1]);
        JsonNode untouched = ok(call(server, "GET", "/operator/authorities/" + authority, hoch, null));
        assertThat(untouched.path("status").asText()).isEqualTo("APPLIED");
        assertThat(untouched.path("transitions")).hasSize(1);
        assertThat(untouched.path("events")).filteredOn(e -> e.path("type").asText().startsWith("CLIENT_")).isEmpty();

        // 3. hoch through the operator client: verify, activate, bind, suspend.
        assertThat(ok(call(server, "POST", "/operator/authorities/" + authority + "/transitions", hoch, Map.of("status", "VERIFIED")))
                .path("status").asText()).isEqualTo("VERIFIED");
        assertThat(ok(call(server, "POST", "/operator/authorities/" + authority + "/transitions", hoch, Map.of("status", "ACTIVE")))
                .path("status").asText()).isEqualTo("ACTIVE");
        HttpResponse<String> bound = call(server, "PUT", "/operator/authorities/" + authority + "/clients/" + fachverfahren, hoch, null);
        assertThat(bound.statusCode()).as(bound.body()).isEqualTo(204);
        assertThat(ok(call(server, "POST", "/operator/authorities/" + authority + "/transitions", hoch,
                Map.of("status", "SUSPENDED", "reason", "Prüfung"))).path("status").asText()).isEqualTo("SUSPENDED");
        JsonNode history = ok(call(server, "GET", "/operator/authorities/" + authority, hoch, null)).path("transitions");
        assertThat(history).extracting(t -> t.path("actor").asText()).endsWith(reviewer[1], reviewer[1], reviewer[1]);
    }

    @Test
    void givenOrganisationVerifierWithPasswordThenChallengedAndWithTheCardThroughTheOperatorClientAccepted(
            ServicekontoServer server) {
        String[] owner = user(server, "Inhaberin");
        Map<String, Object> data = Registrations.organisation("Geprüft GmbH " + suffix());
        HttpResponse<String> registered = call(server, "POST", "/organisations", token(server, owner[0]), data);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String organisation = Json.parse(registered.body()).path("id").asText();

        // The verifier (card-only account) logged in with a password elsewhere is not enough: step up.
        String[] passwordVerifier = user(server, "Verifiziererin");
        operators.grant(passwordVerifier[1], Operators.VERIFIER_ROLE);
        OidcFlow console = operators.console();
        String low = console.exchange(console.callback(console.login(console.authorize(Map.of()), passwordVerifier[0], PASSWORD))
                .get("code")).path("access_token").asText();
        assertChallenge(call(server, "POST", "/operator/organisations/" + organisation + "/verify", low, null));
        assertChallenge(call(server, "GET", "/operator/organisations/" + organisation, low, null));

        Operators.Operator verifier = operators.verifier();
        JsonNode verified = ok(call(server, "POST", "/operator/organisations/" + organisation + "/verify", verifier.token(), null));
        assertThat(verified.path("verified").asBoolean()).isTrue();
        assertThat(verified.path("verifiedBy").asText()).isEqualTo(verifier.id());
    }

    @Test
    void givenAuthorityAdministratorWithPasswordThenStaffAndRoleChangesNeedHochButReadingDoesNot(ServicekontoServer server) {
        String card = "erika";
        new EidLogin(server).release(card);
        String[] admin = user(server, "Erika", "Mustermann", "1964-08-12");
        String[] clerk = user(server, "Sachbearbeiter");
        OidcFlow flow = new OidcFlow(server.realmUri(), app, "secret-" + app, DEMO_OIDC_REDIRECT);
        String low = flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), admin[0], PASSWORD)).get("code"))
                .path("access_token").asText();
        String authority = apply(server, low);
        HttpResponse<String> joined = server.admin().post("/realms/servicekonto/organizations/" + authority + "/members", clerk[1]);
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);

        // Reading works with the password login; changing who belongs to the authority or administers it does not.
        assertThat(ok(call(server, "GET", "/organisations/" + authority + "/members", low, null)).path("members")).hasSize(2);
        assertChallenge(call(server, "PUT", "/organisations/" + authority + "/members/" + clerk[1] + "/role", low, Map.of("role", "ADMIN")));
        assertChallenge(call(server, "POST", "/organisations/" + authority + "/invitations", low,
                Map.of("email", "neu-" + suffix() + "@example.org")));
        assertChallenge(call(server, "DELETE", "/organisations/" + authority + "/members/" + clerk[1], low, null));
        assertThat(server.admin().get("/realms/servicekonto/organizations/" + authority + "/members")).hasSize(2);

        // After reading the card in the same session, the same portal's token may.
        OidcFlow stepUp = flow.again();
        HttpResponse<String> confirm = EidLogin.readCard(stepUp.browser(), stepUp.authorize(Map.of("acr_values", HIGH)), card);
        assertThat(EidLogin.isConfirmPage(confirm)).as(confirm.body()).isTrue();
        String hoch = stepUp.exchange(stepUp.callback(EidLogin.confirm(stepUp.browser(), confirm, PASSWORD)).get("code"))
                .path("access_token").asText();
        assertThat(ok(call(server, "PUT", "/organisations/" + authority + "/members/" + clerk[1] + "/role", hoch,
                Map.of("role", "ADMIN"))).path("role").asText()).isEqualTo("ADMIN");
        HttpResponse<String> removed = call(server, "DELETE", "/organisations/" + authority + "/members/" + clerk[1], hoch, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
    }

    // --- helpers ---

    private static void assertChallenge(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri() + " " + answer.body()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).contains(CHALLENGE);
        JsonNode body = Json.parse(answer.body());
        assertThat(body.path("error").asText()).isEqualTo("step_up_required");
        assertThat(body.path("acr").asText()).isEqualTo(HIGH);
        assertThat(body.path("trustLevel").asText()).isEqualTo("hoch");
    }

    private static void assertError(HttpResponse<String> answer, int status, String error) {
        assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri() + " " + answer.body()).isEqualTo(status);
        assertThat(Json.parse(answer.body()).path("error").asText()).isEqualTo(error);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    private static JsonNode ok(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.request().method() + " " + answer.uri() + " " + answer.body()).isEqualTo(200);
        return Json.parse(answer.body());
    }

    /** A password account; returns {username, id}. */
    private static String[] user(ServicekontoServer server, String firstName) {
        return user(server, firstName, "Muster", "1980-01-01");
    }

    private static String[] user(ServicekontoServer server, String firstName, String lastName, String birthdate) {
        String username = "op-" + suffix();
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", firstName, "lastName", lastName,
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of(birthdate)),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return new String[] {username, location.substring(location.lastIndexOf('/') + 1)};
    }

    /** A password login through the portal allowed to use the organisations API. */
    private static String token(ServicekontoServer server, String username) {
        OidcFlow flow = new OidcFlow(server.realmUri(), app, "secret-" + app, DEMO_OIDC_REDIRECT);
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), username, PASSWORD)).get("code"))
                .path("access_token").asText();
    }

    /** Applies for an authority account (a password login may); returns its id. */
    private static String apply(ServicekontoServer server, String applicantToken) {
        Map<String, Object> application = Registrations.authority("Stufenamt " + suffix());
        HttpResponse<String> applied = call(server, "POST", "/authorities", applicantToken, application);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        return Json.parse(applied.body()).path("id").asText();
    }

    /** A Fachverfahren client with a service account, to be bound. */
    private static String fachverfahren(ServicekontoServer server) {
        String clientId = "fv-" + suffix();
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", clientId, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + clientId,
                "standardFlowEnabled", false, "serviceAccountsEnabled", true));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return clientId;
    }

    private static HttpResponse<String> call(ServicekontoServer server, String method, String path, String bearer, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/sk-organisations" + path))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        return Http.send(HTTP, request.build());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
