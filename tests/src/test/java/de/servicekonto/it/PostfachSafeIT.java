package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static de.servicekonto.it.support.PostfachFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.SafeCalls;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Postfach with the Dokumentensafe through the real server (docs/postfach.md, "With the Dokumentensafe"): attach
 * a document of the safe, save an attachment and a notice with its receipt into the safe, an authority's delivery
 * into the safe (and the notice delivered when the safe is full), each byte for byte, with another person's ids 404,
 * the safe's scope required and the activity log written; and messages between two authorities.
 */
@ServicekontoServerTest
class PostfachSafeIT {

    private static final String ALL_SCOPES = "openid postfach:read postfach:send dokumentensafe:read dokumentensafe:write";
    private static PostfachFixture pf;
    private static SafeCalls safes;
    private static ServicekontoServer server;
    private static String portal;
    private static String[] clerk;
    private static String authority;

    @BeforeAll
    static void aPortalForBothAndAnAuthority(ServicekontoServer server) {
        PostfachSafeIT.server = server;
        pf = new PostfachFixture(server);
        safes = new SafeCalls(server);
        portal = PostfachFixture.withSafeScopes(server, PostfachFixture.portalClient(server, Map.of()));
        clerk = pf.account("Amtsrat");
        authority = pf.authority("Ordnungsamt", true, clerk[1]);
    }

    @Test
    void givenADocumentOfTheSafeWhenAttachedThenTheAuthorityReceivesItByteForByteAndOthersIdsAreNotFound() {
        String[] citizen = pf.account("Sabine");
        String token = pf.token(citizen[0], ALL_SCOPES, portal);
        byte[] pdf = PostfachIT.pdf(70_000);
        String document = upload(token, "Antrag Anlage.pdf", pdf).path("id").asText();

        JsonNode sent = pf.send(token, "me", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "Antrag mit Anlage aus dem Safe", "body", "siehe Anlage",
                "attachments", List.of(Map.of("fromSafe", document))));
        assertThat(sent.path("attachmentCount").asInt()).isEqualTo(1);

