package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.Mails;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Linking an ID card to an existing account (issue #14): only the card of the account's own person is linked, the
 * account's identity never changes, and every link is mailed to the owner and written to the owner's log. Through
 * the real server and the simulated eID-Client and eID-Server.
 */
@ServicekontoServerTest
class EidCardLinkIT {

    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String LINKED_SUBJECT = "Ein Online-Ausweis wurde mit Ihrem Servicekonto verbunden";

    /**
     * The attack: someone who knows only Anna's password lets a portal ask for hoch, chooses "Mit Benutzername und
     * Passwort anmelden", types her password and reads his own card. Before the fix, "Daten übernehmen" turned
     * Anna's account into his person at level hoch.
     */
    @Test
    void givenAnnasPasswordWhenSomeoneReadsHisOwnCardForHerAccountThenRefusedNothingChangedAndNoHoch(
            ServicekontoServer server) throws Exception {
        EidLogin eid = new EidLogin(server);
        eid.release("jonas");
        String userId = passwordUser(server, "Anna", "Beispiel", "1990-01-01",
                Map.of("street", List.of("Lindenweg 4"), "locality", List.of("Bonn")));
        String username = username(server, userId);
        JsonNode before = server.admin().get(userPath(userId));

        OidcFlow flow = demoFlow(server);
        HttpResponse<String> eidFirst = flow.authorize(Map.of("acr_values", HIGH));
        assertThat(EidLogin.isEidPage(eidFirst)).as(eidFirst.body()).isTrue();
        HttpResponse<String> cardPage = flow.login(EidLogin.choosePassword(flow.browser(), eidFirst), username, PASSWORD);
        assertThat(EidLogin.isEidPage(cardPage)).as(cardPage.body()).isTrue();
        HttpResponse<String> answer = EidLogin.readCard(flow.browser(), cardPage, "jonas");

        // No "Daten übernehmen": a German page that says why and what to do.
        assertThat(EidLogin.isConfirmPage(answer)).as("no confirmation offered: %s", answer.body()).isFalse();
        assertNoCode(answer);
        assertThat(answer.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(answer.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("de");
        assertThat(page.text()).doesNotContain("Daten übernehmen");
        assertThat(EidLogin.errorText(answer)).hasValueSatisfying(text -> assertThat(text).contains(
                "Dieser Ausweis passt nicht zu dem Servicekonto",
                "Der Ausweis wurde nicht verbunden, und an Ihrem Konto wurde nichts geändert.",
                "nur mit dem Ausweis an", "Support Ihres Servicekontos"));

        // Posting "confirm" anyway finds nothing to confirm.
        HttpResponse<String> forced = flow.browser().postForm(URI.create(formAction(answer, "sk-eid-error-form")),
                Map.of("confirm", "confirm", "password", PASSWORD));
        assertNoCode(forced);

        // Back at the portal: no code, the level was not reached.
        Map<String, String> callback = flow.callback(EidLogin.press(flow.browser(), forced, "sk-eid-back"));
        assertThat(callback).containsEntry("error", "unmet_authentication_requirements").doesNotContainKey("code");
        // Nor is hoch kept anywhere: the next request for hoch in this browser asks for a card again.
        assertThat(EidLogin.isEidPage(flow.again().authorize(Map.of("acr_values", HIGH)))).isTrue();

        // Anna's account is as it was: same person, no card, nothing verified.
        JsonNode after = server.admin().get(userPath(userId));
        assertThat(after.path("firstName").asText()).isEqualTo("Anna");
        assertThat(after.path("lastName").asText()).isEqualTo("Beispiel");
        assertThat(withoutLastLogin(after.path("attributes"))).isEqualTo(withoutLastLogin(before.path("attributes")));
        assertThat(after.path("attributes").has(EidLogin.PSEUDONYM_ATTRIBUTE)).isFalse();
        assertThat(after.path("attributes").has("sk-verified")).isFalse();
        assertThat(eid.account("jonas")).isEmpty();
        assertThat(server.count("select count(*) from USER_ATTRIBUTE where USER_ID = ? and NAME like 'sk-eid-%'", userId))
                .isZero();

        // Anna reads in her log that a card was refused for her account; no link, and no mail about a link.
        JsonNode log = activity(server, username);
        assertThat(types(log)).contains("EID_CARD_REFUSED").doesNotContain("EID_CARD_LINKED");
        assertThat(entry(log, "EID_CARD_REFUSED").path("detail").asText()).isEqualTo("UPGRADE_MISMATCH");
        assertThat(Mails.to(server, email(username))).isEmpty();
    }

    /** The same attacker first rewrites Anna's account into his own person (he can log in), then reads his card. */
    @Test
    void givenAccountJustRewrittenIntoAnotherPersonThenTheCardOfThatPersonIsNotLinked(ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        eid.release("jonas");
        String userId = passwordUser(server, "Anna", "Beispiel", "1990-01-01", Map.of());
        String username = username(server, userId);

        String bearer = accountConsoleToken(server, username);
        ObjectNode me = (ObjectNode) Json.parse(accountApi(server, bearer, null).body());
        me.put("firstName", "Jonas").put("lastName", "Beispiel");
        ((ObjectNode) me.with("attributes")).putArray("birthdate").add("1987-03-14");
        HttpResponse<String> rewritten = accountApi(server, bearer, me);
        assertThat(rewritten.statusCode()).as(rewritten.body()).isEqualTo(204);

        HttpResponse<String> answer = hochWithPasswordThenCard(server, username, "jonas");

        assertThat(EidLogin.isConfirmPage(answer)).as(answer.body()).isFalse();
        assertNoCode(answer);
        assertThat(EidLogin.errorText(answer)).hasValueSatisfying(text -> assertThat(text)
                .contains("in den letzten 30 Tagen geändert", "nicht verbunden", "Support Ihres Servicekontos"));
        JsonNode after = server.admin().get(userPath(userId));
        assertThat(after.path("attributes").has(EidLogin.PSEUDONYM_ATTRIBUTE)).isFalse();
        assertThat(eid.account("jonas")).isEmpty();
        assertThat(entry(activity(server, username), "EID_CARD_REFUSED").path("detail").asText()).isEqualTo("RECENTLY_CHANGED");
    }

    @Test
    void givenAccountWithoutDateOfBirthThenNoCardCanBeMatchedAndThePageSaysWhatToDo(ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        eid.release("jonas");
        String userId = passwordUser(server, "Jonas", "Beispiel", null, Map.of());

        HttpResponse<String> answer = hochWithPasswordThenCard(server, username(server, userId), "jonas");

        assertNoCode(answer);
        assertThat(EidLogin.errorText(answer)).hasValueSatisfying(text -> assertThat(text)
                .contains("fehlen Vorname, Familienname oder Geburtsdatum", "nicht verbunden", "Support"));
        assertThat(server.admin().get(userPath(userId)).path("attributes").has(EidLogin.PSEUDONYM_ATTRIBUTE)).isFalse();
        assertThat(eid.account("jonas")).isEmpty();
    }

    /**
     * The holder's own card, with the account written "Jürgen / Mueller Lüdenscheidt" and the chip "JÜRGEN HANS /
     * MÜLLER-LÜDENSCHEIDT": linked at level hoch; names and birth date stay as the account had them; a mail and a
     * log entry tell the owner.
     */
    @Test
    void givenTheHoldersOwnCardWithUmlautsSpelledOtherwiseThenLinkedMailedAndLoggedAndTheIdentityKept(
            ServicekontoServer server) throws Exception {
        EidLogin eid = new EidLogin(server);
        eid.release("umlaut");
        String userId = passwordUser(server, "Jürgen", "Mueller Lüdenscheidt", "1975-06-30",
                Map.of("street", List.of("Alte Straße 1"), "locality", List.of("Bonn")));
        String username = username(server, userId);

        OidcFlow flow = demoFlow(server);
        HttpResponse<String> cardPage = flow.login(EidLogin.choosePassword(flow.browser(),
                flow.authorize(Map.of("acr_values", HIGH))), username, PASSWORD);
        HttpResponse<String> confirm = EidLogin.readCard(flow.browser(), cardPage, "umlaut");
        assertThat(EidLogin.isConfirmPage(confirm)).as(confirm.body()).isTrue();
        assertThat(Jsoup.parse(confirm.body()).text()).contains("Daten übernehmen",
                "Vornamen, Familienname und Geburtsdatum in Ihrem Konto bleiben, wie sie sind", "MÜLLER-LÜDENSCHEIDT");
        JsonNode idToken = Json.jwtClaims(flow.exchange(flow.callback(EidLogin.confirm(flow.browser(), confirm, PASSWORD))
                .get("code")).path("id_token").asText());

        assertThat(idToken.path("acr").asText()).isEqualTo(HIGH);
        assertThat(idToken.path("sub").asText()).isEqualTo(userId);
        assertThat(idToken.path("given_name").asText()).isEqualTo("Jürgen");
        assertThat(idToken.path("family_name").asText()).isEqualTo("Mueller Lüdenscheidt");
        assertThat(idToken.path("birthdate").asText()).isEqualTo("1975-06-30");
        JsonNode user = server.admin().get(userPath(userId));
        assertThat(user.path("firstName").asText()).isEqualTo("Jürgen");
        assertThat(user.path("lastName").asText()).isEqualTo("Mueller Lüdenscheidt");
        assertThat(values(user.path("attributes").path("birthdate"))).containsExactly("1975-06-30");
        assertThat(values(user.path("attributes").path("street"))).containsExactly("GÄNSEWEG 3");
        assertThat(values(user.path("attributes").path("locality"))).containsExactly("MÜNSTER");
        // The family name and the birth date are the card's (another spelling); "Jürgen" is one of two given names.
        assertThat(values(user.path("attributes").path("sk-verified")))
                .contains("lastName", "birthdate", "street").doesNotContain("firstName");
        assertThat(eid.account("umlaut").orElseThrow().path("id").asText()).isEqualTo(userId);

        List<MimeMessage> mails = Mails.await(server, email(username), 1);
        assertThat(mails).as("the mail about the link").hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo(LINKED_SUBJECT);
        // German, no link to follow, nothing read from the card.
        assertThat(decoded(mails.get(0))).contains("Online-Ausweis mit Ihrem Servicekonto (" + username + ") verbunden",
                "Vertrauensniveau hoch", "Vornamen, Familienname und Geburtsdatum in Ihrem Konto wurden dabei nicht geändert",
                "Waren Sie das nicht?", "absichtlich keinen Link")
                .doesNotContain("/realms/", "MÜNSTER", "GÄNSEWEG", "1975");

        JsonNode linked = entry(activity(server, username), "EID_CARD_LINKED");
        assertThat(linked.path("detail").asText()).isEqualTo("UPGRADE");
        assertThat(linked.path("means").asText()).isEqualTo("eID");
        assertThat(linked.path("trustLevelName").asText()).isEqualTo("hoch");
        assertThat(linked.path("portal").asText()).isEqualTo(DEMO_OIDC_CLIENT);
    }

    /**
     * Erika's account carries her birth name (GABLER on the chip) as family name: her card is hers. Her new card is
     * re-linked later, as before; both links are mailed and logged, and the account keeps "Gabler".
     */
    @Test
    void givenBirthNameAsFamilyNameThenTheCardIsLinkedAndANewCardOfTheSamePersonStaysRelinkable(ServicekontoServer server)
            throws Exception {
        EidLogin eid = new EidLogin(server);
        eid.release("erika");
        eid.release("erika-new-card");
        String userId = passwordUser(server, "Erika", "Gabler", "1964-08-12", Map.of());
        String username = username(server, userId);
        try {
            // Logged in with the password earlier in this browser; the portal now needs hoch.
            CardRead upgrade = passwordSessionThenHochWithCard(server, username, "erika");
            assertThat(EidLogin.isConfirmPage(upgrade.page())).as(upgrade.page().body()).isTrue();
            assertThat(EidLogin.asksForPassword(upgrade.page())).isTrue();
            assertThat(upgrade.flow().callback(EidLogin.confirm(upgrade.flow().browser(), upgrade.page(), PASSWORD)))
                    .containsKey("code");
            assertThat(eid.account("erika").orElseThrow().path("id").asText()).isEqualTo(userId);
            JsonNode user = server.admin().get(userPath(userId));
            assertThat(user.path("lastName").asText()).as("the birth name stays the family name").isEqualTo("Gabler");
            assertThat(values(user.path("attributes").path("birthName"))).containsExactly("GABLER");
            assertThat(values(user.path("attributes").path("sk-verified")))
                    .contains("firstName", "birthdate", "birthName").doesNotContain("lastName");

            CardRead newCard = passwordSessionThenHochWithCard(server, username, "erika-new-card");
            assertThat(Jsoup.parse(newCard.page().body()).text()).contains("Neuen Ausweis verbinden");
            assertThat(newCard.flow().callback(EidLogin.confirm(newCard.flow().browser(), newCard.page(), PASSWORD)))
                    .containsKey("code");
            assertThat(eid.account("erika-new-card").orElseThrow().path("id").asText()).isEqualTo(userId);
            assertThat(eid.account("erika")).as("the old card is no longer linked").isEmpty();
            assertThat(server.admin().get(userPath(userId)).path("lastName").asText()).isEqualTo("Gabler");

            List<MimeMessage> mails = Mails.await(server, email(username), 2);
            assertThat(mails).hasSize(2);
            assertThat(mails).allSatisfy(mail -> assertThat(mail.getSubject()).isEqualTo(LINKED_SUBJECT));
            assertThat(decoded(mails.get(1))).contains("ein neuer Online-Ausweis", "nicht mehr verwendet werden");
            List<String> details = new ArrayList<>();
            activity(server, username).forEach(e -> {
                if (e.path("type").asText().equals("EID_CARD_LINKED")) {
                    details.add(e.path("detail").asText());
                }
            });
            assertThat(details).containsExactly("RELINK", "UPGRADE");
        } finally {
            // Other tests use Erika's cards alone; they must not land in this password account.
            server.admin().delete(userPath(userId));
        }
    }

    // --- helpers ---

    /** The page after the card was read, and the login it belongs to. */
    private record CardRead(OidcFlow flow, HttpResponse<String> page) {
    }

    /** A password login at niedrig, then in the same browser a portal needing hoch: the card is read. */
    private static CardRead passwordSessionThenHochWithCard(ServicekontoServer server, String username, String card) {
        OidcFlow flow = demoFlow(server);
        flow.callback(flow.login(flow.authorize(Map.of()), username, PASSWORD));
        OidcFlow stepUp = flow.again();
        return new CardRead(stepUp, EidLogin.readCard(stepUp.browser(), stepUp.authorize(Map.of("acr_values", HIGH)), card));
    }

    /** A portal needs hoch; "Mit Benutzername und Passwort anmelden", the password, then the card. */
    private static HttpResponse<String> hochWithPasswordThenCard(ServicekontoServer server, String username, String card) {
        OidcFlow flow = demoFlow(server);
        HttpResponse<String> cardPage = flow.login(EidLogin.choosePassword(flow.browser(),
                flow.authorize(Map.of("acr_values", HIGH))), username, PASSWORD);
        return EidLogin.readCard(flow.browser(), cardPage, card);
    }

    private static String passwordUser(ServicekontoServer server, String firstName, String lastName, String birthdate,
                                       Map<String, List<String>> attributes) {
        String username = "link-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<String>> all = new HashMap<>(attributes);
        if (birthdate != null) {
            all.put("birthdate", List.of(birthdate));
        }
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("username", username);
        user.put("enabled", true);
        user.put("firstName", firstName);
        user.put("lastName", lastName);
        user.put("email", email(username));
        user.put("emailVerified", true);
        user.put("attributes", all);
        user.put("credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", user);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String email(String username) {
        return username + "@example.org";
    }

    private static String username(ServicekontoServer server, String userId) {
        return server.admin().get(userPath(userId)).path("username").asText();
    }

    private static String userPath(String userId) {
        return "/realms/servicekonto/users/" + userId;
    }

    /** The owner's token of Keycloak's account console (a password login), as the citizen reads the account. */
    private static String accountConsoleToken(ServicekontoServer server, String username) {
        OidcFlow console = new OidcFlow(server.realmUri(), "account-console", null, server.realmUri() + "/account/");
        return console.exchange(console.callback(console.login(console.authorize(Map.of()), username, PASSWORD))
                .get("code")).path("access_token").asText();
    }

    /** The owner's activity log, newest first, read as the account console reads it. */
    private static JsonNode activity(ServicekontoServer server, String username) {
        HttpResponse<String> response = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create(server.realmUri() + "/sk-account/activity"))
                .header("Authorization", "Bearer " + accountConsoleToken(server, username))
                .header("Accept", "application/json").GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("entries");
    }

    private static JsonNode entry(JsonNode entries, String type) {
        for (JsonNode entry : entries) {
            if (entry.path("type").asText().equals(type)) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " entry in " + entries);
    }

    private static List<String> types(JsonNode entries) {
        List<String> types = new ArrayList<>();
        entries.forEach(e -> types.add(e.path("type").asText()));
        return types;
    }

    private static HttpResponse<String> accountApi(ServicekontoServer server, String bearer, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/account/"))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        return Http.send(HttpClient.newHttpClient(), request.build());
    }

    /** The attributes without the login bookkeeping of the lifecycle listener. */
    private static JsonNode withoutLastLogin(JsonNode attributes) {
        ObjectNode copy = attributes.deepCopy();
        copy.remove("sk-last-login");
        return copy;
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** The mail's text part, decoded. */
    private static String decoded(MimeMessage mail) throws Exception {
        Object content = mail.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                Object part = multipart.getBodyPart(i).getContent();
                text.append(part instanceof jakarta.mail.Multipart inner ? inner.getBodyPart(0).getContent() : part).append('\n');
            }
            return text.toString();
        }
        return content.toString();
    }

    private static String formAction(HttpResponse<String> page, String formId) {
        return Jsoup.parse(page.body(), page.uri().toString()).selectFirst("form#" + formId).absUrl("action");
    }

    private static void assertNoCode(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElse("");
        assertThat(location.startsWith(DEMO_OIDC_REDIRECT) && BrowserlessClient.query(URI.create(location)).containsKey("code"))
                .as("no authorization code handed out: %s %s", response.statusCode(), location).isFalse();
    }

    private static OidcFlow demoFlow(ServicekontoServer server) {
        return new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
    }
}
