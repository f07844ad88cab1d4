package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.AccountConsole;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.Registrations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Servicekonto account console (theme jar themes/account-ui) as a citizen's browser shows it: branding, German
 * and English, Keycloak's pages next to ours, the "Aktivitäten" page on the activity-log API with the console's own
 * token, and accessibility checked by axe-core (WCAG 2.1 A and AA rules) on each of our pages and on Keycloak's
 * personal-info page.
 */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class AccountConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void givenCitizenWhenLoggingInToTheConsoleThenGermanServicekontoConsoleListsThisLoginUnderAktivitaeten(
            ServicekontoServer server, ChromeDriver browser) {
        Instant before = Instant.now().minusSeconds(5);
        AccountConsole.logIn(server, browser, Citizens.erikaLike(server, "console"), AccountConsole.url(server));

        // Keycloak's personal-info page is the start page, in German, under the Servicekonto brand.
        Chromium.await(browser, By.cssSelector("main form"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        assertThat(browser.getTitle()).isEqualTo("Servicekonto – Mein Konto");
        assertServicekontoBrandAndNoKeycloakLogo(server, browser);
        String nav = browser.findElement(By.cssSelector("nav")).getText();
        assertThat(nav).contains("Aktivitäten");
        Chromium.screenshot(browser, "account-personal-info-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Keycloak's personal info page (de)");

        // Our page, reached through Keycloak's navigation.
        browser.findElement(By.cssSelector("[data-testid='aktivitaeten']")).click();
        WebElement login = firstRow(browser);
        AccountConsole.awaitHeading(browser, "Aktivitäten");
        assertThat(AccountConsole.cells(login).get(0)).isNotBlank();
        assertThat(AccountConsole.cells(login).subList(1, 5)).containsExactly("Anmeldung", "Servicekonto (Mein Konto)", "niedrig",
                "Benutzername und Passwort");
        Instant loggedInAt = Instant.parse(login.findElement(By.tagName("time")).getAttribute("datetime"));
        assertThat(loggedInAt).isBetween(before, Instant.now());
        // One login, one entry: the new citizen has no older activity, so there is one page and no paging.
        assertThat(browser.findElements(By.cssSelector("#sk-activity-table tbody tr"))).hasSize(1);
        assertThat(browser.findElements(By.id("sk-activity-older"))).isEmpty();
        Chromium.screenshot(browser, "account-activity-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Aktivitäten (de)");
    }

    @Test
    void givenCitizenChoosesEnglishThenConsoleAndActivitiesAreEnglish(ServicekontoServer server, ChromeDriver browser) {
        AccountConsole.logIn(server, browser, Citizens.erikaLike(server, "console-en"), AccountConsole.url(server));

        // The language switch on Keycloak's personal-info page: the console changes language at once.
        Chromium.await(browser, By.id("attributes.locale")).click();
        Chromium.await(browser, By.xpath("//*[@data-testid='select-attributes.locale']//button[normalize-space(.)='Englisch (English)']"))
                .click();
        browser.findElement(By.cssSelector("[data-testid='save']")).click();
        AccountConsole.awaitText(browser, By.cssSelector("nav"), "Activities");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Keycloak's personal info page (en)");

        // And it stays English: the server renders the console in the citizen's saved language.
        browser.get(AccountConsole.url(server) + "aktivitaeten");
        WebElement login = firstRow(browser);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.getTitle()).isEqualTo("Servicekonto – My account");
        AccountConsole.awaitHeading(browser, "Activities");
        assertThat(browser.findElement(By.cssSelector("nav")).getText()).contains("Activities", "Organisations")
                .doesNotContain("Aktivitäten");
        assertThat(AccountConsole.cells(login).subList(1, 5)).containsExactly("Sign-in", "Servicekonto (My account)", "low",
                "User name and password");
        // Saving the language was a change of the citizen's data, made in the console: named as such, not by
        // Keycloak's internal client id.
        List<List<String>> rows = firstRowsOf(browser).stream().map(AccountConsole::cells).toList();
        assertThat(rows).extracting(r -> r.subList(1, 3)).contains(List.of("Data changed", "Servicekonto (My account)"));
        assertServicekontoBrandAndNoKeycloakLogo(server, browser);
        Chromium.screenshot(browser, "account-activity-en");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Aktivitäten (en)");

        browser.findElement(By.cssSelector("[data-testid='organisationen']")).click();
        Chromium.await(browser, By.cssSelector("main .pf-v5-c-empty-state"));
        AccountConsole.awaitHeading(browser, "Organisations");
        assertThat(browser.findElement(By.cssSelector("main")).getText())
                .contains("You do not belong to any organisation yet");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Organisationen, empty (en)");
    }

    @Test
    void givenCitizenRegisteredAnOrganisationThenOrganisationenListsItWithTheAdministratorRole(
            ServicekontoServer server, ChromeDriver browser) {
        String username = Citizens.erikaLike(server, "console-org");
        String name = "Beispiel Handwerk GmbH " + UUID.randomUUID().toString().substring(0, 8);
        registerOrganisation(server, username, name);

        AccountConsole.logIn(server, browser, username, AccountConsole.url(server));
        Chromium.await(browser, By.cssSelector("[data-testid='organisationen']")).click();
        WebElement row = Chromium.await(browser, By.cssSelector("#sk-organisations-table tbody tr"));
        AccountConsole.awaitHeading(browser, "Organisationen");
        assertThat(browser.findElements(By.cssSelector("#sk-organisations-table tbody tr"))).hasSize(1);
        assertThat(AccountConsole.cells(row)).containsExactly(name, "Organisation", "Verwaltung (Administrator)",
                "Daten noch nicht geprüft");
        Chromium.screenshot(browser, "account-organisations-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Organisationen (de)");
    }

    @Test
    void givenMoreActivitiesThanOnePageThenOlderEntriesAreOnTheNextPage(ServicekontoServer server,
            ChromeDriver browser) {
        String username = Citizens.erikaLike(server, "console-paged");
        // 21 logins at the demo portal, then the console's own: 22 entries, 20 on the first page.
        for (int i = 0; i < 21; i++) {
            OidcFlow portal = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
            assertThat(portal.callback(portal.login(portal.authorize(Map.of()), username, Citizens.PASSWORD)))
                    .containsKey("code");
        }
        AccountConsole.logIn(server, browser, username, AccountConsole.url(server) + "aktivitaeten");

        List<WebElement> first = firstRowsOf(browser);
        assertThat(first).hasSize(20);
        assertThat(AccountConsole.cells(first.get(0)).get(2)).isEqualTo("Servicekonto (Mein Konto)");
        assertThat(browser.findElement(By.id("sk-activity-newer")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("sk-activity-paging-top")).getText()).contains("Seite 1");
        Chromium.screenshot(browser, "account-activity-paged-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Aktivitäten with paging (de)");

        browser.findElement(By.id("sk-activity-older")).click();
        AccountConsole.awaitText(browser, By.id("sk-activity-paging-top"), "Seite 2");
        List<WebElement> second = firstRowsOf(browser);
        assertThat(second).hasSize(2);
        for (WebElement row : second) {
            assertThat(AccountConsole.cells(row).subList(1, 5)).containsExactly("Anmeldung", portalName(server), "niedrig",
                    "Benutzername und Passwort");
        }
        assertThat(browser.findElement(By.id("sk-activity-older")).isEnabled()).isFalse();

        browser.findElement(By.id("sk-activity-newer")).click();
        AccountConsole.awaitText(browser, By.id("sk-activity-paging-top"), "Seite 1");
        assertThat(firstRowsOf(browser)).hasSize(20);
    }

    @Test
    void givenSessionEndedElsewhereWhenOpeningActivitiesThenCitizenIsAskedToLogInAgainAndComesBack(
            ServicekontoServer server, ChromeDriver browser) {
        String username = Citizens.erikaLike(server, "console-401");
        AccountConsole.logIn(server, browser, username, AccountConsole.url(server));
        Chromium.await(browser, By.cssSelector("main form"));

        // The session behind the console's still unexpired token ends (e.g. "sign out everywhere"): the activity API
        // answers 401, and the page must send the citizen to the login instead of showing an error. (keycloak-js's
        // session check may notice the logout first and also start the login; for the citizen the result is the
        // same, and the test holds either way that no error page is left standing.)
        String userId = server.admin().get("/realms/" + ServicekontoServer.REALM + "/users?exact=true&username="
                + username).get(0).path("id").asText();
        assertThat(server.admin().post("/realms/" + ServicekontoServer.REALM + "/users/" + userId + "/logout",
                null).statusCode()).isEqualTo(204);
        browser.findElement(By.cssSelector("[data-testid='aktivitaeten']")).click();

        Chromium.await(browser, By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Citizens.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        Chromium.awaitAddress(browser, AccountConsole.url(server) + "aktivitaeten");
        // Back on the page asked for, which now lists both logins of this test.
        List<WebElement> rows = firstRowsOf(browser);
        assertThat(rows).hasSize(2);
        for (WebElement row : rows) {
            assertThat(AccountConsole.cells(row).get(1)).isEqualTo("Anmeldung");
        }
    }

    @Test
    void givenTokenRefusedByTheApiThenActivitiesPageStartsANewLoginInsteadOfShowingAnError(ServicekontoServer server,
            ChromeDriver browser) {
        String username = Citizens.erikaLike(server, "console-refused");
        AccountConsole.logIn(server, browser, username, AccountConsole.url(server));
        Chromium.await(browser, By.cssSelector("main form"));

        // An operator disables the account while the console is open. The browser session looks unchanged to
        // keycloak-js (its session cookie stays), so nothing but the API's 401 tells the page: it must start a new
        // login, not show an error.
        String userId = server.admin().get("/realms/" + ServicekontoServer.REALM + "/users?exact=true&username="
                + username).get(0).path("id").asText();
        assertThat(server.admin().put("/realms/" + ServicekontoServer.REALM + "/users/" + userId,
                Map.of("enabled", false)).statusCode()).isEqualTo(204);
        browser.findElement(By.cssSelector("[data-testid='aktivitaeten']")).click();

        try {
            new WebDriverWait(browser, WAIT).until(d -> !d.getCurrentUrl().startsWith(AccountConsole.url(server)));
        } catch (TimeoutException e) {
            Path shot = Chromium.screenshot(browser, "failed-no-new-login-after-401");
            throw new AssertionError("the console stayed at " + browser.getCurrentUrl() + " (screenshot " + shot
                    + "): " + browser.findElement(By.tagName("body")).getText(), e);
        }
        assertThat(browser.getCurrentUrl()).startsWith(server.realmUri() + "/");
        assertThat(browser.getCurrentUrl()).containsAnyOf("/protocol/openid-connect/auth", "/login-actions/");
    }

    /** Waits for the activity table and returns its first (newest) row. */
    private static WebElement firstRow(ChromeDriver browser) {
        List<WebElement> rows = firstRowsOf(browser);
        assertThat(rows).isNotEmpty();
        return rows.get(0);
    }

    private static List<WebElement> firstRowsOf(ChromeDriver browser) {
        Chromium.await(browser, By.cssSelector("#sk-activity-table tbody tr"));
        return browser.findElements(By.cssSelector("#sk-activity-table tbody tr"));
    }

    /** The header shows our logo (served from the theme jar), and no image on the page is Keycloak's. */
    private static void assertServicekontoBrandAndNoKeycloakLogo(ServicekontoServer server, ChromeDriver browser) {
        WebElement brand = Chromium.await(browser, By.cssSelector("header img"));
        String src = brand.getAttribute("src");
        assertThat(src).contains("/account/servicekonto/").endsWith("/logo.svg");
        assertThat(brand.getAttribute("alt")).contains("Servicekonto");
        HttpResponse<String> logo = get(URI.create(src));
        assertThat(logo.statusCode()).isEqualTo(200);
        assertThat(logo.body()).contains("aria-label=\"Servicekonto\"").doesNotContainIgnoringCase("keycloak");
        for (WebElement image : browser.findElements(By.tagName("img"))) {
            assertThat(image.getAttribute("src")).doesNotContainIgnoringCase("keycloak");
        }
    }

    private static HttpResponse<String> get(URI uri) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Registers an organisation through the organisations API as the citizen, with a token of an organisation
     * application of this test's own (client attribute sk.organisations.accountApi), as a portal for organisations
     * would; the console then shows what the API holds.
     */
    private static void registerOrganisation(ServicekontoServer server, String username, String name) {
        String client = "console-org-app-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/" + ServicekontoServer.REALM + "/clients", Map.of(
                "clientId", client, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + client,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "sk.organisations.accountApi", "true")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        OidcFlow flow = new OidcFlow(server.realmUri(), client, "secret-" + client, DEMO_OIDC_REDIRECT);
        String token = flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), username, Citizens.PASSWORD))
                .get("code")).path("access_token").asText();
        Map<String, Object> organisation = Registrations.organisation(name);
        HttpResponse<String> registered = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create(server.realmUri() + "/sk-organisations/organisations"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(organisation))).build());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    }

    /** The demo portal as the log names it: its display name, or its client id where it has none. */
    private static String portalName(ServicekontoServer server) {
        JsonNode client = server.admin().get("/realms/" + ServicekontoServer.REALM + "/clients?clientId="
                + DEMO_OIDC_CLIENT).get(0);
        String name = client.path("name").asText("");
        return name.isEmpty() || name.startsWith("${") ? DEMO_OIDC_CLIENT : name;
    }
}
