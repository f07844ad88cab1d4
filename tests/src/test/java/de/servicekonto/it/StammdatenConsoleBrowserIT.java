package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.AccountConsole;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Citizens;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's start page "Stammdaten" (themes/account-ui src/stammdaten): values the ID card verified are marked
 * and read-only (in Keycloak's form, from the server's user profile, and refused by the account REST API), values of
 * one's own stay editable, a password-only citizen is offered the ID card, and "Konto löschen" runs the
 * self-deletion required action. axe-core on each state, German and English.
 */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class StammdatenConsoleBrowserIT {

    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String CARD = "umlaut";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void givenAccountFromTheIdCardThenVerifiedValuesAreMarkedAndReadOnlyAndOwnValuesAreSaved(
            ServicekontoServer server, ChromeDriver browser) {
        EidLogin eid = new EidLogin(server);
        eid.release(CARD);
        server.eid().setDefaultIdentity(null);
        logInWithCard(server, browser);
        JsonNode account = eid.account(CARD).orElseThrow();
        String userId = account.path("id").asText();
        // The account from the card has no e-mail address; the citizen adds one (as EidLoginIT shows), confirmed here.
        ObjectNode withEmail = (ObjectNode) server.admin().get(userPath(userId));
        withEmail.put("email", "juergen-" + userId.substring(0, 8) + "@example.org").put("emailVerified", true);
        assertThat(server.admin().put(userPath(userId), withEmail).statusCode()).isEqualTo(204);

        browser.get(AccountConsole.url(server));
        Chromium.await(browser, By.cssSelector("main form"));
        WebElement verified = Chromium.await(browser, By.id("sk-stammdaten-verified"));
        assertThat(browser.findElement(By.id("sk-stammdaten-card-title")).getText()).isEqualTo("Aus dem Ausweis bestätigt");
        assertThat(groupText(verified, "firstName")).contains("JÜRGEN HANS", "aus dem Ausweis bestätigt");
        assertThat(groupText(verified, "lastName")).contains("MÜLLER-LÜDENSCHEIDT", "aus dem Ausweis bestätigt");
        assertThat(groupText(verified, "birthdate")).contains("30.06.1975");
        assertThat(groupText(verified, "locality")).contains("MÜNSTER");
        assertThat(verified.findElements(By.cssSelector("[data-attribute='phoneNumber']"))).isEmpty();
        assertThat(browser.findElements(By.id("sk-stammdaten-upgrade"))).isEmpty();
        // In Keycloak's form: read-only what the card verified, editable what it did not.
        for (String name : List.of("firstName", "lastName", "birthdate", "street", "postal_code", "locality")) {
            assertThat(isReadOnly(browser, name)).as("%s read-only", name).isTrue();
        }
        assertThat(isReadOnly(browser, "phoneNumber")).isFalse();
        scrollTo(browser, "sk-stammdaten-card");
        Chromium.screenshot(browser, "stammdaten-verified-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Stammdaten, verified (de)");

        WebElement phone = browser.findElement(By.id("phoneNumber"));
        phone.clear();
        phone.sendKeys("+49 251 123456");
        browser.findElement(By.cssSelector("[data-testid='save']")).click();
        new WebDriverWait(browser, WAIT).until(d -> "+49 251 123456".equals(
                server.admin().get(userPath(userId)).path("attributes").path("phoneNumber").path(0).asText()));
        JsonNode saved = server.admin().get(userPath(userId));
        assertThat(saved.path("lastName").asText()).isEqualTo("MÜLLER-LÜDENSCHEIDT");
        assertThat(saved.path("firstName").asText()).isEqualTo("JÜRGEN HANS");

        // English: the same marks.
        setLocale(server, userId, "en");
        browser.navigate().refresh();
        AccountConsole.awaitText(browser, By.id("sk-stammdaten-card-title"), "Confirmed by the ID card");
        assertThat(groupText(browser.findElement(By.id("sk-stammdaten-verified")), "lastName"))
                .contains("MÜLLER-LÜDENSCHEIDT", "confirmed by the ID card");
        assertThat(groupText(browser.findElement(By.id("sk-stammdaten-verified")), "birthdate")).contains("Jun 30, 1975");
        assertThat(isReadOnly(browser, "lastName")).isTrue();
        Chromium.screenshot(browser, "stammdaten-verified-en");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Stammdaten, verified (en)");

        // The server decides, not the form: the account REST API marks the values read-only and refuses a change.
        String bearer = cardToken(server);
        JsonNode me = Json.parse(accountApi(server, bearer, "GET", "?userProfileMetadata=true", null).body());
        assertThat(metadata(me, "lastName").path("readOnly").asBoolean()).isTrue();
        assertThat(metadata(me, "lastName").path("annotations").path("skVerifiedBy").asText()).isEqualTo("eID");
        assertThat(metadata(me, "phoneNumber").path("readOnly").asBoolean()).isFalse();
        ObjectNode change = me.deepCopy();
        change.remove("userProfileMetadata");
        change.put("lastName", "ANDERS");
        HttpResponse<String> refused = accountApi(server, bearer, "POST", "", change);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("skVerifiedReadOnly");
        assertThat(server.admin().get(userPath(userId)).path("lastName").asText()).isEqualTo("MÜLLER-LÜDENSCHEIDT");
    }

    @Test
    void givenPasswordOnlyCitizenThenAllIsEditableAndTheIdCardIsOffered(ServicekontoServer server, ChromeDriver browser) {
        String username = Citizens.erikaLike(server, "stammdaten-pw");
        AccountConsole.logIn(server, browser, username, AccountConsole.url(server));
        Chromium.await(browser, By.cssSelector("main form"));
        WebElement upgrade = Chromium.await(browser, By.id("sk-stammdaten-upgrade"));
        assertThat(upgrade.getText()).isEqualTo("Mit Online-Ausweis bestätigen");
        assertThat(browser.findElement(By.id("sk-stammdaten-card-title")).getText())
                .isEqualTo("Angaben mit dem Online-Ausweis bestätigen");
        assertThat(browser.findElements(By.id("sk-stammdaten-verified"))).isEmpty();
        assertThat(isReadOnly(browser, "lastName")).isFalse();
        assertThat(isReadOnly(browser, "birthdate")).isFalse();
        assertThat(browser.findElement(By.id("sk-delete-account-title")).getText()).isEqualTo("Konto löschen");
        scrollTo(browser, "sk-stammdaten-card");
        Chromium.screenshot(browser, "stammdaten-password-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Stammdaten, password only (de)");

        String userId = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).get(0)
                .path("id").asText();
        setLocale(server, userId, "en");
        browser.navigate().refresh();
        AccountConsole.awaitText(browser, By.id("sk-stammdaten-upgrade"), "Confirm with online ID card");
        assertThat(browser.findElement(By.id("sk-delete-account-title")).getText()).isEqualTo("Delete account");
        Chromium.screenshot(browser, "stammdaten-password-en");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Stammdaten, password only (en)");

        // The offer starts a login at level hoch: the ID card page.
        browser.findElement(By.id("sk-stammdaten-upgrade")).click();
        assertThat(Chromium.await(browser, By.id("sk-eid-start")).isDisplayed()).isTrue();
    }

    @Test
    void givenKontoLoeschenThenTheRequiredActionAsksForThePasswordConfirmsAndTheAccountIsGone(
            ServicekontoServer server, ChromeDriver browser) {
        String username = Citizens.erikaLike(server, "stammdaten-delete");
        String userId = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).get(0)
                .path("id").asText();
        AccountConsole.logIn(server, browser, username, AccountConsole.url(server));
        WebElement start = Chromium.await(browser, By.id("sk-delete-account-start"));
        assertThat(browser.findElement(By.id("sk-delete-account")).getText())
                .contains("kann nicht rückgängig gemacht werden");
        start.click();

        // A fresh login, whatever the session's age; then Servicekonto's own confirmation page.
        Chromium.await(browser, By.id("password")).sendKeys(Citizens.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        WebElement confirm = Chromium.await(browser, By.id("sk-delete-confirm"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("Servicekonto löschen");
        assertThat(server.admin().getResponse(userPath(userId)).statusCode()).isEqualTo(200);
        Chromium.screenshot(browser, "stammdaten-delete-confirm-de");
        confirm.click();

        AccountConsole.awaitText(browser, By.tagName("body"), "Ihr Servicekonto ist gelöscht.");
        assertThat(server.admin().getResponse(userPath(userId)).statusCode()).isEqualTo(404);
    }

    // --- helpers ---

    /** The card login in the browser (a portal asking for hoch), confirming the new account: an SSO session at hoch. */
    private static void logInWithCard(ServicekontoServer server, ChromeDriver browser) {
        OidcFlow portal = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        browser.get(portal.authorizationUri(Map.of("acr_values", HIGH)).toString());
        Chromium.await(browser, By.id("sk-eid-start")).click();
        Chromium.await(browser, By.xpath("//a[contains(@href,'identity=" + CARD + "')]")).click();
        new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().startsWith(DEMO_OIDC_REDIRECT)
                || !driver.findElements(By.id("sk-eid-confirm")).isEmpty());
        List<WebElement> confirm = browser.findElements(By.id("sk-eid-confirm"));
        if (!confirm.isEmpty()) {
            confirm.get(0).click();
        }
        new WebDriverWait(browser, WAIT).until(driver -> driver.getCurrentUrl().startsWith(DEMO_OIDC_REDIRECT));
    }

    /** An access token of the card's account (the card read again, browserless), as a portal holds it. */
    private static String cardToken(ServicekontoServer server) {
        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        HttpResponse<String> answer = EidLogin.readCardAndConfirm(flow.browser(),
                flow.authorize(Map.of("acr_values", HIGH)), CARD);
        return flow.exchange(flow.callback(answer).get("code")).path("access_token").asText();
    }

    private static HttpResponse<String> accountApi(ServicekontoServer server, String bearer, String method,
                                                   String query, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/account/" + query))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        return Http.send(HttpClient.newHttpClient(), request.build());
    }

    private static JsonNode metadata(JsonNode me, String attribute) {
        for (JsonNode candidate : me.path("userProfileMetadata").path("attributes")) {
            if (candidate.path("name").asText().equals(attribute)) {
                return candidate;
            }
        }
        throw new AssertionError("no metadata of " + attribute + " in " + me);
    }

    private static void setLocale(ServicekontoServer server, String userId, String locale) {
        ObjectNode user = (ObjectNode) server.admin().get(userPath(userId));
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.putArray("locale").add(locale);
        assertThat(server.admin().put(userPath(userId), user).statusCode()).isEqualTo(204);
    }

    private static void scrollTo(ChromeDriver browser, String id) {
        browser.executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id(id)));
    }

    private static boolean isReadOnly(ChromeDriver browser, String field) {
        WebElement input = browser.findElement(By.id(field));
        return input.getAttribute("readonly") != null || input.getAttribute("disabled") != null;
    }

    private static String groupText(WebElement list, String attribute) {
        return list.findElement(By.cssSelector("[data-attribute='" + attribute + "']")).getText();
    }

    private static String userPath(String userId) {
        return "/realms/servicekonto/users/" + userId;
    }
}
