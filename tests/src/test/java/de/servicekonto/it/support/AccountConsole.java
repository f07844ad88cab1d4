package de.servicekonto.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Servicekonto account console (theme jar themes/account-ui) in a browser test: its address, the password login
 * into it, table cells as text, waiting for a text, a download's bytes, and the accessibility check every page of
 * ours passes.
 */
public final class AccountConsole {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private AccountConsole() {
    }

    /** The console's start address, ending with a slash; pages are below it ("aktivitaeten", "postfach", …). */
    public static String url(ServicekontoServer server) {
        return server.realmUri() + "/account/";
    }

    /** Opens {@code address} (the console or a page of it), logs in with the password and waits for the console. */
    public static void logIn(ServicekontoServer server, ChromeDriver browser, String username, String address) {
        browser.get(address);
        Chromium.await(browser, By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Citizens.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
        Chromium.awaitAddress(browser, url(server));
    }

    /** The visible text of each cell of a table row. */
    public static List<String> cells(WebElement row) {
        List<String> texts = new ArrayList<>();
        for (WebElement cell : row.findElements(By.tagName("td"))) {
            texts.add(cell.getText().strip());
        }
        return texts;
    }

    /**
     * Waits up to 20 s until the element contains the text (found anew each time, as React re-renders); the failure
     * keeps a screenshot and names the page.
     */
    public static void awaitText(ChromeDriver browser, By element, String text) {
        try {
            // React may replace the element between finding and reading it: look again rather than fail.
            new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(element).getText().contains(text));
        } catch (TimeoutException e) {
            Path shot = Chromium.screenshot(browser, "failed-await-text");
            throw new AssertionError("no \"" + text + "\" in " + element + " at " + browser.getCurrentUrl()
                    + " (screenshot " + shot + "): " + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** Waits up to 20 s until the page's h1 reads exactly {@code text} (found anew each time, as React re-renders). */
    public static void awaitHeading(ChromeDriver browser, String text) {
        try {
            new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.tagName("h1")).getText().strip().equals(text));
        } catch (TimeoutException e) {
            Path shot = Chromium.screenshot(browser, "failed-await-heading");
            throw new AssertionError("no heading \"" + text + "\" at " + browser.getCurrentUrl() + " (screenshot " + shot
                    + "): " + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    /**
     * Runs axe-core in the page with the WCAG 2.1 A and AA rules and fails on any violation of impact serious or
     * critical, naming rule, impact and the elements concerned.
     */
    public static void assertNoSeriousAccessibilityViolation(ChromeDriver browser, String page) {
        browser.executeScript(axeSource());
        browser.manage().timeouts().scriptTimeout(WAIT);
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: "tag", values: arguments[0] } })
                  .then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({ error: String(e) })));
                """, WCAG_21_AA);
        JsonNode violations = Json.parse((String) result);
        assertThat(violations.isArray()).as("axe-core result on %s: %s", page, result).isTrue();
        List<String> serious = new ArrayList<>();
        for (JsonNode violation : violations) {
            String impact = violation.path("impact").asText();
            if (impact.equals("serious") || impact.equals("critical")) {
                List<String> targets = new ArrayList<>();
                violation.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                serious.add(violation.path("id").asText() + " (" + impact + "): " + violation.path("help").asText()
                        + " at " + targets);
            }
        }
        assertThat(serious).as("serious or critical WCAG 2.1 AA violations on %s", page).isEmpty();
    }

    /**
     * Clicks the download button and returns the bytes of the file the page hands to the browser (api.ts
     * saveFile): the page's object URL is caught as it is made and read back.
     */
    public static byte[] downloadedBytes(ChromeDriver browser, By button) {
        browser.executeScript("""
                window.__skBlobs = [];
                const original = URL.createObjectURL;
                URL.createObjectURL = (blob) => { window.__skBlobs.push(blob); return original.call(URL, blob); };
                """);
        browser.findElement(button).click();
        new WebDriverWait(browser, WAIT).until(d -> ((Number) browser.executeScript("return window.__skBlobs.length")).intValue() > 0);
        browser.manage().timeouts().scriptTimeout(WAIT);
        String base64 = (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const reader = new FileReader();
                reader.onload = () => done(reader.result.substring(reader.result.indexOf(',') + 1));
                reader.readAsDataURL(window.__skBlobs[0]);
                """);
        return Base64.getDecoder().decode(base64);
    }

    private static String axeSource() {
        Path script = Path.of(System.getProperty("servicekonto.axe.script",
                "themes/account-ui/node_modules/axe-core/axe.min.js"));
        try {
            return Files.readString(script);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core not found at " + script
                    + " (installed by the themes/account-ui build: npm ci)", e);
        }
    }
}
