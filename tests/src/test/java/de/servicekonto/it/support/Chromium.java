package de.servicekonto.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian packages {@code chromium} and {@code chromium-driver}) for what a person sees.
 *
 * <p>Where Chromium is missing, browser tests are skipped with a notice; with {@code SK_REQUIRE_BROWSER=true}
 * (set by .ci/run) a missing browser fails the run instead, so CI always runs them.
 */
public final class Chromium {

    private static final String BROWSER = env("SK_CHROMIUM", "/usr/bin/chromium");
    private static final String DRIVER = env("SK_CHROMEDRIVER", "/usr/bin/chromedriver");

    private static final Duration WAIT = Duration.ofSeconds(15);

    private Chromium() {
    }

    /** A new headless browser with a German UI language and an empty profile; close it after the test. */
    public static ChromeDriver start() {
        boolean present = new File(BROWSER).canExecute() && new File(DRIVER).canExecute();
        if (!present) {
            String notice = "Chromium not found (" + BROWSER + ", " + DRIVER + "): install the Debian packages "
                    + "chromium and chromium-driver to run the browser tests.";
            if (Boolean.parseBoolean(System.getenv("SK_REQUIRE_BROWSER"))) {
                Assertions.fail(notice + " SK_REQUIRE_BROWSER=true makes this a failure.");
            }
            System.err.println("SKIPPED browser test: " + notice);
            Assumptions.abort(notice);
        }
        Path profile;
        try {
            profile = Files.createTempDirectory(TestPaths.workDir(), "chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER)
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                        "--lang=de-DE", "--window-size=1280,1024", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "de-DE,de"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * Waits up to 15 s for an element of the page the browser is loading. Where it does not come, the failure names
     * the page the browser shows instead (address, title, visible text) and keeps a screenshot of it.
     */
    public static WebElement await(ChromeDriver driver, By element) {
        try {
            return new WebDriverWait(driver, WAIT).until(d -> d.findElement(element));
        } catch (TimeoutException e) {
            throw notThere(driver, "no " + element, e);
        }
    }

    /** Waits up to 15 s for the browser to be sent to an address starting with {@code prefix}; fails as above. */
    public static void awaitAddress(ChromeDriver driver, String prefix) {
        try {
            new WebDriverWait(driver, WAIT).until(d -> d.getCurrentUrl().startsWith(prefix));
        } catch (TimeoutException e) {
            throw notThere(driver, "not sent to " + prefix, e);
        }
    }

    private static AssertionError notThere(ChromeDriver driver, String what, TimeoutException cause) {
        String text;
        try {
            text = driver.findElement(By.tagName("body")).getText();
        } catch (WebDriverException none) {
            text = "(no body: " + none.getClass().getSimpleName() + ")";
        }
        Path shot = screenshot(driver, "failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
        return new AssertionError(what + ": the browser shows " + driver.getCurrentUrl() + " (title \""
                + driver.getTitle() + "\", screenshot " + shot + "), reading:\n"
                + text.substring(0, Math.min(text.length(), 2000)), cause);
    }

    /** Saves a screenshot under tests/target/screenshots for a person to look at. */
    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Path dir = Files.createDirectories(TestPaths.projectDir().resolve("tests/target/screenshots"));
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
