package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.Mails;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The citizen's master data (Stammdaten) in the declarative user profile: registration and account updates. */
@ServicekontoServerTest
class StammdatenIT {

    private static final String PASSWORD = "Test-Passwort-2026";

    @Test
    void givenBirthDateUnderSixteenThenRegistrationIsRefusedInGermanAndNoAccountIsCreated(ServicekontoServer server) {
        String username = "young-" + UUID.randomUUID().toString().substring(0, 8);
        String birthdate = LocalDate.now().minusYears(16).plusDays(2).toString();

        HttpResponse<String> answer = register(server, username, birthdate, null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(answer.body()).text()).contains("Für ein Servicekonto müssen Sie mindestens 16 Jahre alt sein.");
        assertThat(server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).size()).isZero();
    }

    @Test
    void givenDeMailAddressOfAnotherAccountThenRegistrationIsRefusedInGerman(ServicekontoServer server) {
        String deMail = "lena." + UUID.randomUUID().toString().substring(0, 6) + "@anbieter.de-mail.de";
        adminUser(server, Map.of("deMail", List.of(deMail)));
        String username = "demail-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> answer = register(server, username, "1990-04-01", deMail.toUpperCase());

        assertThat(Jsoup.parse(answer.body()).text()).contains("Diese De-Mail-Adresse gehört bereits zu einem anderen Servicekonto.");
        assertThat(server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).size()).isZero();
    }

    @Test
    void givenRegistrationThenConfirmationMailArrivesAndItsLinkConfirmsTheAddress(ServicekontoServer server) throws Exception {
        String username = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> answer = register(server, username, "1988-02-29", null);
        assertThat(Jsoup.parse(answer.body()).text()).as(answer.body()).contains("E-Mail-Adresse");

        URI link = Mails.confirmationLink(server, username + "@example.org");
        JsonNode before = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).get(0);
        assertThat(before.path("emailVerified").asBoolean()).isFalse();
        assertThat(before.path("attributes").path("birthdate").get(0).asText()).isEqualTo("1988-02-29");

        lastBrowser.get(link);
        JsonNode after = server.admin().get("/realms/servicekonto/users/" + before.path("id").asText());
        assertThat(after.path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void givenTwoAccountsTakingTheSameDeMailAtOnceThenExactlyOneGetsIt(ServicekontoServer server) throws Exception {
        String[] users = {adminUser(server, Map.of()), adminUser(server, Map.of())};
        String[] tokens = {token(server, users[0]), token(server, users[1])};
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String deMail = "gleichzeitig-" + round + "-" + UUID.randomUUID().toString().substring(0, 6) + "@anbieter.de-mail.de";
                List<Callable<HttpResponse<String>>> updates = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String bearer = tokens[i];
                    JsonNode me = account(server, bearer, "GET", null);
                    ((ObjectNode) me.with("attributes")).putArray("deMail").add(deMail);
                    updates.add(() -> accountUpdate(server, bearer, me));
                }
                List<Integer> statuses = new ArrayList<>();
                List<String> bodies = new ArrayList<>();
                for (Future<HttpResponse<String>> result : pool.invokeAll(updates)) {
                    statuses.add(result.get().statusCode());
                    bodies.add(result.get().body());
                }
                assertThat(statuses).as(bodies.toString()).containsExactlyInAnyOrder(204, 400);
                assertThat(String.join(" ", bodies)).contains("skDeMailTaken");
                JsonNode holders = server.admin().get("/realms/servicekonto/users?q=deMail:" + deMail);
                assertThat(holders.size()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenGermanAddressThenPostalCodeMustHaveFiveDigitsWhileOtherCountriesAreNotChecked(ServicekontoServer server) {
        String bearer = token(server, adminUser(server, Map.of()));
        JsonNode me = account(server, bearer, "GET", null);
        ObjectNode attributes = (ObjectNode) me.with("attributes");
        attributes.putArray("country").add("DE");
        attributes.putArray("postal_code").add("1234");
        HttpResponse<String> refused = accountUpdate(server, bearer, me);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("skPostalCodeGerman");

        attributes.putArray("country").add("AT");
        assertThat(accountUpdate(server, bearer, me).statusCode()).isEqualTo(204);
        attributes.putArray("country").add("Deutschland");
        attributes.putArray("postal_code").add("10115");
        assertThat(accountUpdate(server, bearer, me).statusCode()).isEqualTo(204);
    }

    @Test
    void givenConfirmationLinkUsedAfterItsLifetimeThenTheAddressStaysUnconfirmed(ServicekontoServer server) throws Exception {
        // The realm's 24 hours, shortened for the test and restored afterwards.
        setVerifyEmailLifespan(server, "3");
        try {
            String username = "late-" + UUID.randomUUID().toString().substring(0, 8);
            register(server, username, "1975-07-07", null);
            URI link = Mails.confirmationLink(server, username + "@example.org");
            Thread.sleep(4500);
            HttpResponse<String> late = lastBrowser.get(link);
            for (int hop = 0; hop < 5 && late.statusCode() / 100 == 3; hop++) {
                late = lastBrowser.get(late.uri().resolve(late.headers().firstValue("Location").orElseThrow()));
            }
            assertThat(late.statusCode()).isIn(200, 400);
            // The citizen reads why, in German: the link has expired.
            assertThat(Jsoup.parse(late.body()).text()).as(late.body()).contains("Der Link ist abgelaufen oder wurde schon benutzt.");
            JsonNode user = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).get(0);
            assertThat(user.path("emailVerified").asBoolean()).isFalse();
        } finally {
            setVerifyEmailLifespan(server, "86400");
        }
    }

    @Test
    void givenRegistrationNotConfirmedInTimeThenItIsDeletedWhileConfirmedAndOperatorMadeAccountsStay(ServicekontoServer server)
            throws Exception {
        String pending = "pending-" + UUID.randomUUID().toString().substring(0, 8);
        register(server, pending, "1979-03-03", null);
        String confirmed = "confirmed-" + UUID.randomUUID().toString().substring(0, 8);
        register(server, confirmed, "1981-06-06", null);
        lastBrowser.get(Mails.confirmationLink(server, confirmed + "@example.org"));
        HttpResponse<String> operatorMade = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", "opmade-" + UUID.randomUUID().toString().substring(0, 8), "enabled", true,
                "email", UUID.randomUUID() + "@example.org", "emailVerified", false));
        assertThat(operatorMade.statusCode()).isEqualTo(201);
        String operatorMadeId = operatorMade.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        JsonNode marked = server.admin().get("/realms/servicekonto/users?exact=true&username=" + pending).get(0);
        assertThat(marked.path("attributes").has("sk-unconfirmed-since")).as(marked.toString()).isTrue();
        String pendingId = marked.path("id").asText();
        assertThat(server.count(ACTIVITY_OF, pendingId)).as("the registration is in the activity log").isPositive();

        // The realm's 24 hours, shortened to 2 s; the purge runs every 2 s in the test server.
        setRealmAttribute(server, "sk.registration.confirmationPeriodSeconds", "2");
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (server.admin().get("/realms/servicekonto/users?exact=true&username=" + pending).size() > 0) {
                assertThat(Instant.now()).as("unconfirmed registration deleted in time").isBefore(deadline);
                Thread.sleep(500);
            }
            assertThat(server.count(ACTIVITY_OF, pendingId)).as("what the registration created goes with it").isZero();
            assertThat(server.admin().get("/realms/servicekonto/users?exact=true&username=" + confirmed).size()).isEqualTo(1);
            assertThat(server.admin().get("/realms/servicekonto/users/" + operatorMadeId).path("id").asText()).isEqualTo(operatorMadeId);
        } finally {
            setRealmAttribute(server, "sk.registration.confirmationPeriodSeconds", "86400");
        }
    }

    // --- helpers ---

    private static final String ACTIVITY_OF = "select count(*) from SK_ACTIVITY where USER_ID = ?";

    private BrowserlessClient lastBrowser;

    /** The registration form of the login page, filled in like a citizen does. */
    private HttpResponse<String> register(ServicekontoServer server, String username, String birthdate, String deMail) {
        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        lastBrowser = flow.browser();
        HttpResponse<String> login = flow.authorize(Map.of());
        Element link = Jsoup.parse(login.body(), login.uri().toString()).selectFirst("a[href*=registration]");
        assertThat(link).as("registration link on " + login.body()).isNotNull();
        HttpResponse<String> page = flow.browser().get(URI.create(link.absUrl("href")));
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        Element form = document.selectFirst("form#kc-register-form");
        assertThat(form).as(page.body()).isNotNull();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.put("username", username);
        fields.put("email", username + "@example.org");
        fields.put("firstName", "Test");
        fields.put("lastName", "Bürgerin");
        fields.put("birthdate", birthdate);
        fields.put("password", PASSWORD);
        fields.put("password-confirm", PASSWORD);
        if (deMail != null) {
            fields.put("deMail", deMail);
        }
        HttpResponse<String> answer = flow.browser().postForm(URI.create(form.absUrl("action")), fields);
        // A complete registration continues with the e-mail confirmation step (which sends the mail).
        return answer.statusCode() == 302
                ? flow.browser().get(URI.create(answer.headers().firstValue("Location").orElseThrow())) : answer;
    }

    private static String adminUser(ServicekontoServer server, Map<String, List<String>> extra) {
        String username = "sd-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<String>> attributes = new LinkedHashMap<>(extra);
        attributes.put("birthdate", List.of("1980-01-15"));
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", "Sabine", "lastName", "Daten",
                "email", username + "@example.org", "emailVerified", true, "attributes", attributes,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private static String token(ServicekontoServer server, String username) {
        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), username, PASSWORD)).get("code"))
                .path("access_token").asText();
    }

    private static JsonNode account(ServicekontoServer server, String bearer, String method, JsonNode body) {
        return Json.parse(accountCall(server, bearer, method, body).body());
    }

    private static HttpResponse<String> accountUpdate(ServicekontoServer server, String bearer, JsonNode body) {
        return accountCall(server, bearer, "POST", body);
    }

    private static HttpResponse<String> accountCall(ServicekontoServer server, String bearer, String method, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/account/"))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        return Http.send(HttpClient.newHttpClient(), request.build());
    }

    private static void setVerifyEmailLifespan(ServicekontoServer server, String seconds) {
        setRealmAttribute(server, "actionTokenGeneratedByUserLifespan.verify-email", seconds);
    }

    private static void setRealmAttribute(ServicekontoServer server, String name, String value) {
        server.setRealmAttribute(name, value);
        // The other attributes stay: the trust levels' map is still there.
        assertThat(server.admin().get("/realms/servicekonto").path("attributes").path("acr.loa.map").asText()).isNotEmpty();
    }
}
