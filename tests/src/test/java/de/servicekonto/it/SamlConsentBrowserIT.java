package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.AccountConsole;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The pages of {@code sk-bundid-release} in a real browser: the data form and the consent page, keyboard only,
 * axe-core (WCAG 2.1 A/AA) on each, German and English.
 */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class SamlConsentBrowserIT {

    private static final String AKDB = "https://www.akdb.de/request/2018/09";
    private static final String ACS = "http://localhost:8084/saml/acs";
    private static String entityId;
    private static SamlFlow.SpCredentials credentials;

    @BeforeAll
    static void registerPortal(ServicekontoServer server) {
        entityId = "urn:test:consent-browser:" + UUID.randomUUID();
        credentials = SamlFlow.newCredentials("browser-" + entityId.substring(entityId.length() - 8));
        SamlFlow.registerPortal(server.admin(), entityId, credentials, ACS, Map.of(), Map.of(
                "sk-saml-bundid-attributes", Map.of()), true);
    }

    @Test
    void givenMissingPostalCodeThenTheCitizenFillsTheFormAndAgreesWithTheKeyboard(ServicekontoServer server, ChromeDriver browser) {
        String username = Citizens.erikaLike(server, "consent-browser");
        open(server, browser, username, "<akdb:RequestedAttribute Name=\"urn:oid:2.5.4.42\" RequiredAttribute=\"true\"/>"
                + "<akdb:RequestedAttribute Name=\"urn:oid:2.5.4.17\" RequiredAttribute=\"true\"/>");

        Chromium.await(browser, By.id("sk-bundid-data"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Angaben ergänzen (de)");
        browser.findElement(By.id("sk-field-postal_code")).sendKeys("123");
        browser.findElement(By.id("sk-field-country")).sendKeys("DE", Keys.ENTER);

        Chromium.await(browser, By.id("sk-error-postal_code"));
        assertThat(browser.findElement(By.id("sk-error-postal_code")).getText()).isEqualTo("Eine deutsche Postleitzahl hat fünf Ziffern.");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Angaben ergänzen with an error (de)");
        browser.findElement(By.id("sk-field-postal_code")).clear();
        browser.findElement(By.id("sk-field-postal_code")).sendKeys("10117", Keys.ENTER);

        Chromium.await(browser, By.id("sk-bundid-consent"));
        assertThat(browser.findElement(By.id("sk-release-attributes")).getText()).contains("Postleitzahl", "10117", "selbst eingegeben");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Daten übermitteln (de)");
        Chromium.screenshot(browser, "bundid-consent-de");
        // Keyboard only: Enter on "Zustimmen" sends the answer to the portal.
        browser.findElement(By.id("sk-release-accept")).sendKeys(Keys.ENTER);
        Chromium.awaitAddress(browser, ACS);
    }

    @Test
    void givenEnglishThenTheConsentPageIsEnglishAndAccessible(ServicekontoServer server, ChromeDriver browser) {
        String username = Citizens.erikaLike(server, "consent-browser-en");
        String id = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).get(0).path("id").asText();
        assertThat(server.admin().put("/realms/servicekonto/users/" + id, Map.of("firstName", "Erika", "lastName", "Mustermann",
                "email", username + "@example.org", "attributes", Map.of("birthdate", List.of("1964-08-12"),
                        "locale", List.of("en")))).statusCode()).isEqualTo(204);
        open(server, browser, username, "<akdb:RequestedAttribute Name=\"urn:oid:2.5.4.42\" RequiredAttribute=\"true\"/>");

        Chromium.await(browser, By.id("sk-bundid-consent"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("sk-release-accept")).getText()).isEqualTo("Agree");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "consent (en)");
    }

    private static void open(ServicekontoServer server, ChromeDriver browser, String username, String requested) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, credentials);
        browser.get(flow.authnRequestUri("minimum", List.of("STORK-QAA-Level-1"),
                "<akdb:AuthenticationRequest xmlns:akdb=\"" + AKDB + "\" Version=\"2\"><akdb:RequestedAttributes>"
                        + requested + "</akdb:RequestedAttributes></akdb:AuthenticationRequest>").toString());
        Chromium.await(browser, By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Citizens.PASSWORD, Keys.ENTER);
    }
}
