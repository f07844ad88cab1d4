package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Mails;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** A citizen registers in the browser and confirms the address with the link from the mail. */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class RegistrationBrowserIT {

    private static final String PASSWORD = "Neues-Konto-2026!";

    @Test
    void givenRegistrationInTheBrowserThenTheMailsLinkConfirmsTheAddressAndThePortalGetsTheCitizen(
            ServicekontoServer server, ChromeDriver browser)
            throws Exception {
        String username = "browser-reg-" + UUID.randomUUID().toString().substring(0, 8);
        String address = username + "@example.org";
        browser.get(server.realmUri() + "/protocol/openid-connect/auth?client_id=demo-portal&response_type=code"
                + "&scope=openid&state=registration&redirect_uri=http%3A%2F%2Flocalhost%3A8081%2Fcallback"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");

        Chromium.await(browser, By.linkText("Kostenloses Servicekonto registrieren")).click();
        Chromium.await(browser, By.id("kc-register-form"));
        // With e-mail confirmation on, Keycloak asks for the password only once the address is confirmed.
        assertThat(browser.findElements(By.cssSelector("#kc-register-form input[type=password]"))).isEmpty();
        // The groups in the order of the form a citizen knows: the person, then the address, then contact details.
        assertThat(browser.findElements(By.cssSelector("#kc-register-form [id^=header-]")).stream()
                .map(org.openqa.selenium.WebElement::getText).toList())
                .containsExactly("Angaben zur Person", "Anschrift", "Kontakt");
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("email")).sendKeys(address);
        browser.findElement(By.name("firstName")).sendKeys("Rita");
        browser.findElement(By.name("lastName")).sendKeys("Registriert");
        // The date field is the browser's own date picker; its value is the ISO date.
        browser.executeScript("arguments[0].value = '1990-05-17'", browser.findElement(By.name("birthdate")));
        Chromium.screenshot(browser, "registration-de");
        browser.findElement(By.cssSelector("#kc-register-form [type=submit]")).click();

        // The confirmation step, in German; the mail reached the SMTP server.
        String waiting = Chromium.await(browser, By.tagName("body")).getText();
        URI link = Mails.confirmationLink(server, address);
        assertThat(browser.findElement(By.tagName("body")).getText()).as(waiting).contains("E-Mail-Adresse");
        JsonNode before = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).get(0);
        assertThat(before.path("emailVerified").asBoolean()).isFalse();
        assertThat(before.path("attributes").path("birthdate").get(0).asText()).isEqualTo("1990-05-17");

        // The link from the mail, opened in the same browser, confirms the address; then the citizen chooses the
        // password, and the portal's login completes.
        browser.get(link.toString());
        Chromium.await(browser, By.name("password-new")).sendKeys(PASSWORD);
        browser.findElement(By.name("password-confirm")).sendKeys(PASSWORD);
        Chromium.screenshot(browser, "registration-password-de");
        browser.findElement(By.cssSelector("form [type=submit]")).click();
        Chromium.awaitAddress(browser, ServicekontoServer.DEMO_OIDC_REDIRECT);
        assertThat(browser.getCurrentUrl()).contains("code=").contains("state=registration");
        assertThat(server.admin().get("/realms/servicekonto/users/" + before.path("id").asText())
                .path("emailVerified").asBoolean()).isTrue();

        // The new password works for the next login.
        de.servicekonto.it.support.OidcFlow next = new de.servicekonto.it.support.OidcFlow(server.realmUri(),
                ServicekontoServer.DEMO_OIDC_CLIENT, ServicekontoServer.DEMO_OIDC_SECRET, ServicekontoServer.DEMO_OIDC_REDIRECT);
        assertThat(next.callback(next.login(next.authorize(java.util.Map.of()), username, PASSWORD))).containsKey("code");
    }
}
