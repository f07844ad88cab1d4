package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.Mails;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.RelyingParties;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in a real browser with Chromium's virtual authenticator (resident key, user verification done): registered
 * only at the account's highest level, then used to log in. On an account whose identity the ID card proved, a passkey
 * login reaches substanziell; on any other account a passkey is a second factor after the password at niedrig, and
 * substanziell still needs the card.
 */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class PasskeyBrowserIT {

    private static final String SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String LOW = "http://eidas.europa.eu/LoA/low";
    private static final Map<String, String> REGISTER_PASSKEY = Map.of("kc_action", "webauthn-register-passwordless");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void givenCardVerifiedAccountThenPasskeyIsRegisteredOnlyAfterTheCardAndLaterReachesSubstanziell(
            ServicekontoServer server, ChromeDriver browser) throws InterruptedException {
        server.eid().setDefaultIdentity(null);
        EidLogin eid = new EidLogin(server);
        eid.release("jonas");
        String username = jonas(server);
        VirtualAuthenticator early = passkeyAuthenticator(browser);

        // Before the card: the password is the account's highest level, so it is enough to register a passkey.
        passwordLogin(server, browser, username, Map.of());
        browser.get(portal(server).authorizationUri(REGISTER_PASSKEY).toString());
        typePassword(browser, username);
        registerPasskey(browser);
        assertThat(passkeys(server, username)).hasSize(1);

        // Hochstufung in the browser: the passkey logs in at niedrig (the password page's passkey request), then the
        // card, confirmed with the password. A passkey bound with a password session could be anyone's who knew
        // the password; after the link it would reach substanziell, so the link removes it.
        logOut(browser);
        browser.get(portal(server).authorizationUri(Map.of("acr_values", HIGH)).toString());
        Chromium.await(browser, By.id("sk-eid-password")).click();
        readCardInBrowser(browser, "jonas");
        Chromium.await(browser, By.id("sk-eid-confirm"));
        List<WebElement> confirmPassword = browser.findElements(By.id("sk-eid-confirm-password"));
        if (!confirmPassword.isEmpty()) {
            confirmPassword.get(0).sendKeys(Citizens.PASSWORD);
        }
        browser.findElement(By.id("sk-eid-confirm")).click();
        Chromium.awaitAddress(browser, DEMO_OIDC_REDIRECT);
        assertThat(eid.account("jonas").orElseThrow().path("username").asText()).isEqualTo(username);
        assertThat(passkeys(server, username)).as("the Hochstufung removed the passkey bound at niedrig").isEmpty();

        // The device still holds the removed key (it would offer it on the password page): a fresh one.
        browser.removeVirtualAuthenticator(early);
        passkeyAuthenticator(browser);

        // A password session: registering a passkey asks for the password again and then for the ID card.
        logOut(browser);
        passwordLogin(server, browser, username, Map.of());
        browser.get(portal(server).authorizationUri(REGISTER_PASSKEY).toString());
        typePassword(browser, username);
        Chromium.await(browser, By.id("sk-eid-start"));
        assertThat(browser.findElements(By.id("registerWebAuthn"))).as("no passkey before the card").isEmpty();

        readCardInBrowser(browser, "jonas");
        registerPasskey(browser);
        assertThat(passkeys(server, username)).hasSize(1);

        // Logged out; a portal asking for substanziell: "Ich habe schon ein Servicekonto", then the passkey alone.
        logOut(browser);
        OidcFlow substanziell = portal(server);
        browser.get(substanziell.authorizationUri(Map.of("acr_values", SUBSTANTIAL)).toString());
        // The password page asks the browser for a passkey as it loads (conditional mediation); Chromium's virtual
        // authenticator answers at once, as a person does by picking the passkey the browser suggests.
        Chromium.await(browser, By.id("sk-eid-password")).click();

        JsonNode idToken = tokens(browser, substanziell);
        assertThat(idToken.path("acr").asText()).isEqualTo(SUBSTANTIAL);
        assertThat(strings(idToken.path("amr"))).containsExactly("hwk", "mfa");
    }

    @Test
    void givenAccountNotVerifiedByTheCardThenPasskeyIsASecondFactorAtNiedrigAndSubstanziellNeedsTheCard(
            ServicekontoServer server, ChromeDriver browser) throws Exception {
        server.eid().setDefaultIdentity(null);
        String username = Citizens.erikaLike(server, "pk-plain");
        VirtualAuthenticator device = passkeyAuthenticator(browser);

        // Its highest level is niedrig: the password again is enough to register.
        passwordLogin(server, browser, username, Map.of());
        browser.get(portal(server).authorizationUri(REGISTER_PASSKEY).toString());
        typePassword(browser, username);
        registerPasskey(browser);
        assertThat(passkeys(server, username)).hasSize(1);

        // Keycloak's deprecated account REST call would remove it with this password session's console token:
        // closed (CredentialRemovalIT shows it for a password credential with a real token).
        logOut(browser);
        List<Credential> keys = device.getCredentials();
        browser.removeVirtualAuthenticator(device);

        // "Passwort vergessen": the e-mail's link alone does not set a new password on an account with a passkey;
        // the passkey is asked first (else whoever reads the citizen's mail would get past the second factor).
        browser.get(portal(server).authorizationUri(Map.of()).toString());
        Chromium.await(browser, By.xpath("//a[contains(@href,'reset-credentials')]")).click();
        Chromium.await(browser, By.id("username")).sendKeys(username);
        browser.findElement(By.id("kc-reset-password-form")).submit();
        URI resetLink = Mails.confirmationLink(server, username + "@example.org");
        browser.get(resetLink.toString());
        Chromium.await(browser, By.id("authenticateWebAuthnButton"));
        assertThat(browser.findElements(By.id("password-new"))).as("no new password before the passkey").isEmpty();
        logOut(browser);

        // Password, then the passkey as second factor: niedrig, with both means named. The device is away while the
        // password is typed (else it would answer the page's passkey request first) and back for the second factor.
        OidcFlow niedrig = portal(server);
        browser.get(niedrig.authorizationUri(Map.of()).toString());
        typePassword(browser, username);
        Chromium.await(browser, By.id("authenticateWebAuthnButton"));
        VirtualAuthenticator back = passkeyAuthenticator(browser);
        keys.forEach(back::addCredential);
        browser.findElement(By.id("authenticateWebAuthnButton")).click();
        JsonNode idToken = tokens(browser, niedrig);
        assertThat(idToken.path("acr").asText()).isEqualTo(LOW);
        assertThat(strings(idToken.path("amr"))).containsExactly("pwd", "hwk", "mfa");

        // Substanziell: the passkey does not reach it on this account; the ID card is offered instead.
        logOut(browser);
        browser.get(portal(server).authorizationUri(Map.of("acr_values", SUBSTANTIAL)).toString());
        Chromium.await(browser, By.id("sk-eid-password")).click();
        Chromium.await(browser, By.id("sk-eid-start"));
        assertThat(browser.findElements(By.id("sk-eid-password"))).as("the passkey identified the citizen").isEmpty();
        assertThat(browser.getCurrentUrl()).doesNotStartWith(DEMO_OIDC_REDIRECT);
    }

    /** Chromium's virtual authenticator, as a platform passkey: resident key, user verification done. */
    private static VirtualAuthenticator passkeyAuthenticator(ChromeDriver browser) {
        return browser.addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true)
                .setIsUserConsenting(true));
    }

    /**
     * Forgets the SSO session: all cookies of the browser, through the DevTools protocol (WebDriver's own call reaches
     * only the cookies of the page shown, here the portal's callback address, where nothing answers).
     */
    private static void logOut(ChromeDriver browser) {
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    private static OidcFlow portal(ServicekontoServer server) {
        return new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
    }

    /**
     * A password login at the portal, then a pause: Keycloak asks for a new login before an account action only when
     * the last one is older than max_auth_age (0) in whole seconds.
     */
    private static void passwordLogin(ServicekontoServer server, ChromeDriver browser, String username,
                                      Map<String, String> extra) throws InterruptedException {
        browser.get(portal(server).authorizationUri(extra).toString());
        typePassword(browser, username);
        Chromium.awaitAddress(browser, DEMO_OIDC_REDIRECT);
        Thread.sleep(1100);
    }

    private static void typePassword(ChromeDriver browser, String username) {
        Chromium.await(browser, By.id("password"));
        List<WebElement> name = browser.findElements(By.id("username"));
        if (!name.isEmpty() && name.get(0).isDisplayed()) {
            name.get(0).clear();
            name.get(0).sendKeys(username);
        }
        browser.findElement(By.id("password")).sendKeys(Citizens.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
    }

    /** On Keycloak's registration page: register, name the passkey, back at the portal. */
    private static void registerPasskey(ChromeDriver browser) {
        Chromium.await(browser, By.id("registerWebAuthn")).click();
        Alert label = new WebDriverWait(browser, WAIT).ignoring(NoAlertPresentException.class)
                .until(d -> d.switchTo().alert());
        label.sendKeys("Test-Passkey");
        label.accept();
        Chromium.awaitAddress(browser, DEMO_OIDC_REDIRECT);
        assertThat(BrowserlessClient.query(URI.create(browser.getCurrentUrl()))).containsEntry("kc_action_status", "success");
    }

    /** The eID page of the browser: the button, the simulated eID-Client, the card of {@code identity}. */
    private static void readCardInBrowser(ChromeDriver browser, String identity) {
        Chromium.await(browser, By.id("sk-eid-start")).click();
        Chromium.await(browser, By.xpath("//a[contains(@href,'identity=" + identity + "')]")).click();
    }

    private static JsonNode tokens(ChromeDriver browser, OidcFlow flow) {
        Chromium.awaitAddress(browser, DEMO_OIDC_REDIRECT);
        String code = BrowserlessClient.query(URI.create(browser.getCurrentUrl())).get("code");
        assertThat(code).as(browser.getCurrentUrl()).isNotBlank();
        return Json.jwtClaims(flow.exchange(code).path("id_token").asText());
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<JsonNode> passkeys(ServicekontoServer server, String username) {
        JsonNode credentials = server.admin().get("/realms/servicekonto/users/"
                + RelyingParties.userId(server, username) + "/credentials");
        return StreamSupport.stream(credentials.spliterator(), false)
                .filter(c -> "webauthn-passwordless".equals(c.path("type").asText())).toList();
    }

    /** An account with a password, typed-in data of the simulator's JONAS BEISPIEL (his card links only to it). */
    private static String jonas(ServicekontoServer server) {
        String username = "pk-card-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", "Jonas", "lastName", "Beispiel",
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1987-03-14")),
                "credentials", List.of(Map.of("type", "password", "value", Citizens.PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }
}
