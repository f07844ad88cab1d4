package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.AccountConsole;
import de.servicekonto.it.support.AuthorityAccounts;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.Mails;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.Registrations;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "Organisationen" pages of the account console (themes/account-ui/src/organisations) in headless Chromium
 * through the real server: registering an organisation with the form, inviting a member whose mailed link makes them
 * a member, managing members and invitations, the read-only view of a plain member (whose changes the API refuses),
 * an authority's review history and the step-up offer for changes that need trust level hoch; axe-core on each page
 * and state in German and English, and one keyboard-only path.
 */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class OrganisationsConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void givenAdministratorInvitesFromTheConsoleThenTheInviteeJoinsByTheMailedLinkAndTheAdministratorManagesMembers(
            ServicekontoServer server, ChromeDriver admin, ChromeDriver invitee) throws Exception {
        String alice = Citizens.erikaLike(server, "orgs-admin");
        String bob = Citizens.erikaLike(server, "orgs-invitee");
        String open = "offen-" + suffix() + "@example.org";
        String name = "Tischlerei Beispiel GmbH " + suffix();

        // Registering through the form: a wrong postal code is named at the field, in plain German.
        AccountConsole.logIn(server, admin, alice, AccountConsole.url(server) + "organisationen");
        Chromium.await(admin, By.cssSelector("main .pf-v5-c-empty-state"));
        AccountConsole.assertNoSeriousAccessibilityViolation(admin, "Organisationen, empty (de)");
        admin.findElement(By.id("sk-organisations-register")).click();
        Chromium.await(admin, By.id("sk-org-register-form"));
        AccountConsole.awaitHeading(admin, "Organisation registrieren");
        AccountConsole.assertNoSeriousAccessibilityViolation(admin, "Organisation registrieren (de)");
        fillRegistration(admin, name, "8033");
        new Select(admin.findElement(By.id("sk-org-register-registerType"))).selectByValue("HRB");
        type(admin, "sk-org-register-registerNumber", "HRB 4711");
        type(admin, "sk-org-register-registerCourt", "Amtsgericht München");
        admin.findElement(By.id("sk-org-register-submit")).click();
        AccountConsole.awaitText(admin, By.id("sk-org-register-postalCode-problem"), "Die Postleitzahl hat fünf Ziffern.");
        assertThat(admin.switchTo().activeElement().getAttribute("id")).isEqualTo("sk-org-register-postalCode");
        assertThat(admin.findElement(By.id("sk-org-register-postalCode")).getAttribute("aria-describedby"))
                .isEqualTo("sk-org-register-postalCode-problem");
        Chromium.screenshot(admin, "orgs-register-error-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(admin, "Organisation registrieren, wrong entry (de)");
        admin.findElement(By.id("sk-org-register-postalCode")).sendKeys("1");
        admin.findElement(By.id("sk-org-register-submit")).click();

        // The new organisation's own page; the founder administers it.
        awaitHeading(admin, name);
        String id = admin.getCurrentUrl().substring(admin.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(admin.getCurrentUrl()).isEqualTo(AccountConsole.url(server) + "organisationen/" + id);
        assertThat(admin.findElement(By.id("sk-org-data")).getText()).contains("Handelsregister B, HRB 4711, Amtsgericht München",
                "Musterstraße 1, 80331 München", "Daten noch nicht geprüft");
        WebElement aliceRow = memberRow(admin, alice);
        assertThat(AccountConsole.cells(aliceRow).subList(0, 4)).containsExactly("Erika Mustermann", alice,
                alice + "@example.org", "Verwaltung (Administrator)");
        AccountConsole.awaitText(admin, By.id("sk-org-invitations"), "Es gibt keine offenen Einladungen.");
        AccountConsole.assertNoSeriousAccessibilityViolation(admin, "Organisation, administrator (de)");

        // The last administrator cannot give up the role: the API refuses, the page says why.
        aliceRow.findElement(By.className("sk-org-role")).click();
        AccountConsole.awaitText(admin, By.id("sk-org-members-error"), "mindestens eine Person, die sie verwaltet");
        assertThat(AccountConsole.cells(memberRow(admin, alice)).get(3)).isEqualTo("Verwaltung (Administrator)");
        AccountConsole.assertNoSeriousAccessibilityViolation(admin, "Organisation, last administrator refused (de)");

        // Two invitations: Bob's, which he will accept, and one to an address that stays open.
        invite(admin, bob + "@example.org");
        invite(admin, open);
        assertThat(admin.findElements(By.cssSelector("#sk-org-invitations-table tbody tr")))
                .extracting(row -> row.getAttribute("data-email")).containsExactlyInAnyOrder(bob + "@example.org", open);
        Chromium.screenshot(admin, "orgs-admin-invitations-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(admin, "Organisation with invitations (de)");

        // Bob opens the mailed link, confirms, logs in and is on his Organisationen page, which lists the organisation.
        URI link = Mails.confirmationLink(server, bob + "@example.org");
        invitee.get(link.toString());
        Chromium.await(invitee, By.cssSelector("a[href*='action-token']")).click();
        Chromium.await(invitee, By.id("username")).sendKeys(bob);
        invitee.findElement(By.id("password")).sendKeys(Citizens.PASSWORD);
        invitee.findElement(By.id("kc-login")).click();
        // The link leads to the console's Organisationen page, which lists the organisation.
        Chromium.awaitAddress(invitee, AccountConsole.url(server) + "organisationen");
        WebElement membership = Chromium.await(invitee, By.cssSelector("#sk-organisations-table tbody tr"));
        assertThat(AccountConsole.cells(membership)).containsExactly(name, "Organisation", "Mitglied", "Daten noch nicht geprüft");
        AccountConsole.assertNoSeriousAccessibilityViolation(invitee, "Organisationen, member (de)");

        // A plain member sees the organisation read-only: no addresses, no controls.
        membership.findElement(By.linkText(name)).click();
        awaitHeading(invitee, name);
        assertThat(AccountConsole.cells(memberRow(invitee, alice))).containsExactly("Erika Mustermann", alice,
                "Verwaltung (Administrator)");
        assertNoAdministration(invitee);
        Chromium.screenshot(invitee, "orgs-member-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(invitee, "Organisation, member (de)");
        setLanguage(server, bob, "en");
        invitee.navigate().refresh();
        awaitHeading(invitee, name);
        AccountConsole.awaitText(invitee, By.id("sk-org-members"), "Members");
        assertNoAdministration(invitee);
        AccountConsole.assertNoSeriousAccessibilityViolation(invitee, "Organisation, member (en)");

        // And the API refuses his changes, whatever the page shows.
        String app = accountApp(server);
        String bobToken = token(server, app, bob);
        String bobId = userId(server, bob);
        assertError(call(server, "POST", "/organisations/" + id + "/invitations", bobToken, Map.of("email", "x-" + suffix() + "@example.org")),
                403, "admin_required");
        assertError(call(server, "PUT", "/organisations/" + id + "/members/" + bobId + "/role", bobToken, Map.of("role", "ADMIN")),
                403, "admin_required");
        assertError(call(server, "DELETE", "/organisations/" + id + "/invitations/" + UUID.randomUUID(), bobToken, null),
                403, "admin_required");

        // The administrator sees Bob, makes him an administrator and revokes the other invitation.
        admin.navigate().refresh();
        assertThat(AccountConsole.cells(memberRow(admin, bob)).subList(0, 4)).containsExactly("Erika Mustermann", bob,
                bob + "@example.org", "Mitglied");
        assertThat(admin.findElements(By.cssSelector("#sk-org-invitations-table tbody tr")))
                .extracting(row -> row.getAttribute("data-email")).containsExactly(open);
        memberRow(admin, bob).findElement(By.className("sk-org-role")).click();
        awaitCell(admin, bob, 3, "Verwaltung (Administrator)");
        admin.findElement(By.cssSelector("#sk-org-invitations-table tr[data-email='" + open + "'] .sk-org-revoke")).click();
        AccountConsole.awaitText(admin, By.id("sk-org-invitations"), "Es gibt keine offenen Einladungen.");
        JsonNode roles = ok(call(server, "GET", "/organisations/" + id + "/members", bobToken, null)).path("members");
        assertThat(roles).extracting(m -> m.path("username").asText() + "/" + m.path("role").asText())
                .containsExactlyInAnyOrder(alice + "/ADMIN", bob + "/ADMIN");
        assertThat(ok(call(server, "GET", "/organisations/" + id + "/invitations", bobToken, null)).path("invitations")).isEmpty();

        // Removing a member asks first; then Bob is gone.
        memberRow(admin, bob).findElement(By.className("sk-org-remove")).click();
        WebElement yes = Chromium.await(admin, By.className("sk-org-remove-yes"));
        AccountConsole.assertNoSeriousAccessibilityViolation(admin, "Organisation, confirm removal (de)");
        yes.click();
        new WebDriverWait(admin, WAIT).until(d -> d.findElements(By.cssSelector("#sk-org-members-table tr[data-username='" + bob + "']")).isEmpty());
        assertThat(admin.findElements(By.cssSelector("#sk-org-members-table tbody tr"))).hasSize(1);

        // The administrator's page in English.
        setLanguage(server, alice, "en");
        admin.navigate().refresh();
        awaitHeading(admin, name);
        AccountConsole.awaitText(admin, By.id("sk-org-invitations"), "There are no open invitations.");
        assertThat(AccountConsole.cells(memberRow(admin, alice)).get(3)).isEqualTo("Administrator");
        AccountConsole.assertNoSeriousAccessibilityViolation(admin, "Organisation, administrator (en)");
    }

    @Test
    void givenEnglishAdministratorThenRegisteringAndInvitingWorkWithTheKeyboardAlone(ServicekontoServer server,
            ChromeDriver browser) {
        String carol = Citizens.erikaLike(server, "orgs-en");
        setLanguage(server, carol, "en");
        String name = "Example Association " + suffix();

        AccountConsole.logIn(server, browser, carol, AccountConsole.url(server) + "organisationen");
        Chromium.await(browser, By.cssSelector("main .pf-v5-c-empty-state"));
        AccountConsole.awaitHeading(browser, "Organisations");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Organisationen, empty (en)");
        browser.findElement(By.id("sk-organisations-register")).click();
        Chromium.await(browser, By.id("sk-org-register-form"));
        AccountConsole.awaitHeading(browser, "Register an organisation");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Organisation registrieren (en)");
        // Nothing typed: every required field says so.
        browser.findElement(By.id("sk-org-register-submit")).click();
        AccountConsole.awaitText(browser, By.id("sk-org-register-name-problem"), "Please fill in this field.");
        assertThat(browser.findElements(By.cssSelector("#sk-org-register-form [aria-invalid='true']"))).hasSize(6);
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Organisation registrieren, missing entries (en)");
        fillRegistration(browser, name, "10115");
        browser.findElement(By.id("sk-org-register-submit")).click();
        awaitHeading(browser, name);
        String organisationPage = browser.getCurrentUrl();

        // Keyboard only: Tab to the invitation field, type the address, Enter sends it.
        String address = "tastatur-" + suffix() + "@example.org";
        Actions keys = new Actions(browser);
        String focused = "";
        for (int i = 0; i < 80 && !focused.equals("sk-org-invite-email"); i++) {
            keys.sendKeys(Keys.TAB).perform();
            focused = String.valueOf(browser.switchTo().activeElement().getAttribute("id"));
        }
        assertThat(focused).as("Tab reaches the invitation field").isEqualTo("sk-org-invite-email");
        keys.sendKeys(address).sendKeys(Keys.ENTER).perform();
        AccountConsole.awaitText(browser, By.id("sk-org-invite-sent"), "The invitation to " + address + " has been sent.");
        Chromium.await(browser, By.cssSelector("#sk-org-invitations-table tr[data-email='" + address + "']"));
        Chromium.screenshot(browser, "orgs-admin-keyboard-en");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Organisation with invitation sent (en)");

        // Favourites: an unknown service is refused with the API's reason in plain words; a real one is listed.
        type(browser, "sk-org-favourite-client", "no-such-service-" + suffix());
        browser.findElement(By.id("sk-org-favourite-save")).click();
        AccountConsole.awaitText(browser, By.id("sk-org-favourites-error"), "There is no online service with this identifier.");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Organisation, favourite refused (en)");
        browser.findElement(By.id("sk-org-favourite-client")).clear();
        type(browser, "sk-org-favourite-client", DEMO_OIDC_CLIENT);
        browser.findElement(By.id("sk-org-favourite-save")).click();
        AccountConsole.awaitText(browser, By.id("sk-org-favourites-list"), DEMO_OIDC_CLIENT);

        // The same name again: the API's organisation_exists, said in plain English.
        browser.get(AccountConsole.url(server) + "organisationen/registrieren");
        Chromium.await(browser, By.id("sk-org-register-form"));
        fillRegistration(browser, name, "10115");
        browser.findElement(By.id("sk-org-register-submit")).click();
        AccountConsole.awaitText(browser, By.id("sk-org-register-error"), "An organisation with this name is already registered.");
        assertThat(browser.getCurrentUrl()).isEqualTo(AccountConsole.url(server) + "organisationen/registrieren");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Organisation registrieren, refused by the API (en)");

        browser.get(AccountConsole.url(server) + "organisationen");
        WebElement row = Chromium.await(browser, By.cssSelector("#sk-organisations-table tbody tr"));
        assertThat(AccountConsole.cells(row)).containsExactly(name, "Organisation", "Administrator", "Data not yet verified");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Organisationen (en)");
        row.findElement(By.linkText(name)).click();
        awaitHeading(browser, name);
        assertThat(browser.getCurrentUrl()).isEqualTo(organisationPage);
    }

    @Test
    void givenAuthorityAdministratorWithPasswordLoginThenPageShowsTheReviewAndOffersTheStepUpForStaffChanges(
            ServicekontoServer server, ChromeDriver browser) {
        String dora = Citizens.erikaLike(server, "orgs-authority");
        String name = "Stadtverwaltung Beispielstadt " + suffix();
        String token = token(server, accountApp(server), dora);
        Map<String, Object> application = Registrations.authority(name);
        String id = created(call(server, "POST", "/authorities", token, application)).path("id").asText();
        new AuthorityAccounts(server.realmUri(), server.admin()).transition(id, "VERIFIED",
                "Anschrift und Behördenschlüssel geprüft");

        AccountConsole.logIn(server, browser, dora, AccountConsole.url(server) + "organisationen/" + id);
        awaitHeading(browser, name);
        assertThat(browser.findElement(By.id("sk-org-review-status")).getText())
                .contains("Stand des Antrags: geprüft, noch nicht freigeschaltet.");
        List<WebElement> decisions = browser.findElements(By.cssSelector("#sk-org-transitions tbody tr"));
        assertThat(decisions).extracting(row -> AccountConsole.cells(row).subList(1, 3)).containsExactly(
                List.of("beantragt", "–"), List.of("geprüft, noch nicht freigeschaltet", "Anschrift und Behördenschlüssel geprüft"));
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Behörde, review (de)");

        // Inviting staff into an authority needs hoch: the API says step_up_required, the page offers the new login.
        String staff = "mitarbeit-" + suffix() + "@example.org";
        type(browser, "sk-org-invite-email", staff);
        browser.findElement(By.id("sk-org-invite-send")).click();
        WebElement offer = Chromium.await(browser, By.cssSelector("#sk-org-invite-error[data-code='step_up_required']"));
        assertThat(offer.getText()).contains("Dafür ist eine sicherere Anmeldung nötig", "Vertrauensniveau hoch");
        assertThat(browser.findElement(By.id("sk-org-invite-error-step-up")).getText())
                .isEqualTo("Mit höherem Vertrauensniveau anmelden");
        Chromium.screenshot(browser, "orgs-step-up-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Behörde, step-up offered (de)");
        assertThat(call(server, "GET", "/organisations/" + id + "/invitations", token, null).body()).doesNotContain(staff);

        setLanguage(server, dora, "en");
        browser.navigate().refresh();
        awaitHeading(browser, name);
        assertThat(browser.findElement(By.id("sk-org-review-status")).getText())
                .contains("State of the application: verified, not yet active.");
        type(browser, "sk-org-invite-email", staff);
        browser.findElement(By.id("sk-org-invite-send")).click();
        AccountConsole.awaitText(browser, By.id("sk-org-invite-error"), "This needs a more secure login");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Behörde, step-up offered (en)");

        // The button starts a login asking for hoch (the ID card), which comes back to this page.
        browser.findElement(By.id("sk-org-invite-error-step-up")).click();
        Chromium.await(browser, By.id("sk-eid-start"));
        String address = browser.getCurrentUrl();
        assertThat(address).startsWith(server.realmUri() + "/protocol/openid-connect/auth?")
                .contains("acr_values=" + URLEncoder.encode(HIGH, StandardCharsets.UTF_8))
                .contains("redirect_uri=" + URLEncoder.encode(AccountConsole.url(server) + "organisationen/" + id,
                        StandardCharsets.UTF_8));
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static void fillRegistration(ChromeDriver browser, String name, String postalCode) {
        type(browser, "sk-org-register-name", name);
        type(browser, "sk-org-register-legalForm", "GmbH");
        type(browser, "sk-org-register-street", "Musterstraße 1");
        type(browser, "sk-org-register-postalCode", postalCode);
        type(browser, "sk-org-register-city", postalCode.startsWith("8") ? "München" : "Berlin");
        type(browser, "sk-org-register-contactEmail", "kontakt@example.org");
    }

    private static void type(ChromeDriver browser, String id, String text) {
        Chromium.await(browser, By.id(id)).sendKeys(text);
    }

    private static void invite(ChromeDriver browser, String address) {
        type(browser, "sk-org-invite-email", address);
        browser.findElement(By.id("sk-org-invite-send")).click();
        AccountConsole.awaitText(browser, By.id("sk-org-invite-sent"), address);
        Chromium.await(browser, By.cssSelector("#sk-org-invitations-table tr[data-email='" + address + "']"));
    }

    private static void awaitHeading(ChromeDriver browser, String text) {
        AccountConsole.awaitText(browser, By.tagName("h1"), text);
        Chromium.await(browser, By.id("sk-org-members-table"));
    }

    private static WebElement memberRow(ChromeDriver browser, String username) {
        return Chromium.await(browser, By.cssSelector("#sk-org-members-table tr[data-username='" + username + "']"));
    }

    private static void awaitCell(ChromeDriver browser, String username, int cell, String text) {
        new WebDriverWait(browser, WAIT).until(d -> AccountConsole.cells(memberRow(browser, username)).get(cell).equals(text));
    }

    /** What a plain member's page lacks: the invitation section, role and remove buttons, the favourites form. */
    private static void assertNoAdministration(ChromeDriver browser) {
        assertThat(browser.findElements(By.id("sk-org-invitations"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(".sk-org-role, .sk-org-remove, #sk-org-favourite-form"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#sk-org-members-table th"))).hasSize(3);
    }

    /** The person's saved language (the console is rendered in it from the next page load on). */
    private static void setLanguage(ServicekontoServer server, String username, String language) {
        String path = "/realms/" + ServicekontoServer.REALM + "/users/" + userId(server, username);
        ObjectNode user = (ObjectNode) server.admin().get(path);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.putArray("locale").add(language);
        HttpResponse<String> saved = server.admin().put(path, user);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
    }

    private static String userId(ServicekontoServer server, String username) {
        return server.admin().get("/realms/" + ServicekontoServer.REALM + "/users?exact=true&username=" + username)
                .get(0).path("id").asText();
    }

    /** A client of this test allowed to use the organisations API for its users (as an organisation portal). */
    private static String accountApp(ServicekontoServer server) {
        String client = "orgs-console-app-" + suffix();
        HttpResponse<String> created = server.admin().post("/realms/" + ServicekontoServer.REALM + "/clients", Map.of(
                "clientId", client, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + client,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256", "sk.organisations.accountApi", "true")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return client;
    }

    private static String token(ServicekontoServer server, String client, String username) {
        OidcFlow flow = new OidcFlow(server.realmUri(), client, "secret-" + client, DEMO_OIDC_REDIRECT);
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), username, Citizens.PASSWORD))
                .get("code")).path("access_token").asText();
    }

    private static HttpResponse<String> call(ServicekontoServer server, String method, String path, String bearer,
            Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/sk-organisations" + path))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        return Http.send(HTTP, request.build());
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Json.parse(response.body()).path("error").asText()).isEqualTo(code);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
