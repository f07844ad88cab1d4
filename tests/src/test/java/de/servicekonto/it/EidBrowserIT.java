package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.BrowserlessClient;
import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The eID login as a citizen clicks through it in a real browser, with the simulated AusweisApp on this machine. */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class EidBrowserIT {

    private static final String HIGH = "http://eidas.europa.eu/LoA/high";

    @Test
    void givenPortalNeedingHochWhenCitizenClicksTheEidButtonAndPicksErikaThenBrowserReturnsToPortalWithCode(
            ServicekontoServer server, ChromeDriver browser) {
        server.eid().setDefaultIdentity(null);
        OidcFlow portal = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        browser.get(portal.authorizationUri(Map.of("acr_values", HIGH)).toString());

        WebElement button = new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(driver -> driver.findElement(By.id("sk-eid-start")));
        assertThat(button.getText()).isEqualTo("Mit Online-Ausweis anmelden");
        button.click();

        // The simulated eID-Client (in place of the AusweisApp) asks which test card lies on the reader.
        WebElement erika = new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> driver.findElement(
                By.xpath("//a[contains(@href,'identity=erika') and not(contains(@href,'erika-new-card'))]")));
        assertThat(erika.getText()).containsIgnoringCase("Erika Mustermann");
        Chromium.screenshot(browser, "eid-simulator-choice");
        erika.click();

        // A first login with this card asks to confirm the data read; a later one goes straight back.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver ->
                driver.getCurrentUrl().startsWith(DEMO_OIDC_REDIRECT) || !driver.findElements(By.id("sk-eid-confirm")).isEmpty());
        List<WebElement> confirm = browser.findElements(By.id("sk-eid-confirm"));
        if (!confirm.isEmpty()) {
            assertThat(browser.findElement(By.id("sk-eid-data")).getText()).contains("ERIKA", "MUSTERMANN", "12.08.1964");
            Chromium.screenshot(browser, "eid-confirm-de");
            confirm.get(0).click();
        }

        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(driver -> driver.getCurrentUrl().startsWith(DEMO_OIDC_REDIRECT));
        String code = BrowserlessClient.query(URI.create(browser.getCurrentUrl())).get("code");
        assertThat(code).isNotBlank();

        // What the portal gets for that code.
        JsonNode idToken = Json.jwtClaims(portal.exchange(code).path("id_token").asText());
        assertThat(idToken.path("acr").asText()).isEqualTo(HIGH);
        assertThat(idToken.path("given_name").asText()).isEqualTo("ERIKA");
        assertThat(idToken.path("family_name").asText()).isEqualTo("MUSTERMANN");
        assertThat(idToken.path("birthdate").asText()).isEqualTo("1964-08-12");
    }
}
