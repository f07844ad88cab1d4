package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
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
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * eID login (Online-Ausweisfunktion) through the real server and the simulated eID-Client and eID-Server: accounts
 * from eID, Hochstufung, re-linking a new card, refusals, and the attacks on the RefreshAddress and TC Token.
 */
@ServicekontoServerTest
class EidLoginIT {

    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String PASSWORD = "Test-Passwort-2026";

    @Test
    void givenPortalRequiringHochWhenCitizenReadsErikasCardThenAccountIsCreatedAfterConfirmationWithChipData(
            ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        eid.release("erika");
        OidcFlow flow = demoFlow(server);

        // The address only with the scope that releases it.
        HttpResponse<String> page = flow.authorize(Map.of("acr_values", HIGH, "scope", "openid address"));
        assertThat(Jsoup.parse(page.body()).text()).contains("Mit Online-Ausweis anmelden", "Sie haben die AusweisApp noch nicht?");
        URI button = EidLogin.buttonLink(page);
        assertThat(button.toString()).startsWith(server.eid().clientUrl() + "?tcTokenURL=");
        assertThat(page.body()).contains("eid://127.0.0.1:24727/eID-Client?tcTokenURL=");

        HttpResponse<String> confirm = flow.browser().get(EidLogin.location(EidLogin.eidClient(flow.browser(), button, "erika")));
        assertThat(EidLogin.isConfirmPage(confirm)).as(confirm.body()).isTrue();
        assertThat(Jsoup.parse(confirm.body()).text()).contains("ERIKA", "MUSTERMANN", "GABLER", "12.08.1964", "HEIDESTRASSE 17", "KÖLN");
        assertThat(eid.account("erika")).as("nothing created before the citizen confirms").isEmpty();

        JsonNode tokens = flow.exchange(flow.callback(EidLogin.press(flow.browser(), confirm, "sk-eid-confirm")).get("code"));
        JsonNode idToken = Json.jwtClaims(tokens.path("id_token").asText());
        assertThat(idToken.path("acr").asText()).isEqualTo(HIGH);
        assertThat(idToken.path("given_name").asText()).isEqualTo("ERIKA");
        assertThat(idToken.path("family_name").asText()).isEqualTo("MUSTERMANN");
        assertThat(idToken.path("birthdate").asText()).isEqualTo("1964-08-12");
        // What the card verified, as OpenID Connect for Identity Assurance verified_claims.
        JsonNode verified = idToken.path("verified_claims");
        assertThat(verified.path("verification").path("trust_framework").asText()).isEqualTo("eidas");
        assertThat(verified.path("verification").path("verification_process").asText()).isEqualTo("eID");
        assertThat(verified.path("claims").path("given_name").asText()).isEqualTo("ERIKA");
        assertThat(verified.path("claims").path("birth_family_name").asText()).isEqualTo("GABLER");
        assertThat(verified.path("claims").path("place_of_birth").path("locality").asText()).isEqualTo("BERLIN");
        assertThat(verified.path("claims").path("address").path("postal_code").asText()).isEqualTo("51147");

        JsonNode account = eid.account("erika").orElseThrow();
        assertThat(idToken.path("sub").asText()).isEqualTo(account.path("id").asText());
        JsonNode attributes = account.path("attributes");
        assertThat(values(attributes.path("sk-verified"))).contains("firstName", "lastName", "birthdate", "street", "locality");
        assertThat(values(attributes.path("sk-verified-by"))).containsExactly("eID");
        // Only the keyed hash of the card's pseudonym is stored, never the RestrictedID itself.
        assertThat(account.toString()).doesNotContain(restrictedId("erika")).doesNotContain(restrictedId("erika").toLowerCase());

        // The citizen cannot change what the card verified (account REST API), but may add what it lacks.
        String bearer = tokens.path("access_token").asText();
        JsonNode me = Json.parse(accountApi(server, bearer, "GET", null).body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) me).put("lastName", "ANDERS");
        HttpResponse<String> refused = accountApi(server, bearer, "POST", me);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("skVerifiedReadOnly");
        ((com.fasterxml.jackson.databind.node.ObjectNode) me).put("lastName", "MUSTERMANN").put("email", "erika.eid@example.org");
        HttpResponse<String> accepted = accountApi(server, bearer, "POST", me);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(204);
        JsonNode stored = server.admin().get("/realms/servicekonto/users/" + account.path("id").asText());
        assertThat(stored.path("lastName").asText()).isEqualTo("MUSTERMANN");
        assertThat(stored.path("email").asText()).isEqualTo("erika.eid@example.org");
        // The address awaits confirmation by mail (another test's subject); mark it confirmed so later logins of
        // this card in other tests are not stopped by the "verify your e-mail address" step.
        ((com.fasterxml.jackson.databind.node.ObjectNode) stored).put("emailVerified", true);
        assertThat(server.admin().put("/realms/servicekonto/users/" + account.path("id").asText(), stored).statusCode()).isEqualTo(204);
    }

    private static HttpResponse<String> accountApi(ServicekontoServer server, String bearer, String method, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/account/"))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        return Http.send(HttpClient.newHttpClient(), request.build());
    }

    @Test
    void givenLinkedCardWhenReadAgainThenSameAccountWithoutQuestionsAndAnotherCardGivesAnotherAccount(
            ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        String erika = eidLogin(server, "erika");
        assertThat(erika).isEqualTo(eid.account("erika").orElseThrow().path("id").asText());

        OidcFlow again = demoFlow(server);
        HttpResponse<String> answer = EidLogin.readCard(again.browser(), again.authorize(Map.of("acr_values", HIGH)), "erika");
        assertThat(answer.statusCode()).as("no confirmation the second time").isEqualTo(302);
        assertThat(subject(again, answer)).isEqualTo(erika);

        eid.release("jonas");
        String jonas = eidLogin(server, "jonas");
        assertThat(jonas).isNotEqualTo(erika).isEqualTo(eid.account("jonas").orElseThrow().path("id").asText());
    }

    @Test
    void givenOrdinaryLoginPageThenTheCardIsOneChoiceAwayAndLeadsIntoTheSameAccount(ServicekontoServer server) {
        String erika = eidLogin(server, "erika");
        OidcFlow flow = demoFlow(server);
        HttpResponse<String> passwordPage = flow.authorize(Map.of());
        assertThat(passwordPage.body()).contains("id=\"kc-form-login\"");

        HttpResponse<String> eidPage = EidLogin.chooseEid(flow.browser(), passwordPage);
        assertThat(EidLogin.isEidPage(eidPage)).as(eidPage.body()).isTrue();
        HttpResponse<String> answer = EidLogin.readCard(flow.browser(), eidPage, "erika");
        JsonNode idToken = Json.jwtClaims(flow.exchange(flow.callback(answer).get("code")).path("id_token").asText());
        assertThat(idToken.path("sub").asText()).isEqualTo(erika);
        // The portal asked for no level: it gets the lowest, never more than it asked for or the card reached.
        assertThat(idToken.path("acr").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");

        // The card's level stays in the session: a portal needing hoch now needs no second reading.
        OidcFlow high = flow.again();
        JsonNode stepped = Json.jwtClaims(high.exchange(high.callback(high.authorize(Map.of("acr_values", HIGH))).get("code"))
                .path("id_token").asText());
        assertThat(stepped.path("acr").asText()).isEqualTo(HIGH);
        assertThat(stepped.path("sub").asText()).isEqualTo(erika);
    }

    @Test
    void givenPasswordAccountWhenItStepsUpWithItsOwnCardThenUpgradedWithItsIdentityKeptAndTheOtherDataFromTheChip(
            ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        eid.release("no-address");
        // The account of the card's holder (ANNA AUSLAND, 01.01.1990); see EidCardLinkIT for other people's cards.
        String userId = passwordUser(server, "Anna", "Ausland", Map.of("birthdate", List.of("1990-01-01"),
                "street", List.of("Alte Straße 1"), "locality", List.of("Bonn")));
        String username = username(server, userId);

        OidcFlow flow = demoFlow(server);
        flow.callback(flow.login(flow.authorize(Map.of()), username, PASSWORD));
        OidcFlow stepUp = flow.again();
        HttpResponse<String> page = stepUp.authorize(Map.of("acr_values", HIGH));
        assertThat(Jsoup.parse(page.body()).text()).contains("Sie sind mit Benutzername und Passwort angemeldet");

        HttpResponse<String> confirm = EidLogin.readCard(stepUp.browser(), page, "no-address");
        assertThat(EidLogin.isConfirmPage(confirm)).isTrue();
        assertThat(Jsoup.parse(confirm.body()).text()).contains("Vornamen, Familienname und Geburtsdatum in Ihrem Konto bleiben",
                "die übrigen Daten aus Ihrem Ausweis ersetzen Ihre bisherigen Angaben");
        // The password was typed in an earlier login of this browser session, not in this one: asked again.
        assertThat(EidLogin.asksForPassword(confirm)).isTrue();
        HttpResponse<String> wrong = EidLogin.confirm(stepUp.browser(), confirm, "not-the-password");
        assertThat(Jsoup.parse(wrong.body()).text()).contains("Das Passwort ist nicht richtig");
        assertThat(server.admin().get("/realms/servicekonto/users/" + userId).path("attributes").path("street").path(0).asText())
                .as("nothing changed without the password").isEqualTo("Alte Straße 1");
        HttpResponse<String> done = EidLogin.confirm(stepUp.browser(), wrong, PASSWORD);
        JsonNode idToken = Json.jwtClaims(stepUp.exchange(stepUp.callback(done).get("code")).path("id_token").asText());

        assertThat(idToken.path("sub").asText()).isEqualTo(userId);
        assertThat(idToken.path("acr").asText()).isEqualTo(HIGH);
        // The identity stays as the account wrote it; the card confirms it, so it is released as verified.
        assertThat(idToken.path("given_name").asText()).isEqualTo("Anna");
        assertThat(idToken.path("family_name").asText()).isEqualTo("Ausland");
        assertThat(idToken.path("birthdate").asText()).isEqualTo("1990-01-01");
        assertThat(idToken.path("verified_claims").path("claims").path("given_name").asText()).isEqualTo("Anna");
        assertThat(idToken.path("verified_claims").path("claims").path("family_name").asText()).isEqualTo("Ausland");
        assertThat(idToken.path("verified_claims").path("claims").has("address")).as("the card has no address").isFalse();
        JsonNode user = server.admin().get("/realms/servicekonto/users/" + userId);
        assertThat(user.path("attributes").has("street")).as("old address replaced; the card has none").isFalse();
        assertThat(user.path("attributes").has("locality")).isFalse();
        assertThat(eid.account("no-address").orElseThrow().path("id").asText()).isEqualTo(userId);
    }

    @Test
    void givenCardLinkedToAnotherAccountWhenPasswordAccountStepsUpWithItThenRefusedAndNothingMerged(ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        String owner = eidLogin(server, "erika");
        String userId = passwordUser(server, "Max", "Anders", Map.of());

        OidcFlow flow = demoFlow(server);
        flow.callback(flow.login(flow.authorize(Map.of()), username(server, userId), PASSWORD));
        OidcFlow stepUp = flow.again();
        HttpResponse<String> answer = EidLogin.readCard(stepUp.browser(), stepUp.authorize(Map.of("acr_values", HIGH)), "erika");

        assertNoCode(answer);
        assertThat(EidLogin.errorText(answer)).hasValueSatisfying(text ->
                assertThat(text).contains("bereits mit einem anderen Servicekonto verbunden"));
        JsonNode user = server.admin().get("/realms/servicekonto/users/" + userId);
        assertThat(user.path("firstName").asText()).isEqualTo("Max");
        assertThat(user.path("attributes").has(EidLogin.PSEUDONYM_ATTRIBUTE)).isFalse();
        assertThat(eid.account("erika").orElseThrow().path("id").asText()).isEqualTo(owner);
    }

    @Test
    void givenNewCardOfTheSamePersonThenItIsRelinkedAfterPasswordLoginButAnotherPersonsCardIsNot(ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        eid.release("erika");
        eid.release("erika-new-card");
        String userId = passwordUser(server, "Erika", "Mustermann", Map.of("birthdate", List.of("1964-08-12")));
        String username = username(server, userId);
        stepUpWithCard(server, username, "erika", true);
        assertThat(eid.account("erika").orElseThrow().path("id").asText()).isEqualTo(userId);

        HttpResponse<String> relinked = stepUpWithCard(server, username, "erika-new-card", true);
        assertThat(relinked.statusCode()).isEqualTo(302);
        assertThat(eid.account("erika-new-card").orElseThrow().path("id").asText()).isEqualTo(userId);
        assertThat(eid.account("erika")).as("the old card is no longer linked").isEmpty();

        // The new card alone now leads into the same account.
        OidcFlow cardOnly = demoFlow(server);
        HttpResponse<String> answer = EidLogin.readCard(cardOnly.browser(), cardOnly.authorize(Map.of("acr_values", HIGH)), "erika-new-card");
        assertThat(subject(cardOnly, answer)).isEqualTo(userId);

        // Someone else's card is not taken as a new card of this account.
        eid.release("jonas");
        HttpResponse<String> refused = stepUpWithCard(server, username, "jonas", false);
        assertNoCode(refused);
        assertThat(EidLogin.errorText(refused)).hasValueSatisfying(text ->
                assertThat(text).contains("Name oder Geburtsdatum stimmen nicht überein"));
        assertThat(eid.account("erika-new-card").orElseThrow().path("id").asText()).isEqualTo(userId);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "cancel     | Sie haben die Anmeldung mit dem Online-Ausweis abgebrochen.",
            "expired    | Ihr Ausweis ist abgelaufen oder gesperrt.",
            "minor      | Für ein Servicekonto müssen Sie mindestens 16 Jahre alt sein."})
    void givenCardThatCannotBeUsedThenCitizenReadsWhyInGermanAndNoAccountIsCreated(String identity, String message,
                                                                                    ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        int before = userCount(server);
        OidcFlow flow = demoFlow(server);

        HttpResponse<String> answer = EidLogin.readCard(flow.browser(), flow.authorize(Map.of("acr_values", HIGH)), identity);

        assertNoCode(answer);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(EidLogin.errorText(answer)).hasValueSatisfying(text -> assertThat(text).contains(message));
        Document page = Jsoup.parse(answer.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("de");
        assertThat(page.selectFirst("#sk-eid-error").attr("role")).isEqualTo("alert");
        assertThat(page.selectFirst("button#sk-eid-retry")).as("try again").isNotNull();
        assertThat(userCount(server)).isEqualTo(before);
        assertThat(eid.account(identity)).isEmpty();

        // "Zurück zum Online-Dienst": the portal learns that the level could not be reached, nothing more.
        Map<String, String> callback = flow.callback(EidLogin.press(flow.browser(), answer, "sk-eid-back"));
        assertThat(callback).containsEntry("error", "unmet_authentication_requirements").doesNotContainKey("code");
    }

    @Test
    void givenRefreshAddressCallbackReplayedThenNoResultIsUsedTwice(ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        eid.release("jonas");
        OidcFlow flow = demoFlow(server);
        URI refresh = EidLogin.location(EidLogin.eidClient(flow.browser(),
                EidLogin.buttonLink(flow.authorize(Map.of("acr_values", HIGH))), "jonas"));
        HttpResponse<String> confirm = flow.browser().get(refresh);
        assertThat(EidLogin.isConfirmPage(confirm)).isTrue();

        // Replayed while the login is still open: the eID result is not fetched or offered again ...
        HttpResponse<String> replay = flow.browser().get(refresh);
        assertNoCode(replay);
        assertThat(EidLogin.isConfirmPage(replay)).isFalse();
        // ... and the confirmation it replaced is void: no account appears.
        HttpResponse<String> stale = EidLogin.press(flow.browser(), confirm, "sk-eid-confirm");
        assertNoCode(stale);
        assertThat(eid.account("jonas")).isEmpty();

        // Replayed after a finished login: nothing either, in the same browser or another one.
        eidLogin(server, "erika");
        OidcFlow done = demoFlow(server);
        URI used = EidLogin.location(EidLogin.eidClient(done.browser(),
                EidLogin.buttonLink(done.authorize(Map.of("acr_values", HIGH))), "erika"));
        done.callback(done.browser().get(used));
        assertNoCode(done.browser().get(used));
        assertNoCode(new BrowserlessClient().get(used));
    }

    @Test
    void givenOnlyTheSsoSessionOfAnAccountThenAnotherPersonsCardIsRefusedAndEvenTheOwnersNeedsThePassword(
            ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        eid.release("jonas");
        String userId = passwordUser(server, "Lea", "Konto", Map.of("birthdate", List.of("1992-05-17")));
        OidcFlow flow = demoFlow(server);
        flow.callback(flow.login(flow.authorize(Map.of()), username(server, userId), PASSWORD));

        // Someone else at the same computer reads their card for the logged-in account: not even offered.
        OidcFlow stepUp = flow.again();
        HttpResponse<String> refused = EidLogin.readCard(stepUp.browser(), stepUp.authorize(Map.of("acr_values", HIGH)), "jonas");
        assertThat(EidLogin.isConfirmPage(refused)).isFalse();
        assertNoCode(refused);
        assertThat(server.admin().get("/realms/servicekonto/users/" + userId).path("attributes").has(EidLogin.PSEUDONYM_ATTRIBUTE)).isFalse();
        assertThat(eid.account("jonas")).isEmpty();

        // The holder's own card through a kept session still needs the account's password in this very login.
        String owner = passwordUser(server, "Jonas", "Beispiel", Map.of("birthdate", List.of("1987-03-14")));
        OidcFlow ownerFlow = demoFlow(server);
        ownerFlow.callback(ownerFlow.login(ownerFlow.authorize(Map.of()), username(server, owner), PASSWORD));
        OidcFlow ownerStepUp = ownerFlow.again();
        HttpResponse<String> confirm = EidLogin.readCard(ownerStepUp.browser(),
                ownerStepUp.authorize(Map.of("acr_values", HIGH)), "jonas");
        assertThat(EidLogin.asksForPassword(confirm)).isTrue();
        HttpResponse<String> noPassword = EidLogin.confirm(ownerStepUp.browser(), confirm, "");
        assertNoCode(noPassword);
        assertThat(server.admin().get("/realms/servicekonto/users/" + owner).path("attributes").has(EidLogin.PSEUDONYM_ATTRIBUTE)).isFalse();
        assertThat(eid.account("jonas")).isEmpty();
    }

    @Test
    void givenTcTokenOfAnotherLoginThenItCannotCompleteThisLoginAndIsUsableOnlyOnce(ServicekontoServer server) {
        OidcFlow owner = demoFlow(server);
        HttpResponse<String> ownerPage = owner.authorize(Map.of("acr_values", HIGH));
        URI ownerButton = EidLogin.buttonLink(ownerPage);
        OidcFlow other = demoFlow(server);
        other.authorize(Map.of("acr_values", HIGH));

        // A TC Token link passed on: another browser's eID-Client reads a card for it and follows it to the
        // RefreshAddress; that browser does not hold the login the token belongs to.
        HttpResponse<String> answer = other.browser().get(EidLogin.location(EidLogin.eidClient(other.browser(), ownerButton, "erika")));
        assertNoCode(answer);
        // Nor can whoever passed the link on finish his own login with the card read elsewhere: the
        // RefreshAddress nonce went only to the eID-Client, never to his page.
        HttpResponse<String> relayed = owner.browser().get(URI.create(actionUrl(ownerPage) + "&ResultMajor=ok"));
        assertNoCode(relayed);
        assertThat(EidLogin.isConfirmPage(relayed)).isFalse();
        assertThat(EidLogin.errorText(relayed)).hasValueSatisfying(text -> assertThat(text).contains("Der Anmeldevorgang ist abgelaufen"));

        // The TC Token was handed out once; a second eID-Client run on it gets nothing (simulated client: 502).
        HttpResponse<String> second = other.browser().get(URI.create(ownerButton + "&identity=erika"));
        assertThat(second.statusCode()).isEqualTo(502);
        HttpResponse<String> direct = Http.send(HttpClient.newHttpClient(),
                HttpRequest.newBuilder(EidLogin.tcTokenUrl(ownerButton)).GET().build());
        assertThat(direct.statusCode()).isEqualTo(404);
        assertThat(direct.body()).contains("unknown_tc_token");
        HttpResponse<String> invented = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                URI.create(server.realmUri() + "/sk-eid/tc-token?ref=" + "A".repeat(43))).GET().build());
        assertThat(invented.statusCode()).isEqualTo(404);
    }

    @Test
    void givenForgedResultMajorOkWithoutServerSideResultThenRefused(ServicekontoServer server) {
        OidcFlow flow = demoFlow(server);
        HttpResponse<String> page = flow.authorize(Map.of("acr_values", HIGH));

        // The eID-Client never ran: "ok" typed into the address bar.
        HttpResponse<String> forged = flow.browser().get(URI.create(actionUrl(page) + "&ResultMajor=ok"));
        assertNoCode(forged);
        assertThat(EidLogin.errorText(forged)).hasValueSatisfying(text -> assertThat(text).contains("Der Anmeldevorgang ist abgelaufen"));

        // The TC Token was fetched (an eID session exists) but the card was never read: the eID-Server says so.
        HttpResponse<String> retry = EidLogin.press(flow.browser(), forged, "sk-eid-retry");
        HttpResponse<String> token = Http.send(HttpClient.newHttpClient(),
                HttpRequest.newBuilder(EidLogin.tcTokenUrl(EidLogin.buttonLink(retry))).GET().build());
        assertThat(token.statusCode()).isEqualTo(200);
        String refresh = Jsoup.parse(token.body(), "", org.jsoup.parser.Parser.xmlParser()).selectFirst("RefreshAddress").text();
        HttpResponse<String> early = flow.browser().get(URI.create(refresh + "&ResultMajor=ok"));
        assertNoCode(early);
        assertThat(EidLogin.errorText(early)).hasValueSatisfying(text -> assertThat(text).contains("noch nicht abgeschlossen"));
    }

    // --- helpers ---

    /** An eID-only login with a card (confirming a new account if asked); returns the account id. */
    private static String eidLogin(ServicekontoServer server, String identity) {
        OidcFlow flow = demoFlow(server);
        HttpResponse<String> answer = EidLogin.readCardAndConfirm(flow.browser(), flow.authorize(Map.of("acr_values", HIGH)), identity);
        return subject(flow, answer);
    }

    /** Password login at niedrig, then a portal needing hoch: the card is read (and confirmed if asked). */
    private static HttpResponse<String> stepUpWithCard(ServicekontoServer server, String username, String card, boolean confirm) {
        OidcFlow flow = demoFlow(server);
        flow.callback(flow.login(flow.authorize(Map.of()), username, PASSWORD));
        OidcFlow stepUp = flow.again();
        HttpResponse<String> answer = EidLogin.readCard(stepUp.browser(), stepUp.authorize(Map.of("acr_values", HIGH)), card);
        if (confirm) {
            assertThat(EidLogin.isConfirmPage(answer)).as(answer.body()).isTrue();
            answer = EidLogin.confirm(stepUp.browser(), answer, PASSWORD);
            stepUp.callback(answer);
        }
        return answer;
    }

    private static String subject(OidcFlow flow, HttpResponse<String> redirect) {
        return Json.jwtClaims(flow.exchange(flow.callback(redirect).get("code")).path("id_token").asText()).path("sub").asText();
    }

    private static String passwordUser(ServicekontoServer server, String firstName, String lastName, Map<String, List<String>> attributes) {
        String username = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", firstName, "lastName", lastName,
                "email", username + "@example.org", "emailVerified", true, "attributes", attributes,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String username(ServicekontoServer server, String userId) {
        return server.admin().get("/realms/servicekonto/users/" + userId).path("username").asText();
    }

    private static int userCount(ServicekontoServer server) {
        return Integer.parseInt(server.admin().get("/realms/servicekonto/users/count").asText());
    }

    private static String actionUrl(HttpResponse<String> page) {
        return Jsoup.parse(page.body(), page.uri().toString()).selectFirst("form#sk-eid-form").absUrl("action");
    }

    private static void assertNoCode(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElse("");
        assertThat(location.startsWith(DEMO_OIDC_REDIRECT) && BrowserlessClient.query(URI.create(location)).containsKey("code"))
                .as("no authorization code handed out: %s %s", response.statusCode(), location).isFalse();
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String restrictedId(String identity) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("servicekonto-eid-simulator:" + identity).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().withUpperCase().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OidcFlow demoFlow(ServicekontoServer server) {
        return new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
    }
}
