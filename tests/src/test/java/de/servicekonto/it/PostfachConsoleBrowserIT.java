package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.AccountConsole;
import de.servicekonto.it.support.Chromium;
import de.servicekonto.it.support.ChromiumExtension;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.TestPaths;
import de.servicekonto.it.support.Registrations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Postfach page of the account console (themes/account-ui/src/postfach) in headless Chromium against the real
 * server: what an authority sends through the Postfach API is read, downloaded and answered in the console with the
 * console's own token; an official notice above the session's level is locked until the step-up through the
 * simulated ID card; paging, search, archive, trash and restore, the organisation mailbox switch, keyboard use, and
 * axe-core on each state in German and English.
 */
@ServicekontoServerTest
@ExtendWith(ChromiumExtension.class)
class PostfachConsoleBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final By ROWS = By.cssSelector("#sk-postfach-messages tbody tr");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PostfachFixture pf;
    private static String[] clerk;
    private static String authority;
    private static String authorityName;

    @BeforeAll
    static void anAuthorityWithAClerk(ServicekontoServer server) {
        pf = new PostfachFixture(server);
        clerk = pf.account("Sachbearbeiterin");
        authority = pf.authority("Bürgeramt", true, clerk[1]);
        // The name as the authority account holds it (the fixture makes it unique).
        authorityName = server.admin().get("/realms/servicekonto/organizations/" + authority).path("name").asText();
        assertThat(authorityName).startsWith("Bürgeramt");
    }

    @Test
    void givenAuthorityNoticeWithAttachmentWhenCitizenOpensDownloadsAndRepliesInTheConsoleThenTheApiRecordsItAll(
            ServicekontoServer server, ChromeDriver browser) throws IOException {
        String[] citizen = pf.account("Paula");
        String clerkToken = pf.token(clerk[0]);
        byte[] pdf = pdf();
        String attachment = ok201(pf.upload(clerkToken, authority, "Bescheid-Wohngeld.pdf", "application/pdf", pdf)).path("id").asText();
        String subject = "Wohngeldbescheid " + suffix();
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", subject, "body", "Ihr Wohngeld ist bewilligt.\nMit freundlichen Grüßen", "notice", true,
                "attachments", List.of(attachment)));
        String receiptPath = "/mailboxes/" + authority + "/messages/" + sent.path("id").asText() + "/receipt";
        assertThat(absent(ok(pf.get(clerkToken, receiptPath)).path("firstRetrievedAt"))).isTrue();

        AccountConsole.logIn(server, browser, citizen[0], AccountConsole.url(server) + "postfach");
        WebElement row = firstRow(browser);
        AccountConsole.awaitHeading(browser, "Postfach");
        assertThat(browser.findElement(By.cssSelector("nav")).getText()).contains("Postfach");
        List<String> cells = AccountConsole.cells(row);
        assertThat(cells.get(1)).isEqualTo(authorityName);
        assertThat(cells.get(2)).isEqualTo(subject);
        assertThat(cells.get(3)).contains("ungelesen", "Bescheid", "Anhänge: 1");
        assertThat(browser.findElement(By.id("sk-postfach-folder-inbox")).getText()).isEqualTo("Posteingang (1 ungelesen)");
        Chromium.screenshot(browser, "postfach-list-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Postfach list (de)");

        // Opening the message is the retrieval the API records for a notice.
        row.findElement(By.cssSelector("a.sk-postfach-open")).click();
        AccountConsole.awaitText(browser, By.id("sk-postfach-body"), "Ihr Wohngeld ist bewilligt.");
        AccountConsole.awaitHeading(browser, subject);
        assertThat(browser.getCurrentUrl()).isEqualTo(AccountConsole.url(server) + "postfach/me/"
                + inboxId(citizen[0], subject));
        JsonNode evidence = ok(pf.get(clerkToken, receiptPath));
        Instant retrieved = Instant.parse(evidence.path("firstRetrievedAt").asText());
        assertThat(retrieved).isBefore(Instant.now());
        assertThat(browser.findElement(By.cssSelector("#sk-postfach-notice-retrieved time")).getAttribute("datetime"))
                .isEqualTo(evidence.path("firstRetrievedAt").asText());
        assertThat(browser.findElement(By.id("sk-postfach-notice-deemed")).getText()).isNotEqualTo("–");
        Chromium.screenshot(browser, "postfach-message-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Postfach message (de)");

        // The attachment, fetched through the API with the console's token, byte for byte.
        assertThat(AccountConsole.downloadedBytes(browser, By.cssSelector("button.sk-postfach-download"))).isEqualTo(pdf);

        // The reply with an attachment; the limits are shown before a file is chosen.
        browser.findElement(By.id("sk-postfach-reply-open")).click();
        Chromium.await(browser, By.id("sk-postfach-reply-body")).sendKeys("Vielen Dank für den Bescheid.");
        assertThat(browser.findElement(By.id("sk-postfach-reply-limits")).getText())
                .isEqualTo("Erlaubt sind PDF, PNG, JPEG und TIFF, höchstens 5 Dateien mit je höchstens 2 MB.");
        assertThat(browser.findElement(By.id("sk-postfach-reply-subject")).getAttribute("value")).isEqualTo("AW: " + subject);
        byte[] png = png();
        Path file = Files.write(Files.createTempDirectory(TestPaths.workDir(), "upload").resolve("Nachweis.png"), png);
        browser.findElement(By.id("sk-postfach-reply-files")).sendKeys(file.toString());
        AccountConsole.awaitText(browser, By.id("sk-postfach-reply-chosen"), "Nachweis.png");
        Chromium.screenshot(browser, "postfach-compose-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Postfach reply form (de)");
        browser.findElement(By.id("sk-postfach-reply-send")).click();
        AccountConsole.awaitText(browser, By.id("sk-postfach-done"), "Ihre Nachricht wurde gesendet.");

        // The authority receives it through the API, with the attachment as chosen.
        JsonNode received = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages")).path("messages").get(0);
        assertThat(received.path("subject").asText()).isEqualTo("AW: " + subject);
        assertThat(received.path("sender").path("id").asText()).isEqualTo(citizen[1]);
        assertThat(received.path("threadId").asText()).isEqualTo(sent.path("threadId").asText());
        String base = "/mailboxes/" + authority + "/messages/" + received.path("id").asText();
        JsonNode reply = ok(pf.get(clerkToken, base));
        assertThat(reply.path("body").asText()).isEqualTo("Vielen Dank für den Bescheid.");
        assertThat(reply.path("attachments")).hasSize(1);
        assertThat(reply.path("attachments").get(0).path("filename").asText()).isEqualTo("Nachweis.png");
        assertThat(pf.getBytes(clerkToken, base + "/attachments/" + reply.path("attachments").get(0).path("id").asText()).body())
                .isEqualTo(png);
        // Read in the console: no longer unread in the API.
        assertThat(ok(pf.get(pf.token(citizen[0]), "/mailboxes/me/messages")).path("messages").get(0).path("read").asBoolean())
                .isTrue();
    }

    @Test
    void givenNoticeAtHochAndPasswordSessionThenLockedAndTheStepUpWithTheCardOpensItAndRecordsTheRetrieval(
            ServicekontoServer server, ChromeDriver browser) {
        // The card's holder has a password account (the card links to it at the step-up).
        new EidLogin(server).release("erika");
        String username = Citizens.erikaLike(server, "pf-console");
        String userId = pf.userId(username);
        // The authority's Fachverfahren sends and fetches the receipt: staff with a password session could not
        // (the receipt of a hoch notice needs hoch too), a client acting for the authority has no session level.
        String clerkToken = pf.clientToken(fachverfahren());
        String subject = "Steuerbescheid " + suffix();
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", userId),
                "subject", subject, "body", "Festgesetzte Steuer: 0 Euro.", "notice", true, "minimumTrustLevel", "hoch"));
        String receiptPath = "/mailboxes/" + authority + "/messages/" + sent.path("id").asText() + "/receipt";

        AccountConsole.logIn(server, browser, username, AccountConsole.url(server) + "postfach");
        WebElement row = firstRow(browser);
        List<String> cells = AccountConsole.cells(row);
        assertThat(cells.get(1)).isEqualTo(authorityName);
        assertThat(cells.get(2)).isEqualTo("Gesperrt: Anmeldung mit höherem Vertrauensniveau nötig").doesNotContain(subject);
        assertThat(cells.get(3)).contains("gesperrt", "Vertrauensniveau hoch", "Bescheid");
        row.findElement(By.cssSelector("a.sk-postfach-open")).click();

        // Sender and date, no content; the page offers the login that opens it.
        Chromium.await(browser, By.id("sk-postfach-locked"));
        AccountConsole.awaitText(browser, By.id("sk-postfach-from"), authorityName);
        assertThat(browser.findElement(By.cssSelector("#sk-postfach-date time")).getAttribute("datetime")).isNotBlank();
        assertThat(browser.findElements(By.id("sk-postfach-body"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getText()).doesNotContain(subject).doesNotContain("0 Euro");
        assertThat(absent(ok(pf.get(clerkToken, receiptPath)).path("firstRetrievedAt"))).as("locked is not retrieved").isTrue();
        String messageAddress = browser.getCurrentUrl();
        Chromium.screenshot(browser, "postfach-locked-de");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Postfach locked message (de)");

        // The step-up: Keycloak asks for the ID card, the simulated eID client reads Erika's card, back to the message.
        browser.findElement(By.id("sk-postfach-step-up")).click();
        Chromium.await(browser, By.id("sk-eid-start")).click();
        new WebDriverWait(browser, WAIT).until(d -> d.findElement(
                By.xpath("//a[contains(@href,'identity=erika') and not(contains(@href,'erika-new-card'))]"))).click();
        new WebDriverWait(browser, WAIT).until(d -> d.getCurrentUrl().startsWith(messageAddress)
                || !d.findElements(By.id("sk-eid-confirm")).isEmpty());
        if (!browser.findElements(By.id("sk-eid-confirm")).isEmpty()) {
            List<WebElement> password = browser.findElements(By.id("sk-eid-confirm-password"));
            if (!password.isEmpty()) {
                password.get(0).sendKeys(Citizens.PASSWORD);
            }
            browser.findElement(By.id("sk-eid-confirm")).click();
        }
        Chromium.awaitAddress(browser, messageAddress);
        AccountConsole.awaitText(browser, By.id("sk-postfach-body"), "Festgesetzte Steuer: 0 Euro.");
        AccountConsole.awaitHeading(browser, subject);

        // The receipt the authority fetches names the retrieval, as the page does.
        JsonNode evidence = ok(pf.get(clerkToken, receiptPath));
        assertThat(absent(evidence.path("firstRetrievedAt"))).isFalse();
        assertThat(browser.findElement(By.cssSelector("#sk-postfach-notice-retrieved time")).getAttribute("datetime"))
                .isEqualTo(evidence.path("firstRetrievedAt").asText());
        Chromium.screenshot(browser, "postfach-stepped-up-de");

        // The citizen's own proof of delivery, offered on the page: the same evidence, signed for the same notice
        // (PostfachNoticeIT verifies the signature against the realm's keys).
        JsonNode own = Json.parse(new String(AccountConsole.downloadedBytes(browser, By.id("sk-postfach-receipt")), StandardCharsets.UTF_8));
        for (String member : List.of("messageRef", "providedAt", "firstRetrievedAt", "deemedNotifiedAt", "authority", "recipient")) {
            assertThat(own.path(member).asText()).as(member).isEqualTo(evidence.path(member).asText()).isNotEmpty();
        }
        String[] jws = own.path("receipt").asText().split("\\.");
        assertThat(jws).hasSize(3);
        JsonNode claims = Json.parse(new String(Base64.getUrlDecoder().decode(jws[1]), StandardCharsets.UTF_8));
        assertThat(claims.path("firstRetrievedAt").asText()).isEqualTo(evidence.path("firstRetrievedAt").asText());
        assertThat(claims.path("sub").asText()).isEqualTo(evidence.path("messageRef").asText());
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Postfach notice opened (de)");
    }

    @Test
    void givenTwelveMessagesThenPagingSearchArchiveTrashRestoreAndTheKeyboardPathWork(ServicekontoServer server,
                                                                                    ChromeDriver browser) {
        String[] citizen = pf.account("Karl");
        String clerkToken = pf.token(clerk[0]);
        for (int i = 1; i <= 12; i++) {
            pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", (i == 3 ? "Wasserzähler ablesen " : "Mitteilung ") + String.format("%02d", i), "body", "Text " + i));
        }

        AccountConsole.logIn(server, browser, citizen[0], AccountConsole.url(server) + "postfach");
        firstRow(browser);
        assertThat(subjects(browser)).hasSize(10).startsWith("Mitteilung 12", "Mitteilung 11");
        assertThat(browser.findElement(By.id("sk-postfach-folder-inbox")).getText()).isEqualTo("Posteingang (12 ungelesen)");
        browser.findElement(By.id("sk-postfach-older")).click();
        awaitSubjects(browser, List.of("Mitteilung 02", "Mitteilung 01"));
        AccountConsole.awaitText(browser, By.id("sk-postfach-paging-top"), "Seite 2");
        browser.findElement(By.id("sk-postfach-newer")).click();
        new WebDriverWait(browser, WAIT).until(d -> subjects(browser).size() == 10);

        // Search by subject, then by sender: the API filters, the list shows its answer.
        browser.findElement(By.id("sk-postfach-q")).sendKeys("wasserzähler");
        browser.findElement(By.id("sk-postfach-search")).click();
        awaitSubjects(browser, List.of("Wasserzähler ablesen 03"));
        browser.findElement(By.id("sk-postfach-search-reset")).click();
        new WebDriverWait(browser, WAIT).until(d -> subjects(browser).size() == 10);
        browser.findElement(By.id("sk-postfach-sender")).sendKeys("Niemandsamt");
        browser.findElement(By.id("sk-postfach-search")).click();
        AccountConsole.awaitText(browser, By.cssSelector("main .pf-v5-c-empty-state"), "Keine passende Nachricht");
        browser.findElement(By.id("sk-postfach-search-reset")).click();
        new WebDriverWait(browser, WAIT).until(d -> subjects(browser).size() == 10);

        // Keyboard only: Tab to the first message's link (focus visible), Enter opens it.
        browser.findElement(By.tagName("body")).click();
        WebElement focused = null;
        for (int i = 0; i < 80; i++) {
            browser.switchTo().activeElement().sendKeys(Keys.TAB);
            WebElement active = browser.switchTo().activeElement();
            if (active.getAttribute("class") != null && active.getAttribute("class").contains("sk-postfach-open")) {
                focused = active;
                break;
            }
        }
        assertThat(focused).as("a message link is reachable with Tab").isNotNull();
        assertThat(focused.getText()).isEqualTo("Mitteilung 12");
        String outline = (String) browser.executeScript(
                "const s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth;", focused);
        assertThat(outline).as("focus is visible").doesNotStartWith("none").doesNotEndWith(" 0px");
        focused.sendKeys(Keys.ENTER);
        AccountConsole.awaitText(browser, By.id("sk-postfach-body"), "Text 12");

        // Archive, trash, restore.
        browser.findElement(By.id("sk-postfach-archive")).click();
        AccountConsole.awaitText(browser, By.id("sk-postfach-done"), "Archiv");
        String id = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        String citizenToken = pf.token(citizen[0]);
        assertThat(ok(pf.get(citizenToken, "/mailboxes/me/messages/" + id)).path("folder").asText()).isEqualTo("archive");
        Chromium.await(browser, By.id("sk-postfach-delete")).click();
        Chromium.await(browser, By.id("sk-postfach-restore"));
        AccountConsole.awaitText(browser, By.id("sk-postfach-done"), "Papierkorb");
        assertThat(ok(pf.get(citizenToken, "/mailboxes/me/messages/" + id)).path("folder").asText()).isEqualTo("trash");
        browser.findElement(By.id("sk-postfach-back")).click();
        Chromium.await(browser, By.id("sk-postfach-folder-trash")).click();
        awaitSubjects(browser, List.of("Mitteilung 12"));
        browser.findElement(By.cssSelector("a.sk-postfach-open")).click();
        Chromium.await(browser, By.id("sk-postfach-restore")).click();
        AccountConsole.awaitText(browser, By.id("sk-postfach-done"), "wiederhergestellt");
        assertThat(ok(pf.get(citizenToken, "/mailboxes/me/messages/" + id)).path("folder").asText()).isEqualTo("archive");
        browser.findElement(By.id("sk-postfach-back")).click();
        Chromium.await(browser, By.id("sk-postfach-folder-archive")).click();
        awaitSubjects(browser, List.of("Mitteilung 12"));
    }

    @Test
    void givenOrganisationAdministratorInEnglishThenTheMailboxSwitchShowsTheOrganisationsMessagesAndEveryStatePassesAxe(
            ServicekontoServer server, ChromeDriver browser) {
        String[] admin = pf.account("Olga");
        english(server, admin[1]);
        String orgPortal = PostfachFixture.portalClient(server, Map.of("sk.organisations.accountApi", "true"));
        String orgName = "Muster GmbH " + suffix();
        String org = organisation(server, pf.token(admin[0], PostfachFixture.SCOPES, orgPortal), orgName);
        String clerkToken = pf.token(clerk[0]);
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "organisation", "id", org),
                "subject", "Gewerbeanmeldung bestätigt", "body", "Die Anmeldung ist eingetragen."));
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", admin[1]),
                "subject", "Personal matter", "body", "For you."));
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", admin[1]),
                "subject", "Locked matter", "body", "Needs the card.", "minimumTrustLevel", "hoch"));

        AccountConsole.logIn(server, browser, admin[0], AccountConsole.url(server) + "postfach");
        firstRow(browser);
        AccountConsole.awaitHeading(browser, "Mailbox");
        assertThat(subjects(browser)).containsExactly("Locked: a stronger sign-in is needed", "Personal matter");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Postfach list (en)");

        // The switch to the organisation's mailbox.
        Select mailbox = new Select(Chromium.await(browser, By.id("sk-postfach-mailbox")));
        assertThat(mailbox.getOptions()).extracting(WebElement::getText)
                .containsExactly("My mailbox", "Organisation: " + orgName);
        mailbox.selectByVisibleText("Organisation: " + orgName);
        awaitSubjects(browser, List.of("Gewerbeanmeldung bestätigt"));
        assertThat(browser.getCurrentUrl()).contains("box=" + org);
        browser.findElement(By.cssSelector("a.sk-postfach-open")).click();
        AccountConsole.awaitText(browser, By.id("sk-postfach-body"), "Die Anmeldung ist eingetragen.");
        assertThat(browser.getCurrentUrl()).isEqualTo(AccountConsole.url(server) + "postfach/" + org + "/"
                + ok(pf.get(pf.token(admin[0], PostfachFixture.SCOPES, orgPortal), "/mailboxes/" + org + "/messages"))
                        .path("messages").get(0).path("id").asText());
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Postfach message (en)");

        // Back to the person's own mailbox: the locked message, and the form for a new message.
        browser.findElement(By.id("sk-postfach-back")).click();
        new Select(Chromium.await(browser, By.id("sk-postfach-mailbox"))).selectByVisibleText("My mailbox");
        awaitSubjects(browser, List.of("Locked: a stronger sign-in is needed", "Personal matter"));
        browser.findElement(By.cssSelector("a.sk-postfach-open")).click();
        AccountConsole.awaitText(browser, By.id("sk-postfach-locked"), "This message needs a stronger sign-in.");
        Chromium.screenshot(browser, "postfach-locked-en");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Postfach locked message (en)");
        browser.findElement(By.id("sk-postfach-back")).click();
        Chromium.await(browser, By.id("sk-postfach-new")).click();
        Select to = new Select(Chromium.await(browser, By.id("sk-postfach-compose-to")));
        new WebDriverWait(browser, WAIT).until(d -> to.getOptions().stream().anyMatch(o -> o.getText().equals(authorityName)));
        to.selectByVisibleText(authorityName);
        browser.findElement(By.id("sk-postfach-compose-subject")).sendKeys("Question about my application");
        browser.findElement(By.id("sk-postfach-compose-body")).sendKeys("When will it be decided?");
        Chromium.screenshot(browser, "postfach-compose-en");
        AccountConsole.assertNoSeriousAccessibilityViolation(browser, "Postfach new message (en)");
        browser.findElement(By.id("sk-postfach-compose-send")).click();
        AccountConsole.awaitText(browser, By.id("sk-postfach-sent"), "Your message has been sent.");
        JsonNode received = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages")).path("messages").get(0);
        assertThat(received.path("subject").asText()).isEqualTo("Question about my application");
        assertThat(received.path("sender").path("id").asText()).isEqualTo(admin[1]);
    }

    @Test
    void givenPortalTokenWithAudienceAccountButWithoutPostfachScopesThenThePostfachRefusesIt() {
        String[] citizen = pf.account("Rita");
        // A portal's token for the same person carries Keycloak's account roles (audience account), as the
        // console's does, but it is not the console's: azp is the portal.
        String portalToken = pf.token(citizen[0], "openid");
        JsonNode claims = Json.jwtClaims(portalToken);
        assertThat(claims.path("aud").toString()).contains("\"account\"").doesNotContain("postfach");
        assertThat(claims.path("resource_access").path("account").path("roles").toString()).contains("manage-account");
        assertThat(claims.path("azp").asText()).isEqualTo(pf.portal());
        de.servicekonto.it.support.PostfachFixture.refused(pf.get(portalToken, "/mailboxes/me/folders"), 401, "unauthorized");
        de.servicekonto.it.support.PostfachFixture.refused(pf.get(portalToken, "/mailboxes/me/messages"), 401, "unauthorized");
    }

    // --- helpers ---

    private static String fachverfahrenClient;

    private static synchronized String fachverfahren() {
        if (fachverfahrenClient == null) {
            fachverfahrenClient = pf.fachverfahren(authority);
        }
        return fachverfahrenClient;
    }

    private static WebElement firstRow(ChromeDriver browser) {
        return new WebDriverWait(browser, WAIT).until(d -> d.findElements(ROWS).stream().findFirst().orElse(null));
    }

    private static List<String> subjects(ChromeDriver browser) {
        List<String> subjects = new ArrayList<>();
        for (WebElement row : browser.findElements(ROWS)) {
            subjects.add(AccountConsole.cells(row).get(2));
        }
        return subjects;
    }

    private static void awaitSubjects(ChromeDriver browser, List<String> expected) {
        try {
            new WebDriverWait(browser, WAIT).until(d -> {
                try {
                    return subjects(browser).equals(expected);
                } catch (org.openqa.selenium.StaleElementReferenceException e) {
                    return false;
                }
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected " + expected + " but the list shows " + subjects(browser)
                    + " (screenshot " + Chromium.screenshot(browser, "failed-postfach-subjects") + ")", e);
        }
    }

    private static String inboxId(String username, String subject) {
        for (JsonNode message : ok(pf.get(pf.token(username), "/mailboxes/me/messages")).path("messages")) {
            if (subject.equals(message.path("subject").asText())) {
                return message.path("id").asText();
            }
        }
        throw new AssertionError("no " + subject);
    }

    private static JsonNode ok201(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Json.parse(response.body());
    }

    private static byte[] pdf() {
        byte[] head = "%PDF-1.4\n% Servicekonto Test\n".getBytes(StandardCharsets.US_ASCII);
        byte[] random = new byte[3000];
        new java.util.Random(7).nextBytes(random);
        byte[] all = new byte[head.length + random.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(random, 0, all, head.length, random.length);
        return all;
    }

    private static byte[] png() {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        byte[] random = new byte[1500];
        new java.util.Random(11).nextBytes(random);
        byte[] all = new byte[signature.length + random.length];
        System.arraycopy(signature, 0, all, 0, signature.length);
        System.arraycopy(random, 0, all, signature.length, random.length);
        return all;
    }

    /** The account's saved language English: the server renders the console in it. */
    private static void english(ServicekontoServer server, String userId) {
        ObjectNode user = (ObjectNode) server.admin().get("/realms/servicekonto/users/" + userId);
        ObjectNode attributes = user.has("attributes") ? (ObjectNode) user.get("attributes") : user.putObject("attributes");
        attributes.putArray("locale").add("en");
        HttpResponse<String> updated = server.admin().put("/realms/servicekonto/users/" + userId, user);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    /** Registers an organisation through the organisations account API; the caller becomes its administrator. */
    private static String organisation(ServicekontoServer server, String bearer, String name) {
        Map<String, Object> data = Registrations.organisation(name);
        HttpResponse<String> created = Http.send(HTTP, HttpRequest.newBuilder(
                        URI.create(server.realmUri() + "/sk-organisations/organisations"))
                .header("Accept", "application/json").header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(data))).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).path("id").asText();
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
