package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.AccountConsole;
import de.servicekonto.it.support.BrokeredPartner;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The login page as a citizen's browser shows it. */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class LoginPageBrowserIT {

    @Test
    void givenGermanBrowserThenLoginPageIsGermanWithServicekontoWording(ServicekontoServer server,
            ChromeDriver browser) {
        browser.get(authorizationUrl(server));
        Chromium.await(browser, By.id("kc-login"));

        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        String text = browser.findElement(By.tagName("body")).getText();
        assertThat(text).contains("Anmelden", "Kostenloses Servicekonto registrieren", "Passwort vergessen?");
        assertThat(browser.getTitle()).contains("Servicekonto");
        // The theme's own stylesheet is in effect: the primary button uses the Servicekonto blue.
        String buttonColour = browser.findElement(By.id("kc-login")).getCssValue("background-color");
        assertThat(buttonColour).isEqualTo("rgba(0, 75, 135, 1)");
        Chromium.screenshot(browser, "login-de");
    }

    @Test
    void givenLoginPageThenEveryVisibleFieldHasALabel(ServicekontoServer server, ChromeDriver browser) {
        browser.get(authorizationUrl(server));
        Chromium.await(browser, By.id("kc-login"));

        List<WebElement> fields = browser.findElements(By.cssSelector("input:not([type=hidden])"));
        assertThat(fields).isNotEmpty();
        for (WebElement field : fields) {
            String id = field.getAttribute("id");
            boolean labelled = !browser.findElements(By.cssSelector("label[for='" + id + "']")).isEmpty()
                    || field.getAttribute("aria-label") != null || field.getAttribute("aria-labelledby") != null;
            assertThat(labelled).as("label for input #%s (WCAG 2.1 1.3.1, 4.1.2)", id).isTrue();
        }
    }

    @Test
    void givenCitizenWhenSigningInWithTheFormThenBrowserIsSentBackToThePortalWithACode(ServicekontoServer server,
            ChromeDriver browser) {
        // A citizen of this test's own: the shared demo account's brute-force state is changed by other tests.
        String username = Citizens.erikaLike(server, "browser");
        browser.get(authorizationUrl(server));

        Chromium.await(browser, By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Citizens.PASSWORD);
        browser.findElement(By.id("kc-login")).click();

        // Nothing listens on the demo portal's port; the address the browser was sent to is what counts.
        Chromium.awaitAddress(browser, DEMO_OIDC_REDIRECT);
        assertThat(BrowserlessClient.query(URI.create(browser.getCurrentUrl()))).containsKeys("code", "state");
    }

    @Test
    void givenServiceNeedingHochThenCitizenReadsWhyInGermanAndCanGoBackToThePortal(ServicekontoServer server,
            ChromeDriver browser) {
        browser.get(authorizationUrl(server) + "&acr_values=http%3A%2F%2Feidas.europa.eu%2FLoA%2Fhigh");

        WebElement explanation = Chromium.await(browser, By.id("sk-eid-level"));
        assertThat(explanation.getText()).contains("Für diesen Dienst ist das Vertrauensniveau hoch erforderlich.");
        assertThat(browser.findElement(By.id("sk-eid-start")).getText()).isEqualTo("Mit Online-Ausweis anmelden");
        Chromium.screenshot(browser, "eid-start-de");

        browser.findElement(By.id("sk-eid-back")).click();
        Chromium.awaitAddress(browser, DEMO_OIDC_REDIRECT);
        assertThat(BrowserlessClient.query(URI.create(browser.getCurrentUrl())))
                .containsEntry("error", "unmet_authentication_requirements").doesNotContainKey("code");
    }

    @Test
    void givenServiceNeedingSubstanziellThenEveryMeansReachingItIsOfferedAccessibly(ServicekontoServer server,
            ChromeDriver browser) {
        try (BrokeredPartner otherState = BrokeredPartner.register(server,
                     MeansOfferIT.partner("land-d", "Servicekonto Land D", "FINK", "substanziell"));
             BrokeredPartner euEid = BrokeredPartner.register(server,
                     MeansOfferIT.partner("eu-b", "EU-eID (Test B)", "eIDAS", "hoch"))) {
            browser.get(authorizationUrl(server) + "&acr_values=http%3A%2F%2Feidas.europa.eu%2FLoA%2Fsubstantial");

            Chromium.await(browser, By.id("sk-eid-start"));
            assertThat(browser.findElement(By.id("sk-other-means-heading")).getText()).isEqualTo("Andere Wege der Anmeldung");
            assertThat(browser.findElement(By.id("sk-means-Passkey")).getText()).isEqualTo("Mit Passkey anmelden");
            assertThat(browser.findElement(By.id("sk-means-FINK-heading")).getText())
                    .isEqualTo("Mit dem Servicekonto eines anderen Bundeslandes anmelden");
            assertThat(browser.findElement(By.id("social-" + otherState.alias())).getText()).isEqualTo("Servicekonto Land D");
            assertThat(browser.findElement(By.id("sk-means-eIDAS-heading")).getText())
                    .isEqualTo("Mit der eID eines anderen EU-Staates anmelden (eIDAS)");
            assertThat(browser.findElement(By.id("social-" + euEid.alias())).getText()).isEqualTo("EU-eID (Test B)");
            Chromium.screenshot(browser, "means-substanziell-de");
            AccountConsole.assertNoSeriousAccessibilityViolation(browser, "ID-card page with every means");

            // The passkey button leads to the page that holds the passkey.
            browser.findElement(By.id("sk-means-Passkey")).click();
            Chromium.await(browser, By.id("authenticateWebAuthnButton"));
            assertThat(browser.findElement(By.id("social-" + otherState.alias())).getText()).isEqualTo("Servicekonto Land D");
            AccountConsole.assertNoSeriousAccessibilityViolation(browser, "password page with partners");
        }
    }

    private static String authorizationUrl(ServicekontoServer server) {
        return server.realmUri() + "/protocol/openid-connect/auth?client_id=demo-portal&response_type=code&scope=openid"
                + "&state=browser-test&redirect_uri=http%3A%2F%2Flocalhost%3A8081%2Fcallback"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";
    }
}
