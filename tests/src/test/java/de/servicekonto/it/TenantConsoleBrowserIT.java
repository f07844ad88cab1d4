package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.AccountConsole;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.Script;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.Tenants;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A tenant's account console: the realm made by {@code bin/sk-tenant.sh} with a logo shows the tenant's name and logo
 * (linked to its site) in the console's header, from the realm's attributes and the one shared theme; the main realm,
 * without branding, keeps the Servicekonto header.
 */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class TenantConsoleBrowserIT {

    private static final String NAME = "Gemeinde Beispielheim <Süd> & \"Nord\"";
    private static final String SITE = "https://www.beispielheim.example";
    private static final String LOGO = "https://www.beispielheim.example/wappen.svg";

    private static String tenant;

    @BeforeAll
    static void createTenant(ServicekontoServer server) throws IOException {
        tenant = "tc-" + UUID.randomUUID().toString().substring(0, 8);
        Tenants.writeSecrets(server, tenant);
        String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        Script.Result created = Tenants.command(server, "--realm", tenant, "--name", NAME, "--url", SITE,
                "--logo-url", LOGO, "--admin-user", admin, "--admin-email", admin + "@beispielheim.example");
        assertThat(created.exitCode()).as(created.output()).isZero();
    }

    @Test
    void givenATenantWithALogo_thenItsConsoleShowsItsNameAndLogoLinkedToItsSite(ServicekontoServer server,
                                                                                 ChromeDriver browser) {
        String citizen = "buerger-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> made = server.admin().post("/realms/" + tenant + "/users", Map.of(
                "username", citizen, "enabled", true, "firstName", "Erika", "lastName", "Mustermann",
                "email", citizen + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1964-08-12")),
                "credentials", List.of(Map.of("type", "password", "value", Citizens.PASSWORD, "temporary", false))));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        String console = server.baseUri() + "/realms/" + tenant + "/account/";
        browser.get(console);
        Chromium.await(browser, By.id("username")).sendKeys(citizen);
        browser.findElement(By.id("password")).sendKeys(Citizens.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        Chromium.awaitAddress(browser, console);

        AccountConsole.awaitText(browser, By.cssSelector("[data-testid='sk-tenant-name']"), NAME);
        assertThat(browser.findElement(By.cssSelector("[data-testid='sk-tenant-name']")).getText()).isEqualTo(NAME);
        WebElement logo = browser.findElement(By.cssSelector("header img"));
        assertThat(logo.getAttribute("src")).isEqualTo(LOGO);
        assertThat(logo.getAttribute("alt")).isEqualTo("Logo: " + NAME + " – zur Website");
        WebElement link = logo.findElement(By.xpath("./ancestor::a[1]"));
        assertThat(link.getAttribute("href")).startsWith(SITE);
        // Only the one image, from the tenant's site.
        assertThat(browser.findElements(By.cssSelector("header img"))).hasSize(1);
        Chromium.screenshot(browser, "account-tenant-header");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "a tenant's console header");
    }

    @Test
    void givenTheMainRealmWithoutBranding_thenItsConsoleKeepsTheServicekontoHeader(ServicekontoServer server,
                                                                                   ChromeDriver browser) {
        AccountConsole.logIn(server, browser, Citizens.erikaLike(server, "tenantless"), AccountConsole.url(server));
        Chromium.await(browser, By.cssSelector("main form"));
        WebElement logo = Chromium.await(browser, By.cssSelector("header img"));
        assertThat(logo.getAttribute("src")).contains("/account/servicekonto/").endsWith("/logo.svg");
        assertThat(browser.findElements(By.cssSelector("[data-testid='sk-tenant-name']"))).isEmpty();
        assertThat(browser.findElement(By.tagName("header")).getText()).doesNotContain(NAME).doesNotContain("Beispielheim");
    }
}
