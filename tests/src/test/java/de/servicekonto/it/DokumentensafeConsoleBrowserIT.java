package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.AccountConsole;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.Registrations;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.TestPaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Dokumentensafe page of the account console (themes/account-ui/src/dokumentensafe) in headless Chromium against
 * the real server, with the console's own token: a folder is created, a file uploaded into it through the file field
 * (progress bar at 100 and announced), listed with type and size, downloaded byte for byte, renamed, deleted and
 * restored (undo and trash), found by name, moved, and the quota bar follows; a refusal shows the German text for
 * the API's error code; a file dropped onto the upload area is stored byte for byte. Every step is checked through
 * the Dokumentensafe API with a portal token of the same person; axe-core on each state in German and English.
 * A file of about 20 MB goes through an upload session in three parts (upload.ts), with the bar moving, and comes
 * back byte for byte. An organisation's safe is the same page on another API prefix: its administrator uploads, a
 * member sees and downloads but has no control that would change anything, and is told why. A document locked above
 * the session's level shows no name and only the step-up (which leads to the eID login), a damaged row (its name
 * overwritten in the database) no name and no action, in German and English.
 */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class DokumentensafeConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final By ROWS = By.cssSelector("#sk-safe-documents tbody tr");
    private static final String SCOPES = "openid dokumentensafe:read dokumentensafe:write";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PostfachFixture accounts;
    private static String portal;

    @BeforeAll
    static void aPortalThatMayAskForTheSafeScopes(ServicekontoServer server) {
        accounts = new PostfachFixture(server);
        // The organisations account API too: the tests register organisations with the portal's token.
        portal = PostfachFixture.portalClient(server, Map.of("sk.organisations.accountApi", "true"));
        String internalId = server.admin().get("/realms/servicekonto/clients?clientId=" + portal).get(0).path("id").asText();
        for (JsonNode scope : server.admin().get("/realms/servicekonto/client-scopes")) {
            if (scope.path("name").asText().startsWith("dokumentensafe:")) {
                HttpResponse<String> added = server.admin().put("/realms/servicekonto/clients/" + internalId
                        + "/optional-client-scopes/" + scope.path("id").asText(), Map.of());
                assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
            }
        }
    }

    @Test
    void givenCitizenWhenFolderUploadDownloadRenameDeleteRestoreAndMoveInTheConsoleThenTheApiHoldsExactlyThat(
            ServicekontoServer server, ChromeDriver browser) throws IOException {
        String[] citizen = accounts.account("Dora");
        String api = accounts.token(citizen[0], SCOPES, portal);
        AccountConsole.logIn(server, browser, citizen[0], AccountConsole.url(server) + "dokumentensafe");
        AccountConsole.awaitHeading(browser, "Dokumentensafe");
        assertThat(browser.findElement(By.cssSelector("nav")).getText()).contains("Dokumentensafe");
        awaitQuota(browser, "0 B von 500 MB belegt");
        AccountConsole.awaitText(browser, By.id("sk-safe-upload-limits"), "je Datei höchstens 100 MB");
        AccountConsole.awaitText(browser, By.tagName("main"), "In diesem Ordner liegen noch keine Dokumente.");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe empty (de)");

        // A folder, with the keyboard: the form opens with the focus in its field, Enter saves.
        browser.findElement(By.id("sk-safe-folder-new")).click();
        WebElement name = Chromium.await(browser, By.id("sk-safe-name-input"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(name);
        name.sendKeys("Urkunden", Keys.ENTER);
        AccountConsole.awaitText(browser, By.id("sk-safe-notice"), "Der Ordner „Urkunden“ ist angelegt.");
        JsonNode folders = ok(get(server, api, "/folders")).path("folders");
        assertThat(folders).hasSize(1);
        assertThat(folders.get(0).path("name").asText()).isEqualTo("Urkunden");
        String folder = folders.get(0).path("id").asText();
        treeFolder(browser, "Urkunden").click();
        Chromium.awaitAddress(browser, AccountConsole.url(server) + "dokumentensafe?ordner=" + folder);
        AccountConsole.awaitText(browser, By.id("sk-safe-list-heading"), "Urkunden");
        assertThat(browser.findElement(By.id("sk-safe-breadcrumb")).getText()).contains("Dokumentensafe", "Urkunden");

        // The upload through the file field: listed with type and size, the bar at 100, the end announced.
        byte[] pdf = pdf(3584);
        browser.findElement(By.id("sk-safe-upload-input")).sendKeys(file("Geburtsurkunde.pdf", pdf).toString());
        awaitNames(browser, List.of("Geburtsurkunde.pdf"));
        List<String> cells = AccountConsole.cells(browser.findElement(ROWS));
        assertThat(cells.subList(0, 3)).containsExactly("Geburtsurkunde.pdf", "PDF", "3,5 KB");
        WebElement bar = browser.findElement(By.cssSelector("#sk-safe-upload-progress [role=progressbar]"));
        assertThat(bar.getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(browser.findElement(By.id("sk-safe-upload-status")).getAttribute("textContent"))
                .isEqualTo("„Geburtsurkunde.pdf“ ist hochgeladen und abgelegt.");
        awaitQuota(browser, "3,5 KB von 500 MB belegt");
        JsonNode stored = ok(get(server, api, "/documents?folder=" + folder)).path("documents");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("name").asText()).isEqualTo("Geburtsurkunde.pdf");
        assertThat(stored.get(0).path("type").asText()).isEqualTo("application/pdf");
        assertThat(stored.get(0).path("size").asLong()).isEqualTo(pdf.length);
        String id = stored.get(0).path("id").asText();
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe folder with a document (de)");

        // The download through the API with the console's token, byte for byte.
        assertThat(AccountConsole.downloadedBytes(browser, By.cssSelector("button.sk-safe-download"))).isEqualTo(pdf);

        // Rename.
        browser.findElement(By.cssSelector("button.sk-safe-rename")).click();
        WebElement rename = Chromium.await(browser, By.id("sk-safe-name-input"));
        rename.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Geburtsurkunde Dora.pdf");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe rename form (de)");
        browser.findElement(By.id("sk-safe-edit-save")).click();
        awaitNames(browser, List.of("Geburtsurkunde Dora.pdf"));
        assertThat(ok(get(server, api, "/documents?folder=" + folder)).path("documents").get(0).path("name").asText())
                .isEqualTo("Geburtsurkunde Dora.pdf");

        // Delete, and the undo right in the notice.
        browser.findElement(By.cssSelector("button.sk-safe-delete")).click();
        AccountConsole.awaitText(browser, By.id("sk-safe-notice"), "„Geburtsurkunde Dora.pdf“ liegt im Papierkorb.");
        awaitNames(browser, List.of());
        assertThat(ok(get(server, api, "/documents?trash=true")).path("documents").get(0).path("id").asText()).isEqualTo(id);
        browser.findElement(By.id("sk-safe-undo")).click();
        AccountConsole.awaitText(browser, By.id("sk-safe-notice"), "„Geburtsurkunde Dora.pdf“ ist wiederhergestellt.");
        awaitNames(browser, List.of("Geburtsurkunde Dora.pdf"));
        assertThat(ok(get(server, api, "/documents?trash=true")).path("documents")).isEmpty();

        // Delete again, restore from the trash view; the quota counts the trash too.
        browser.findElement(By.cssSelector("button.sk-safe-delete")).click();
        awaitNames(browser, List.of());
        browser.findElement(By.id("sk-safe-view-trash")).click();
        AccountConsole.awaitText(browser, By.id("sk-safe-list-heading"), "Papierkorb");
        awaitNames(browser, List.of("Geburtsurkunde Dora.pdf"));
        awaitQuota(browser, "3,5 KB von 500 MB belegt");
        Chromium.screenshot(browser, "dokumentensafe-trash-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe trash (de)");
        browser.findElement(By.cssSelector("button.sk-safe-restore")).click();
        AccountConsole.awaitText(browser, By.id("sk-safe-notice"), "ist wiederhergestellt");
        awaitNames(browser, List.of());
        assertThat(ok(get(server, api, "/documents?folder=" + folder)).path("documents").get(0).path("id").asText())
                .isEqualTo(id);

        // Search by name over every folder: the folder is named.
        browser.findElement(By.id("sk-safe-q")).sendKeys("dora", Keys.ENTER);
        AccountConsole.awaitText(browser, By.id("sk-safe-list-heading"), "Suchergebnisse für „dora“");
        awaitNames(browser, List.of("Geburtsurkunde Dora.pdf"));
        assertThat(AccountConsole.cells(browser.findElement(ROWS)).get(1)).isEqualTo("Urkunden");
        browser.findElement(By.id("sk-safe-search-reset")).click();

        // Move to the top, then the empty folder can go.
        treeFolder(browser, "Urkunden").click();
        awaitNames(browser, List.of("Geburtsurkunde Dora.pdf"));
        browser.findElement(By.cssSelector("button.sk-safe-move")).click();
        new Select(Chromium.await(browser, By.id("sk-safe-move-select"))).selectByVisibleText("Dokumentensafe");
        browser.findElement(By.id("sk-safe-edit-save")).click();
        AccountConsole.awaitText(browser, By.id("sk-safe-notice"), "liegt jetzt in „Dokumentensafe“");
        awaitNames(browser, List.of());
        // The top's list (no folder asked) holds it, and it names no folder.
        JsonNode top = ok(get(server, api, "/documents")).path("documents");
        assertThat(top).hasSize(1);
        assertThat(top.get(0).path("id").asText()).isEqualTo(id);
        assertThat(top.get(0).hasNonNull("folder")).isFalse();
        assertThat(ok(get(server, api, "/documents?folder=" + folder)).path("documents")).isEmpty();
        browser.findElement(By.id("sk-safe-folder-delete")).click();
        AccountConsole.awaitText(browser, By.id("sk-safe-notice"), "Der Ordner „Urkunden“ ist gelöscht.");
        awaitNames(browser, List.of("Geburtsurkunde Dora.pdf"));
        assertThat(ok(get(server, api, "/folders")).path("folders")).isEmpty();

        // A refusal in plain German from the API's code: PNG bytes under a PDF name.
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
        browser.findElement(By.id("sk-safe-upload-input")).sendKeys(file("Falsch.pdf", png).toString());
        AccountConsole.awaitText(browser, By.id("sk-safe-upload-error"),
                "„Falsch.pdf“: Der Inhalt der Datei passt nicht zu ihrer Dateiendung.");
        AccountConsole.awaitText(browser, By.id("sk-safe-upload-progress"), "Nicht abgelegt: Falsch.pdf");
        assertThat(browser.findElements(By.id("sk-safe-notice"))).as("the folder's notice is gone").isEmpty();
        assertThat(ok(get(server, api, "/documents")).path("documents")).hasSize(1);
        awaitQuota(browser, "3,5 KB von 500 MB belegt");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe refused upload (de)");
        Chromium.screenshot(browser, "dokumentensafe-de");
    }

    @Test
    void givenEnglishAccountWhenAFileIsDroppedThenItIsStoredByteForByteAndThePageSpeaksEnglishAndPassesAxe(
            ServicekontoServer server, ChromeDriver browser) throws IOException, InterruptedException {
        String[] citizen = accounts.account("Emma");
        ObjectNode user = (ObjectNode) server.admin().get("/realms/servicekonto/users/" + citizen[1]);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.putArray("locale").add("en");
        assertThat(server.admin().put("/realms/servicekonto/users/" + citizen[1], user).statusCode()).isEqualTo(204);

        AccountConsole.logIn(server, browser, citizen[0], AccountConsole.url(server) + "dokumentensafe");
        AccountConsole.awaitHeading(browser, "Document safe");
        awaitQuota(browser, "0 B of 500 MB used");
        // Drag and drop: the drop event a mouse drag ends with, carrying the file, onto the area.
        byte[] pdf = pdf(2048);
        browser.executeScript("""
                const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], arguments[1], { type: "application/pdf" }));
                const zone = document.getElementById("sk-safe-dropzone");
                zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
                zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
                """, Base64.getEncoder().encodeToString(pdf), "Certificate.pdf");
        awaitNames(browser, List.of("Certificate.pdf"));
        String api = accounts.token(citizen[0], SCOPES, portal);
        JsonNode stored = ok(get(server, api, "/documents")).path("documents");
        assertThat(stored).hasSize(1);
        HttpResponse<byte[]> content = HTTP.send(HttpRequest.newBuilder(URI.create(server.realmUri()
                + "/dokumentensafe/me/documents/" + stored.get(0).path("id").asText() + "/content"))
                .header("Authorization", "Bearer " + api).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(pdf);
        assertThat(AccountConsole.cells(browser.findElement(ROWS)).subList(0, 3)).containsExactly("Certificate.pdf", "PDF", "2 KB");
        awaitQuota(browser, "2 KB of 500 MB used");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe with a document (en)");
        browser.findElement(By.cssSelector("button.sk-safe-delete")).click();
        AccountConsole.awaitText(browser, By.id("sk-safe-notice"), "\"Certificate.pdf\" is in the trash.");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe after a deletion (en)");
        Chromium.screenshot(browser, "dokumentensafe-en");
    }

    @Test
    void givenALockedAndADamagedDocumentThenNeitherShowsANameOrAnActionAndTheLockedOneOffersTheStepUpInGermanAndEnglish(
            ServicekontoServer server, ChromeDriver browser) throws Exception {
        String[] clerk = accounts.account("Amtsrat");
        String authority = accounts.authority("Bauamt " + UUID.randomUUID().toString().substring(0, 6), true, clerk[1]);
        String clerkToken = accounts.token(clerk[0]);
        record Texts(String locked, String stepUp, String damaged, String heading) {
        }
        Map<String, Texts> languages = Map.of(
                "de", new Texts("Geschütztes Dokument (nur mit Vertrauensniveau „hoch“ sichtbar)",
                        "Mit höherem Vertrauensniveau anmelden", "Beschädigtes Dokument (kann nicht geöffnet werden)",
                        "Dokumentensafe"),
                "en", new Texts("Protected document (visible only at trust level \"hoch\")", "Log in at a higher trust level",
                        "Damaged document (cannot be opened)", "Document safe"));
        for (String language : List.of("en", "de")) {
            Texts texts = languages.get(language);
            String[] citizen = accounts.account("Hanna");
            if (language.equals("en")) {
                ObjectNode user = (ObjectNode) server.admin().get("/realms/servicekonto/users/" + citizen[1]);
                ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
                attributes.putArray("locale").add("en");
                assertThat(server.admin().put("/realms/servicekonto/users/" + citizen[1], user).statusCode()).isEqualTo(204);
            }
            // A hoch notice delivered into the safe (folder "Bescheide"): the password session is below its level.
            HttpResponse<String> staged = accounts.upload(clerkToken, authority, "Baugenehmigung-geheim.pdf",
                    "application/pdf", pdf(1500));
            assertThat(staged.statusCode()).as(staged.body()).isEqualTo(201);
            JsonNode sent = accounts.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", "Bescheid", "body", "vertraulich", "notice", true, "intoSafe", true,
                    "minimumTrustLevel", "hoch", "attachments", List.of(Json.parse(staged.body()).path("id").asText())));
            String locked = sent.path("safeCopy").path("documentIds").get(0).asText();
            // Two own uploads at the top, one of whose encrypted name is then overwritten in the database.
            String api = accounts.token(citizen[0], SCOPES, portal);
            String good = upload(server, api, "Zeugnis.pdf", pdf(1200));
            String damaged = upload(server, api, "Vertrag-vertraulich.pdf", pdf(1300));
            try (var db = server.writableDatabase(); var update = db.prepareStatement(
                    "update SK_DS_DOCUMENT set NAME_ENC = (select NAME_ENC from SK_DS_DOCUMENT where ID = ?) where ID = ?")) {
                update.setString(1, good);
                update.setString(2, damaged);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }

            AccountConsole.logIn(server, browser, citizen[0], AccountConsole.url(server) + "dokumentensafe");
            AccountConsole.awaitHeading(browser, texts.heading());
            awaitNames(browser, List.of(texts.damaged(), "Zeugnis.pdf"));
            WebElement damagedRow = browser.findElement(By.cssSelector("#sk-safe-documents tr[data-id='" + damaged + "']"));
            assertThat(AccountConsole.cells(damagedRow).get(0)).isEqualTo(texts.damaged());
            assertThat(damagedRow.findElements(By.tagName("button"))).as("no action on a damaged document").isEmpty();
            assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Vertrag");
            AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe damaged row (" + language + ")");

            treeFolder(browser, "Bescheide").click();
            awaitNames(browser, List.of(texts.locked()));
            WebElement lockedRow = browser.findElement(By.cssSelector("#sk-safe-documents tr[data-id='" + locked + "']"));
            List<WebElement> buttons = lockedRow.findElements(By.tagName("button"));
            assertThat(buttons).as("the step-up and nothing else").hasSize(1);
            assertThat(buttons.get(0).getAttribute("class")).contains("sk-safe-step-up");
            assertThat(buttons.get(0).getText()).isEqualTo(texts.stepUp());
            assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Baugenehmigung");
            AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe locked row (" + language + ")");
            Chromium.screenshot(browser, "dokumentensafe-locked-" + language);
            if (language.equals("de")) {
                // The step-up asks Keycloak for a login at hoch: the eID login page, not a plain password prompt.
                buttons.get(0).click();
                Chromium.await(browser, By.id("sk-eid-start"));
            }
            browser.manage().deleteAllCookies();
        }
    }

    /** An own upload through the API; answers its id. */
    private static String upload(ServicekontoServer server, String bearer, String filename, byte[] content) {
        HttpResponse<String> uploaded = Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri()
                        + "/dokumentensafe/me/documents?filename=" + filename))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        return Json.parse(uploaded.body()).path("id").asText();
    }

    @Test
    void givenAFileAboveThePartSizeWhenUploadedInTheConsoleThenItGoesInThreePartsWithMovingProgressAndComesBackExactly(
            ServicekontoServer server, ChromeDriver browser) throws IOException, InterruptedException {
        String[] citizen = accounts.account("Lena");
        AccountConsole.logIn(server, browser, citizen[0], AccountConsole.url(server) + "dokumentensafe");
        AccountConsole.awaitHeading(browser, "Dokumentensafe");
        awaitQuota(browser, "0 B von 500 MB belegt");
        // Every value the bar shows while the file is under way.
        browser.executeScript("""
                window.__skProgress = [];
                new MutationObserver(() => {
                  const bar = document.querySelector("#sk-safe-upload-progress [role=progressbar]");
                  const value = bar && bar.getAttribute("aria-valuenow");
                  if (value !== null && window.__skProgress[window.__skProgress.length - 1] !== value) window.__skProgress.push(value);
                }).observe(document.body, { subtree: true, childList: true, attributes: true });
                """);
        // 20,000,000 bytes: two parts of 8 MiB and the rest, more than the server takes in one request (10 MiB).
        byte[] large = pdf(20_000_000);
        browser.findElement(By.id("sk-safe-upload-input")).sendKeys(file("Bauantrag.pdf", large).toString());
        new WebDriverWait(browser, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class).until(d ->
                d.findElements(ROWS).stream().anyMatch(row -> row.getText().contains("Bauantrag.pdf")));
        assertThat(browser.findElement(By.id("sk-safe-upload-status")).getAttribute("textContent"))
                .isEqualTo("„Bauantrag.pdf“ ist hochgeladen und abgelegt.");
        @SuppressWarnings("unchecked")
        List<String> seen = (List<String>) browser.executeScript("return window.__skProgress");
        List<Integer> values = seen.stream().map(Integer::parseInt).toList();
        assertThat(values).as("the bar's values").isSorted().last().isEqualTo(100);
        assertThat(values).as("the bar stood between start and end").anyMatch(value -> value > 0 && value < 100);
        assertThat(values).as("past the first part (8 MiB of 20 MB)").anyMatch(value -> value >= 41 && value < 100);
        awaitQuota(browser, "19,1 MB von 500 MB belegt");

        String api = accounts.token(citizen[0], SCOPES, portal);
        JsonNode stored = ok(get(server, api, "/documents")).path("documents");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("size").asLong()).isEqualTo(large.length);
        HttpResponse<byte[]> content = HTTP.send(HttpRequest.newBuilder(URI.create(server.realmUri()
                + "/dokumentensafe/me/documents/" + stored.get(0).path("id").asText() + "/content"))
                .header("Authorization", "Bearer " + api).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(sha256(content.body())).isEqualTo(sha256(large));
        // The usage counts the document once.
        assertThat(ok(get(server, api, "")).path("usedBytes").asLong()).isEqualTo(large.length);
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Dokumentensafe after a large upload (de)");
    }

    @Test
    void givenAnOrganisationThenItsAdministratorUploadsInTheConsoleAndAMemberDownloadsWithoutAnyChangingControl(
            ServicekontoServer server, ChromeDriver admin, ChromeDriver member) throws IOException {
        String[] anna = accounts.account("Anna");
        String[] bernd = accounts.account("Bernd");
        String name = "Gärtnerei Beispiel GmbH " + UUID.randomUUID().toString().substring(0, 6);
        String annaApi = accounts.token(anna[0], SCOPES, portal);
        HttpResponse<String> registered = Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri()
                        + "/sk-organisations/organisations")).header("Accept", "application/json")
                .header("Authorization", "Bearer " + annaApi).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Registrations.organisation(name)))).build());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String org = Json.parse(registered.body()).path("id").asText();
        HttpResponse<String> joined = server.admin().post("/realms/servicekonto/organizations/" + org + "/members", bernd[1]);
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        String prefix = "/dokumentensafe/organisations/" + org;

        // The administrator finds the safe on the organisation's page and uploads into it.
        AccountConsole.logIn(server, admin, anna[0], AccountConsole.url(server) + "organisationen/" + org);
        Chromium.await(admin, By.id("sk-org-safe-link")).click();
        Chromium.awaitAddress(admin, AccountConsole.url(server) + "organisationen/" + org + "/dokumentensafe");
        AccountConsole.awaitHeading(admin, "Dokumentensafe von " + name);
        AccountConsole.awaitText(admin, By.tagName("main"), "In diesem Ordner liegen noch keine Dokumente.");
        assertThat(admin.findElements(By.id("sk-org-safe-readonly"))).isEmpty();
        Chromium.await(admin, By.id("sk-safe-folder-new"));
        // The file field takes files once the safe's limits are known (the quota bar shows them).
        AccountConsole.awaitText(admin, By.id("sk-safe-quota"), "0 B von 500 MB belegt");
        byte[] pdf = pdf(5000);
        Chromium.await(admin, By.id("sk-safe-upload-input")).sendKeys(file("Handelsregisterauszug.pdf", pdf).toString());
        awaitNames(admin, List.of("Handelsregisterauszug.pdf"));
        assertThat(admin.findElements(By.cssSelector("button.sk-safe-delete"))).hasSize(1);
        AccountConsole.assertNoSeriousAccessibilityViolation(admin, "Dokumentensafe of an organisation, administrator (de)");
        JsonNode stored = ok(getAt(server, annaApi, prefix + "/documents")).path("documents");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("name").asText()).isEqualTo("Handelsregisterauszug.pdf");
        assertThat(ok(getAt(server, annaApi, "/dokumentensafe/me/documents")).path("documents"))
                .as("the administrator's own safe is another one").isEmpty();

        // A member: sees and downloads it, is told why nothing else is offered, and has no control that changes.
        AccountConsole.logIn(server, member, bernd[0], AccountConsole.url(server) + "organisationen/" + org + "/dokumentensafe");
        AccountConsole.awaitHeading(member, "Dokumentensafe von " + name);
        awaitNames(member, List.of("Handelsregisterauszug.pdf"));
        AccountConsole.awaitText(member, By.id("sk-org-safe-readonly"),
                "Hochladen, Umbenennen, Verschieben und Löschen dürfen nur Administratorinnen und Administratoren");
        assertThat(AccountConsole.downloadedBytes(member, By.cssSelector("button.sk-safe-download"))).isEqualTo(pdf);
        for (String control : List.of("#sk-safe-upload-input", "#sk-safe-dropzone", "#sk-safe-folder-new",
                "#sk-safe-folder-actions", "button.sk-safe-rename", "button.sk-safe-move", "button.sk-safe-delete")) {
            assertThat(member.findElements(By.cssSelector(control))).as(control).isEmpty();
        }
        AccountConsole.assertNoSeriousAccessibilityViolation(member, "Dokumentensafe of an organisation, member (de)");
        Chromium.screenshot(member, "dokumentensafe-organisation-member-de");
        String berndApi = accounts.token(bernd[0], SCOPES, portal);
        assertThat(getAt(server, berndApi, prefix + "/documents/" + stored.get(0).path("id").asText() + "/content")
                .statusCode()).isEqualTo(200);
    }

    // --- helpers ---

    private static HttpResponse<String> get(ServicekontoServer server, String bearer, String path) {
        return getAt(server, bearer, "/dokumentensafe/me" + path);
    }

    private static HttpResponse<String> getAt(ServicekontoServer server, String bearer, String path) {
        return Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri() + path))
                .header("Authorization", "Bearer " + bearer).GET().build());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebElement treeFolder(ChromeDriver browser, String name) {
        return new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(d ->
                d.findElements(By.cssSelector("#sk-safe-tree button.sk-safe-tree-folder")).stream()
                        .filter(button -> button.getText().strip().equals(name)).findFirst().orElse(null));
    }

    /** Waits until the quota bar's text and its accessible value text both read {@code text}. */
    private static void awaitQuota(ChromeDriver browser, String text) {
        AccountConsole.awaitText(browser, By.id("sk-safe-quota"), text);
        assertThat(browser.findElement(By.cssSelector("#sk-safe-quota [role=progressbar]")).getAttribute("aria-valuetext"))
                .isEqualTo(text);
    }

    /** Waits until the list has loaded and shows exactly these names (none: the empty notice instead of a table). */
    private static void awaitNames(ChromeDriver browser, List<String> expected) {
        try {
            new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class).until(d -> {
                if (!d.findElements(By.cssSelector("main .pf-v5-c-spinner")).isEmpty()) {
                    return false;
                }
                if (expected.isEmpty()) {
                    return !d.findElements(By.cssSelector("main .pf-v5-c-empty-state")).isEmpty();
                }
                return d.findElements(ROWS).stream()
                        .map(row -> row.findElement(By.cssSelector("td.sk-safe-name")).getText().strip()).toList()
                        .equals(expected);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected " + expected + " (screenshot "
                    + Chromium.screenshot(browser, "failed-dokumentensafe-names") + "): "
                    + browser.findElement(By.tagName("main")).getText(), e);
        }
    }

    private static Path file(String name, byte[] content) throws IOException {
        return Files.write(Files.createTempDirectory(TestPaths.workDir(), "safe-upload").resolve(name), content);
    }

    /** {@code size} bytes that look like a PDF to the server's sniffing. */
    private static byte[] pdf(int size) {
        byte[] all = new byte[size];
        new Random(size).nextBytes(all);
        byte[] head = "%PDF-1.4\n% Servicekonto\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, all, 0, head.length);
        return all;
    }
}
