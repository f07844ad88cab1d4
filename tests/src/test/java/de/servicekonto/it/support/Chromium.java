package de.servicekonto.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium (Debian packages {@code chromium} and {@code chromium-driver}) for what a person sees.
 *
 * <p>Where Chromium is missing, browser tests are skipped with a notice; with {@code SK_REQUIRE_BROWSER=true}
 * (set by .ci/run) a missing browser fails the run instead, so CI always runs them.
 */
public final class Chromium {

    private static final String BROWSER = env("SK_CHROMIUM", "/usr/bin/chromium");
    private static final String DRIVER = env("SK_CHROMEDRIVER", "/usr/bin/chromedriver");

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