        String clerkToken = pf.token(clerk[0]);
        String inboxId = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages")).path("messages").get(0)
                .path("id").asText();
        JsonNode message = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages/" + inboxId));
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("filename").asText()).isEqualTo("Antrag Anlage.pdf");
        assertThat(attachment.path("size").asLong()).isEqualTo(pdf.length);
        HttpResponse<byte[]> received = pf.getBytes(clerkToken, "/mailboxes/" + authority + "/messages/" + inboxId
                + "/attachments/" + attachment.path("id").asText());
        assertThat(received.statusCode()).isEqualTo(200);
        assertThat(received.body()).isEqualTo(pdf);
        // The document stays in the safe: a copy, not a move.
        assertThat(safe(token, "GET", "/documents/" + document + "/content").statusCode()).isEqualTo(200);

        // Another person's document id is not found, exactly as an unknown one; nothing is sent.
        String[] other = pf.account("Otto");
        String otherToken = pf.token(other[0], ALL_SCOPES, portal);
        Map<String, Object> foreign = Map.of("to", Map.of("kind", "authority", "id", authority), "subject", "fremd",
                "body", "b", "attachments", List.of(Map.of("fromSafe", document)));
        refused(pf.post(otherToken, "/mailboxes/me/messages", foreign), 404, "not_found");
        refused(pf.post(otherToken, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "s", "body", "b", "attachments", List.of(Map.of("fromSafe", "00000000-0000-0000-0000-000000000000")))),
                404, "not_found");
        assertThat(ok(pf.get(otherToken, "/mailboxes/me/messages?folder=sent")).path("messages")).isEmpty();
        // A portal token with the Postfach's scopes only does not reach the safe through the Postfach.
        refused(pf.post(pf.token(citizen[0]), "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id",
                authority), "subject", "s", "body", "b", "attachments", List.of(Map.of("fromSafe", document)))),
                403, "insufficient_scope");
        // A type of the safe the Postfach does not carry is refused with the Postfach's code.
        String text = upload(token, "Notiz.txt", "eine Notiz".getBytes(StandardCharsets.UTF_8), "text/plain").path("id").asText();
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "s", "body", "b", "attachments", List.of(Map.of("fromSafe", text)))), 415,
                "attachment_type_not_allowed");
        // Above the Postfach's attachment limit: its own code, checked against the safe's recorded size before the
        // safe copies anything out.
        server.setRealmAttribute("sk.postfach.maxAttachmentBytes", "50000");
        try {
            refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                    "subject", "s", "body", "b", "attachments", List.of(Map.of("fromSafe", document)))), 413,
                    "attachment_too_large");
        } finally {
            server.setRealmAttribute("sk.postfach.maxAttachmentBytes", String.valueOf(2 * 1024 * 1024));
        }
        // The authority's mailbox has no safe.
        refused(pf.post(pf.token(clerk[0], ALL_SCOPES, portal), "/mailboxes/" + authority + "/messages", Map.of(
                "to", Map.of("kind", "user", "id", citizen[1]), "subject", "s", "body", "b",
                "attachments", List.of(Map.of("fromSafe", document)))), 409, "safe_unavailable");

        // The attach is logged as a share into the Postfach (once: the refused attempts left nothing); the one
        // download is the test's own GET of the content above.
        assertThat(activity(citizen[1])).filteredOn(entry -> entry.endsWith(" " + document)).containsExactly(
                "DOCUMENT_UPLOADED " + document, "DOCUMENT_SHARED " + document, "DOCUMENT_DOWNLOADED " + document);
        assertThat(activity(other[1])).noneMatch(entry -> entry.startsWith("DOCUMENT_SHARED"));
    }

    @Test
    void givenANoticeThenItsAttachmentAndTheNoticeWithItsReceiptAreSavedIntoTheSafe() {
        String[] citizen = pf.account("Karl");
        String clerkToken = pf.token(clerk[0]);
        byte[] pdf = PostfachIT.pdf(12_345);
        String upload = Json.parse(pf.upload(clerkToken, authority, "Bescheid.pdf", "application/pdf", pdf).body())
                .path("id").asText();
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]), "subject", "Gebührenbescheid",
                "body", "Hiermit wird festgesetzt.", "notice", true, "attachments", List.of(upload)));
        String token = pf.token(citizen[0], ALL_SCOPES, portal);
        String inboxId = ok(pf.get(token, "/mailboxes/me/messages")).path("messages").get(0).path("id").asText();
        String attachmentId = ok(pf.get(token, "/mailboxes/me/messages/" + inboxId)).path("attachments").get(0)
                .path("id").asText();

        HttpResponse<String> saved = pf.post(token, "/mailboxes/me/messages/" + inboxId + "/attachments/" + attachmentId
                + "/save-to-safe", (String) null);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        String document = Json.parse(saved.body()).path("documentIds").get(0).asText();
        HttpResponse<byte[]> content = safeBytes(token, "/documents/" + document + "/content");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(pdf);

        HttpResponse<String> notice = pf.post(token, "/mailboxes/me/messages/" + inboxId + "/save-to-safe", (String) null);
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(201);
        JsonNode ids = Json.parse(notice.body()).path("documentIds");
        assertThat(ids).hasSize(2);
        String receiptText = new String(safeBytes(token, "/documents/" + ids.get(0).asText() + "/content").body(),
                StandardCharsets.UTF_8);
        assertThat(receiptText).contains("Gebührenbescheid").contains("Hiermit wird festgesetzt.")
                .contains("Zustellnachweis").contains("Erstmals abgerufen / First retrieved: 20")
                .contains("Bescheid.pdf");
        assertThat(receiptText.lines().filter(line -> line.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")))
                .as("the signed receipt").hasSize(1);
        assertThat(safeBytes(token, "/documents/" + ids.get(1).asText() + "/content").body()).isEqualTo(pdf);
        String folder = folder(token, "Bescheide");
        assertThat(Json.parse(safe(token, "GET", "/documents?folder=" + folder).body()).path("documents"))
                .extracting(d -> d.path("id").asText()).containsExactlyInAnyOrder(ids.get(0).asText(), ids.get(1).asText());

        // A folder this safe does not have (another safe's, or none): 404 before the message is opened, nothing stored.
        int documents = Json.parse(safe(token, "GET", "/").body()).path("documents").asInt();
        String noFolder = java.util.UUID.randomUUID().toString();
        refused(pf.post(token, "/mailboxes/me/messages/" + inboxId + "/save-to-safe?folder=" + noFolder, (String) null),
                404, "not_found");
        refused(pf.post(token, "/mailboxes/me/messages/" + inboxId + "/attachments/" + attachmentId
                + "/save-to-safe?folder=" + noFolder, (String) null), 404, "not_found");
        assertThat(Json.parse(safe(token, "GET", "/").body()).path("documents").asInt()).isEqualTo(documents);

        // Another person's message or attachment id is not found; without the safe's write scope: 403.
        String[] other = pf.account("Olga");
        String otherToken = pf.token(other[0], ALL_SCOPES, portal);
        refused(pf.post(otherToken, "/mailboxes/me/messages/" + inboxId + "/save-to-safe", (String) null), 404, "not_found");
        refused(pf.post(otherToken, "/mailboxes/me/messages/" + inboxId + "/attachments/" + attachmentId + "/save-to-safe",
                (String) null), 404, "not_found");
        refused(pf.post(pf.token(citizen[0]), "/mailboxes/me/messages/" + inboxId + "/save-to-safe", (String) null),
                403, "insufficient_scope");
        assertThat(activity(citizen[1])).contains("DOCUMENT_SAVED_FROM_POSTFACH " + document,
                "DOCUMENT_SAVED_FROM_POSTFACH " + ids.get(0).asText(), "DOCUMENT_SAVED_FROM_POSTFACH " + ids.get(1).asText())
                .noneMatch(entry -> entry.startsWith("DOCUMENT_UPLOADED"));

        // A full safe: 413 quota_exceeded and nothing stored.
        server.setRealmAttribute("sk.dokumentensafe.quotaBytes", "30000");
        try {
            int before = Json.parse(safe(token, "GET", "/").body()).path("documents").asInt();
            refused(pf.post(token, "/mailboxes/me/messages/" + inboxId + "/save-to-safe", (String) null), 413, "quota_exceeded");
            assertThat(Json.parse(safe(token, "GET", "/").body()).path("documents").asInt()).isEqualTo(before);
        } finally {
            server.setRealmAttribute("sk.dokumentensafe.quotaBytes", String.valueOf(500L * 1024 * 1024));
        }
    }

    @Test
    void givenAnAttachmentAlteredInTheDatabaseThenSavingItIntoTheSafeIsAContentIntegrityConflictAndStoresNothing()
            throws Exception {
        String[] citizen = pf.account("Vera");
        String clerkToken = pf.token(clerk[0]);
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]), "subject", "Bescheid",
                "body", "mit Anlage", "attachments", List.of(staged(clerkToken, "Anlage.pdf", PostfachIT.pdf(9_000)))));
        String token = pf.token(citizen[0], ALL_SCOPES, portal);
        String inboxId = ok(pf.get(token, "/mailboxes/me/messages")).path("messages").get(0).path("id").asText();
        String attachmentId = ok(pf.get(token, "/mailboxes/me/messages/" + inboxId)).path("attachments").get(0)
                .path("id").asText();
        try (Connection db = server.writableDatabase()) {
            byte[] content;
            try (var read = db.prepareStatement("select CONTENT from SK_PF_ATTACHMENT where ID = ?")) {
                read.setString(1, attachmentId);
                try (ResultSet rs = read.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    content = rs.getBytes(1);
                }
            }
            content[content.length - 20] ^= 1;
            try (var update = db.prepareStatement("update SK_PF_ATTACHMENT set CONTENT = ? where ID = ?")) {
                update.setBytes(1, content);
                update.setString(2, attachmentId);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
        }
        refused(pf.post(token, "/mailboxes/me/messages/" + inboxId + "/attachments/" + attachmentId + "/save-to-safe",
                (String) null), 409, "content_integrity");
        assertThat(Json.parse(safe(token, "GET", "/").body()).path("documents").asInt()).isZero();
        assertThat(activity(citizen[1])).noneMatch(entry -> entry.startsWith("DOCUMENT_SAVED_FROM_POSTFACH"));
    }

    @Test
    void givenANoticeDeliveredIntoTheSafeThenItsAttachmentsAreInBescheideAndAFullSafeStillGetsTheNotice() {
        String[] citizen = pf.account("Ilse");
        String clerkToken = pf.token(clerk[0]);
        byte[] first = PostfachIT.pdf(20_000);
        byte[] second = PostfachIT.pdf(5_000);
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Bescheid", "body", "in den Safe", "notice", true, "intoSafe", true,
                "attachments", List.of(staged(clerkToken, "Bescheid.pdf", first), staged(clerkToken, "Anlage.pdf", second))));
        assertThat(sent.path("safeCopy").path("stored").asBoolean()).as(sent.toString()).isTrue();
        JsonNode ids = sent.path("safeCopy").path("documentIds");
        assertThat(ids).hasSize(2);
        String token = pf.token(citizen[0], ALL_SCOPES, portal);
        String folder = folder(token, "Bescheide");
        JsonNode listed = Json.parse(safe(token, "GET", "/documents?folder=" + folder).body()).path("documents");
        assertThat(listed).extracting(d -> d.path("name").asText()).containsExactlyInAnyOrder("Bescheid.pdf", "Anlage.pdf");
        assertThat(safeBytes(token, "/documents/" + ids.get(0).asText() + "/content").body()).isEqualTo(first);
        assertThat(safeBytes(token, "/documents/" + ids.get(1).asText() + "/content").body()).isEqualTo(second);
        assertThat(activity(citizen[1])).contains("DOCUMENT_SAVED_FROM_POSTFACH " + ids.get(0).asText(),
                "DOCUMENT_SAVED_FROM_POSTFACH " + ids.get(1).asText());

        // Full: the notice is delivered, the answer says the copy failed, and the safe holds nothing of it.
        server.setRealmAttribute("sk.dokumentensafe.quotaBytes", "30000");
        try {
            JsonNode full = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", "Zweiter Bescheid", "body", "passt nicht", "notice", true, "intoSafe", true,
                    "attachments", List.of(staged(clerkToken, "Zweiter.pdf", PostfachIT.pdf(8_000)))));
            assertThat(full.path("safeCopy").path("stored").asBoolean()).isFalse();
            assertThat(full.path("safeCopy").path("error").asText()).isEqualTo("quota_exceeded");
            assertThat(ok(pf.get(token, "/mailboxes/me/messages")).path("messages")).hasSize(2);
            assertThat(Json.parse(safe(token, "GET", "/").body()).path("documents").asInt()).isEqualTo(2);
        } finally {
            server.setRealmAttribute("sk.dokumentensafe.quotaBytes", String.valueOf(500L * 1024 * 1024));
        }
        // Only with a notice.
        refused(pf.post(clerkToken, "/mailboxes/" + authority + "/messages", Map.of("to", Map.of("kind", "user", "id",
                citizen[1]), "subject", "s", "body", "b", "intoSafe", true)), 400, "invalid_request");
    }

    @Test
    void givenAnUploadSessionReservingNearlyTheWholeQuotaThenANoticeIntoTheSafeIsDeliveredWithoutTheCopy() {
        String[] citizen = pf.account("Greta");
        String token = pf.token(citizen[0], ALL_SCOPES, portal);
        String clerkToken = pf.token(clerk[0]);
        server.setRealmAttribute("sk.dokumentensafe.quotaBytes", "30000");
        String session = null;
        try {
            HttpResponse<String> begun = safeJson(token, "POST", "/uploads", Map.of("filename", "gross.pdf",
                    "size", 29_000, "contentType", "application/pdf"));
            assertThat(begun.statusCode()).as(begun.body()).isEqualTo(201);
            session = Json.parse(begun.body()).path("id").asText();

            // The safe stores nothing yet, but the session reserves 29000 of 30000 bytes: the copy does not fit, and
            // the authority's notice is delivered all the same.
            JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", "Bescheid trotz Reservierung", "body", "zugestellt", "notice", true, "intoSafe", true,
                    "attachments", List.of(staged(clerkToken, "Bescheid.pdf", PostfachIT.pdf(8_000)))));
            assertThat(sent.path("safeCopy").path("stored").asBoolean()).as(sent.toString()).isFalse();
            assertThat(sent.path("safeCopy").path("error").asText()).isEqualTo("quota_exceeded");
            assertThat(ok(pf.get(token, "/mailboxes/me/messages")).path("messages"))
                    .extracting(m -> m.path("subject").asText()).containsExactly("Bescheid trotz Reservierung");
            JsonNode usage = Json.parse(safe(token, "GET", "/").body());
            assertThat(usage.path("documents").asInt()).isZero();
            assertThat(usage.path("usedBytes").asLong()).isZero();
            assertThat(usage.path("reservedBytes").asLong()).isEqualTo(29_000);
            assertThat(Json.parse(safe(token, "GET", "/folders").body()).path("folders")).as("not even the folder").isEmpty();
            assertThat(activity(citizen[1])).noneMatch(entry -> entry.startsWith("DOCUMENT_SAVED_FROM_POSTFACH"));
        } finally {
            if (session != null) {
                assertThat(safe(token, "DELETE", "/uploads/" + session).statusCode()).isEqualTo(204);
            }
            server.setRealmAttribute("sk.dokumentensafe.quotaBytes", String.valueOf(500L * 1024 * 1024));
        }
    }

    @Test
    void givenAHochNoticeDeliveredIntoTheSafeThenANiedrigSessionSeesItLockedAndNeedsAStepUpAndAHochSessionReadsIt() {
        OidcFlow flow = new OidcFlow(server.realmUri(), portal, "secret-" + portal, ServicekontoServer.DEMO_OIDC_REDIRECT);
        String high = flow.exchange(flow.callback(EidLogin.readCardAndConfirm(flow.browser(), flow.authorize(Map.of(
                "acr_values", PostfachFixture.HIGH, "scope", ALL_SCOPES)), "erika")).get("code")).path("access_token").asText();
        JsonNode claims = Json.jwtClaims(high);
        String citizen = claims.path("sub").asText();
        // The same account with a password: a password login is niedrig (what an attacker knowing it gets).
        HttpResponse<String> reset = server.admin().put("/realms/servicekonto/users/" + citizen + "/reset-password",
                Map.of("type", "password", "value", PostfachFixture.PASSWORD, "temporary", false));
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(204);
        String low = pf.token(claims.path("preferred_username").asText(), ALL_SCOPES, portal);
        assertThat(Json.jwtClaims(low).path("acr").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");

        String clerkToken = pf.token(clerk[0]);
        byte[] pdf = PostfachIT.pdf(4_000);
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen),
                "subject", "Bescheid", "body", "vertraulich", "notice", true, "intoSafe", true, "minimumTrustLevel", "hoch",
                "attachments", List.of(staged(clerkToken, "Steuerbescheid-hoch.pdf", pdf))));
        assertThat(sent.path("safeCopy").path("stored").asBoolean()).as(sent.toString()).isTrue();
        String id = sent.path("safeCopy").path("documentIds").get(0).asText();

        String folder = folder(low, "Bescheide");
        HttpResponse<String> lowList = safe(low, "GET", "/documents?folder=" + folder);
        assertThat(lowList.body()).doesNotContain("Steuerbescheid-hoch");
        JsonNode locked = Json.parse(lowList.body()).path("documents").get(0);
        assertThat(locked.path("id").asText()).isEqualTo(id);
        assertThat(locked.path("locked").asBoolean()).isTrue();
        assertThat(locked.path("requiredLevel").asText()).isEqualTo("hoch");
        assertThat(locked.path("name").isTextual()).as("no name").isFalse();
        HttpResponse<byte[]> refusedDownload = safeBytes(low, "/documents/" + id + "/content");
        assertThat(refusedDownload.statusCode()).isEqualTo(401);
        assertThat(new String(refusedDownload.body(), StandardCharsets.UTF_8)).contains("step_up_required");
        assertThat(refusedDownload.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_user_authentication\"").contains("acr_values=\"" + PostfachFixture.HIGH + "\"");
        assertThat(safe(low, "GET", "/documents?q=Steuer").body()).doesNotContain(id);
        // Every other action on it asks for the same step-up: a password session can neither rename, move, delete
        // (into the trash) nor restore it.
        String[][] actions = {{"POST", "/documents/" + id + "/rename", "{\"name\":\"anders.pdf\"}"},
                {"POST", "/documents/" + id + "/move", "{\"folder\":null}"}, {"DELETE", "/documents/" + id, null},
                {"POST", "/documents/" + id + "/restore", null}};
        for (String[] action : actions) {
            stepUpRequired(safeJson(low, action[0], action[1], action[2]));
        }

        assertThat(safe(high, "GET", "/documents?folder=" + folder).body()).as("still there, in its folder, named")
                .contains("Steuerbescheid-hoch.pdf");
        assertThat(safeBytes(high, "/documents/" + id + "/content").body()).isEqualTo(pdf);
        // Put in the trash by the eID session: the password session cannot take it out either.
        assertThat(safe(high, "DELETE", "/documents/" + id).statusCode()).isEqualTo(200);
        stepUpRequired(safeJson(low, "POST", "/documents/" + id + "/restore", null));
        assertThat(safe(high, "POST", "/documents/" + id + "/restore").statusCode()).isEqualTo(204);

        // Attached from the safe by the eID session to a message that asks no level: the message takes the document's
        // level, so the password session can read neither the attachment nor the text in the sent folder, and the
        // authority's copy needs hoch as well.
        JsonNode answer = pf.send(high, "me", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "Widerspruch", "body", "anbei der Bescheid", "attachments", List.of(Map.of("fromSafe", id))));
        assertThat(answer.path("minimumTrustLevel").asText()).as(answer.toString()).isEqualTo("hoch");
        String sentId = ok(pf.get(high, "/mailboxes/me/messages?folder=sent")).path("messages").get(0).path("id").asText();
        JsonNode sentCopy = ok(pf.get(high, "/mailboxes/me/messages/" + sentId));
        String attachmentPath = "/mailboxes/me/messages/" + sentId + "/attachments/"
                + sentCopy.path("attachments").get(0).path("id").asText();
        assertThat(pf.getBytes(high, attachmentPath).body()).isEqualTo(pdf);
        HttpResponse<byte[]> lowAttachment = pf.getBytes(low, attachmentPath);
        assertThat(lowAttachment.statusCode()).as(new String(lowAttachment.body(), StandardCharsets.UTF_8)).isEqualTo(401);
        assertThat(new String(lowAttachment.body(), StandardCharsets.UTF_8)).contains("step_up_required");
        assertThat(pf.get(low, "/mailboxes/me/messages/" + sentId).statusCode()).isEqualTo(401);
    }

    private static void stepUpRequired(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(Json.parse(refused.body()).path("error").asText()).isEqualTo("step_up_required");
        assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
                .contains("error=\"insufficient_user_authentication\"").contains("acr_values=\"" + PostfachFixture.HIGH + "\"");
    }

    private static HttpResponse<String> safeJson(String token, String method, String path, String json) {
        return safes.call(token, method, "/me" + path, json);
    }

    @Test
    void givenTwoAuthoritiesThenTheyWriteToEachOtherButSendNoNotice() {
        String[] otherClerk = pf.account("Amtmann");
        String other = pf.authority("Bauordnungsamt", true, otherClerk[1]);
        String clerkToken = pf.token(clerk[0]);
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "authority", "id", other),
                "subject", "Bitte um Stellungnahme", "body", "Az 12-34"));
        assertThat(sent.path("recipientName").asText()).startsWith("Bauordnungsamt");
        String otherToken = pf.token(otherClerk[0]);
        JsonNode received = ok(pf.get(otherToken, "/mailboxes/" + other + "/messages")).path("messages").get(0);
        assertThat(received.path("subject").asText()).isEqualTo("Bitte um Stellungnahme");
        assertThat(received.path("sender").path("kind").asText()).isEqualTo("authority");
        HttpResponse<String> reply = pf.post(otherToken, "/mailboxes/" + other + "/messages/" + received.path("id").asText()
                + "/reply", Map.of("subject", "Stellungnahme", "body", "keine Bedenken"));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        assertThat(ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages")).path("messages"))
                .extracting(m -> m.path("subject").asText()).contains("Stellungnahme");
        refused(pf.post(clerkToken, "/mailboxes/" + authority + "/messages", Map.of("to", Map.of("kind", "authority",
                "id", other), "subject", "s", "body", "b", "notice", true)), 400, "notice_not_allowed");
        refused(pf.post(clerkToken, "/mailboxes/" + authority + "/messages", Map.of("to", Map.of("kind", "authority",
                "id", authority), "subject", "s", "body", "b")), 400, "recipient_not_allowed");
    }

    @Test
    void givenNoTokenOrAnInvalidOneThenSavingIntoTheSafeIsUnauthorized() {
        String message = java.util.UUID.randomUUID().toString();
        for (String path : List.of("/mailboxes/me/messages/" + message + "/save-to-safe",
                "/mailboxes/me/messages/" + message + "/attachments/" + message + "/save-to-safe")) {
            assertThat(pf.post(null, path, (String) null).statusCode()).as(path).isEqualTo(401);
            refused(pf.post("x.y.z", path, (String) null), 401, "unauthorized");
        }
    }

    // --- helpers ---

    private static String staged(String clerkToken, String name, byte[] pdf) {
        return pf.staged(clerkToken, authority, name, pdf);
    }

    private static JsonNode upload(String token, String filename, byte[] content) {
        return upload(token, filename, content, "application/pdf");
    }

    private static JsonNode upload(String token, String filename, byte[] content, String type) {
        return safes.uploaded(token, "/me", filename, type, content);
    }

    private static HttpResponse<String> safe(String token, String method, String path) {
        return safes.call(token, method, "/me" + (path.equals("/") ? "" : path), null);
    }

    private static HttpResponse<String> safeJson(String token, String method, String path, Object body) {
        return safes.call(token, method, "/me" + path, Json.write(body));
    }

    private static HttpResponse<byte[]> safeBytes(String token, String path) {
        return safes.bytes(token, "/me" + path);
    }

    private static String folder(String token, String name) {
        for (JsonNode folder : Json.parse(safe(token, "GET", "/folders").body()).path("folders")) {
            if (name.equals(folder.path("name").asText()) && !folder.path("parent").isTextual()) {
                return folder.path("id").asText();
            }
        }
        throw new AssertionError("no folder " + name);
    }

    private static List<String> activity(String userId) {
        return safes.activity(userId);
    }
}
