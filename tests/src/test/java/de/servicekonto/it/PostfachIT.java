package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static de.servicekonto.it.support.PostfachFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Postfach between a citizen and an authority, through the real server, and what its database holds. */
@ServicekontoServerTest
class PostfachIT {

    private static PostfachFixture pf;
    private static String[] citizen;
    private static String[] clerk;
    private static String authority;

    @BeforeAll
    static void citizenAndAnActiveAuthorityWithOneClerk(ServicekontoServer server) {
        pf = new PostfachFixture(server);
        citizen = pf.account("Clara");
        clerk = pf.account("Bernd");
        authority = pf.authority("Bürgeramt", true, clerk[1]);
    }

    @Test
    void givenRealmLimitsThenTheLimitsEndpointReportsThemAndTheUploadFollowsThem(ServicekontoServer server) {
        String token = pf.token(citizen[0]);
        JsonNode defaults = ok(pf.get(token, "/mailboxes/me/limits"));
        assertThat(defaults.path("maxAttachments").asInt()).isEqualTo(5);
        assertThat(defaults.path("maxAttachmentBytes").asLong()).isEqualTo(2 * 1024 * 1024);
        assertThat(defaults.path("attachmentTypes")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("application/pdf", "image/png", "image/jpeg", "image/tiff");
        assertThat(defaults.path("maxSubjectChars").asInt()).isEqualTo(255);
        assertThat(defaults.path("maxBodyChars").asInt()).isEqualTo(65_536);

        server.setRealmAttribute("sk.postfach.maxAttachments", "3");
        server.setRealmAttribute("sk.postfach.maxAttachmentBytes", "1048576");
        try {
            JsonNode changed = ok(pf.get(token, "/mailboxes/me/limits"));
            assertThat(changed.path("maxAttachments").asInt()).isEqualTo(3);
            assertThat(changed.path("maxAttachmentBytes").asLong()).isEqualTo(1_048_576);
            // What the endpoint reports is what the upload enforces.
            refused(pf.upload(token, "me", "gross.pdf", "application/pdf", pdf(1_048_577)), 413, "attachment_too_large");
        } finally {
            server.setRealmAttribute("sk.postfach.maxAttachments", "5");
            server.setRealmAttribute("sk.postfach.maxAttachmentBytes", String.valueOf(2 * 1024 * 1024));
        }

        // Like every Postfach call: a token, and only mailboxes the caller may use.
        assertThat(pf.get(null, "/mailboxes/me/limits").statusCode()).isEqualTo(401);
        refused(pf.get(token, "/mailboxes/" + authority + "/limits"), 403, "forbidden");
    }

    @Test
    void givenHtmlInSubjectOrBodyThenOnlyItsTextIsStoredAndShown() {
        String citizenToken = pf.token(citizen[0]);
        JsonNode sent = pf.send(citizenToken, "me", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "<b>Eilt</b> Antrag", "body", "<p>Guten Tag,</p><script>alert(1)</script><p>anbei <a href=\"javascript:x()\">mehr</a>.</p>"));

        JsonNode opened = ok(pf.get(citizenToken, "/mailboxes/me/messages/" + sent.path("id").asText()));
        assertThat(opened.path("subject").asText()).isEqualTo("Eilt Antrag");
        assertThat(opened.path("body").asText()).isEqualTo("Guten Tag,\nanbei mehr.");
    }

    @Test
    void givenCitizenWritesToAuthorityWithAttachmentsThenClerkRepliesInTheThreadAndBytesRoundTrip() throws Exception {
        String citizenToken = pf.token(citizen[0]);
        String clerkToken = pf.token(clerk[0]);
        byte[] pdf = pdf(300_000);
        byte[] png = png(70_000);

        JsonNode a1 = Json.parse(pf.upload(citizenToken, "me", "Antrag Wohngeld.pdf", "application/pdf", pdf).body());
        JsonNode a2 = Json.parse(pf.upload(citizenToken, "me", "Foto.png", "image/png", png).body());
        assertThat(a1.path("size").asLong()).isEqualTo(pdf.length);

        String subject = "Antrag auf Wohngeld Klara-" + System.nanoTime();
        String body = "Sehr geehrte Damen und Herren, anbei mein Antrag. Geheimtext-" + System.nanoTime();
        JsonNode sent = pf.send(citizenToken, "me", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", subject, "body", body, "attachments", List.of(a1.path("id").asText(), a2.path("id").asText())));
        assertThat(sent.path("folder").asText()).isEqualTo("sent");
        assertThat(sent.path("subject").asText()).isEqualTo(subject);

        // The clerk sees it in the authority's inbox, unread, and opens it with both attachments.
        JsonNode inbox = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages?folder=inbox"));
        JsonNode received = inbox.path("messages").get(0);
        assertThat(received.path("subject").asText()).isEqualTo(subject);
        assertThat(received.path("senderName").asText()).isEqualTo("Clara Muster");
        assertThat(received.path("read").asBoolean()).isFalse();
        JsonNode opened = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages/" + received.path("id").asText()));
        assertThat(opened.path("body").asText()).isEqualTo(body);
        assertThat(opened.path("attachments")).hasSize(2);
        Map<String, byte[]> expected = Map.of("Antrag Wohngeld.pdf", pdf, "Foto.png", png);
        for (JsonNode attachment : opened.path("attachments")) {
            HttpResponse<byte[]> download = pf.getBytes(clerkToken, "/mailboxes/" + authority + "/messages/"
                    + received.path("id").asText() + "/attachments/" + attachment.path("id").asText());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(expected.get(attachment.path("filename").asText()));
            assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith(attachment.path("mimeType").asText());
        }

        // The clerk replies; the citizen finds the reply in the same thread.
        HttpResponse<String> replied = pf.post(clerkToken, "/mailboxes/" + authority + "/messages/"
                + received.path("id").asText() + "/reply", Map.of("subject", "Re: " + subject, "body", "Ihr Antrag ist eingegangen."));
        assertThat(replied.statusCode()).as(replied.body()).isEqualTo(201);
        JsonNode reply = Json.parse(replied.body());
        assertThat(reply.path("threadId").asText()).isEqualTo(sent.path("threadId").asText());
        assertThat(reply.path("recipient").path("id").asText()).isEqualTo(citizen[1]);
        JsonNode citizenInbox = ok(pf.get(citizenToken, "/mailboxes/me/messages"));
        JsonNode answer = citizenInbox.path("messages").get(0);
        assertThat(answer.path("subject").asText()).isEqualTo("Re: " + subject);
        assertThat(answer.path("senderName").asText()).startsWith("Bürgeramt");
        JsonNode thread = ok(pf.get(citizenToken, "/mailboxes/me/messages/" + answer.path("id").asText() + "/thread"));
        assertThat(thread.path("messages")).hasSize(2);
        assertThat(thread.path("messages").get(0).path("subject").asText()).isEqualTo(subject);
        assertThat(thread.path("messages").get(0).path("direction").asText()).isEqualTo("out");
        assertThat(thread.path("messages").get(1).path("direction").asText()).isEqualTo("in");

        // Nothing of subject, body, file names or attachment bytes is in the database as plaintext.
        List<byte[]> secrets = List.of(subject.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8),
                "Antrag Wohngeld".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(pdf, 100, 164),
                Arrays.copyOfRange(png, 5000, 5064), "Clara Muster".getBytes(StandardCharsets.UTF_8));
        try (Connection db = pf.database()) {
            int rows = 0;
            for (String table : List.of("SK_PF_MESSAGE", "SK_PF_ATTACHMENT", "SK_PF_MAILBOX", "SK_PF_DATA_KEY")) {
                for (byte[] value : rawValues(db, table)) {
                    rows++;
                    for (byte[] secret : secrets) {
                        assertThat(indexOf(value, secret)).as(table + " holds plaintext").isEqualTo(-1);
                    }
                }
            }
            assertThat(rows).isGreaterThan(20);
            // The ciphertext is there: four attachment copies (sender's and recipient's of two files), each larger
            // than its plaintext by the stream format's overhead.
            try (Statement st = db.createStatement();
                 ResultSet rs = st.executeQuery("select PLAIN_SIZE, CONTENT from SK_PF_ATTACHMENT where MESSAGE_ID in"
                         + " (select ID from SK_PF_MESSAGE where MESSAGE_REF = '" + sent.path("messageRef").asText() + "')")) {
                int copies = 0;
                while (rs.next()) {
                    copies++;
                    byte[] content = rs.getBytes(2);
                    assertThat(content.length).isGreaterThan((int) rs.getLong(1));
                }
                assertThat(copies).isEqualTo(4);
            }
        }
    }

    @Test
    void givenBadInputThenClearErrorsAndNothingIsStored() throws Exception {
        // A citizen without a mailbox yet: a refused request must not even create one (or a data key).
        String[] newcomer = pf.account("Nora");
        String token = pf.token(newcomer[0]);
        String suspended = pf.authority("Ruhendes Amt", false, clerk[1]);
        long before = rowCount();

        // Oversized (limit 2 MiB), wrong type, content not matching the declared type, empty, no file name.
        refused(pf.upload(token, "me", "gross.pdf", "application/pdf", pdf(2 * 1024 * 1024 + 1)), 413, "attachment_too_large");
        refused(pf.upload(token, "me", "tool.exe", "application/x-msdownload", "MZ\u0090\0".getBytes(StandardCharsets.ISO_8859_1)),
                415, "attachment_type_not_allowed");
        refused(pf.upload(token, "me", "fake.pdf", "application/pdf", "MZ-not-a-pdf-at-all".getBytes(StandardCharsets.US_ASCII)),
                415, "attachment_type_not_allowed");
        refused(pf.upload(token, "me", "../etc/passwd.pdf", "application/pdf", pdf(100)), 400, "invalid_request");
        refused(pf.upload(token, "me", "leer.pdf", "application/pdf", new byte[0]), 400, "invalid_request");

        refused(pf.post(token, "/mailboxes/me/messages", "{\"to\": {\"kind\": \"authority\", "), 400, "malformed_json");
        refused(pf.post(token, "/mailboxes/me/messages", "[1,2]"), 400, "malformed_json");
        refused(Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(pf.uri("/mailboxes/me/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("to=x&subject=s&body=b")).build()), 415, "unsupported_media_type");
        assertThat(Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(pf.uri("/mailboxes/me/messages"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("x")).build()).statusCode())
                .as("no token: 401 before anything about the body").isEqualTo(401);
        refused(pf.post(token, "/mailboxes/me/messages", ""), 400, "malformed_json");
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id",
                "00000000-0000-0000-0000-000000000000"), "subject", "s", "body", "b")), 400, "unknown_recipient");
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", "a'; drop table"),
                "subject", "s", "body", "b")), 400, "unknown_recipient");
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", suspended),
                "subject", "s", "body", "b")), 400, "recipient_inactive");
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "user", "id", clerk[1]),
                "subject", "s", "body", "b")), 400, "recipient_not_allowed");
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "x".repeat(256), "body", "b")), 400, "invalid_request");
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "s", "body", "b", "attachments", List.of("00000000-0000-0000-0000-000000000000"))),
                400, "unknown_attachment");
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "s", "body", "b", "notice", true)), 400, "notice_not_allowed");
        refused(pf.get(token, "/mailboxes/me/messages?limit=1000"), 400, "invalid_request");
        refused(pf.get(token, "/mailboxes/me/messages?cursor=bm90OmEtY3Vyc29y"), 400, "invalid_request");
        refused(pf.get(token, "/mailboxes/me/messages?folder=spam"), 400, "invalid_request");
        refused(pf.get(token, "/mailboxes/me/messages?since=yesterday"), 400, "invalid_request");
        // Far past and far future: a clear refusal, not an overflow.
        refused(pf.get(token, "/mailboxes/me/messages?since=%2B999999999-12-31T23:59:59Z"), 400, "invalid_request");
        refused(pf.get(token, "/mailboxes/me/messages?until=0001-01-01"), 400, "invalid_request");
        refused(pf.get(token, "/mailboxes/me/messages?q=x&until=-999999999-01-01T00:00:00Z"), 400, "invalid_request");

        // A suspended authority cannot send either: it may not use its mailbox at all.
        String clerkToken = pf.token(clerk[0]);
        refused(pf.post(clerkToken, "/mailboxes/" + suspended + "/messages", Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "s", "body", "b")), 403, "authority_not_active");

        assertThat(rowCount()).isEqualTo(before);
    }

    @Test
    void givenAuthorityNotYetActivatedThenItNeitherSendsNorReceivesNorDoesItsFachverfahren() throws Exception {
        String citizenToken = pf.token(citizen[0]);
        String[] staff = pf.account("Vera");
        String staffToken = pf.token(staff[0]);
        long before = rowCount();
        for (List<String> review : List.of(List.<String>of(), List.of("VERIFIED"))) {
            String pending = pf.authority("Amt in Prüfung", review, staff[1]);
            String system = pf.clientToken(pf.fachverfahren(pending));
            Map<String, Object> toCitizen = Map.of("to", Map.of("kind", "user", "id", citizen[1]), "subject", "s", "body", "b");

            refused(pf.post(staffToken, "/mailboxes/" + pending + "/messages", toCitizen), 403, "authority_not_active");
            refused(pf.post(system, "/mailboxes/" + pending + "/messages", toCitizen), 403, "authority_not_active");
            refused(pf.get(staffToken, "/mailboxes/" + pending + "/messages"), 403, "authority_not_active");
            refused(pf.get(system, "/mailboxes/" + pending + "/folders"), 403, "authority_not_active");
            refused(pf.post(citizenToken, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", pending),
                    "subject", "s", "body", "b")), 400, "recipient_inactive");
        }
        assertThat(rowCount()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void givenDeleteThenUndoWithinThePeriodAndAuthorityCannotDeleteWhatItDelivered() {
        String[] account = pf.account("Dora");
        String token = pf.token(account[0]);
        String clerkToken = pf.token(clerk[0]);
        JsonNode delivered = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", account[1]),
                "subject", "Ihre Anfrage", "body", "Antwort"));
        refused(pf.delete(clerkToken, "/mailboxes/" + authority + "/messages/" + delivered.path("id").asText()), 403,
                "delete_not_allowed");

        String id = ok(pf.get(token, "/mailboxes/me/messages")).path("messages").get(0).path("id").asText();
        assertThat(pf.post(token, "/mailboxes/me/messages/" + id + "/read", "").statusCode()).isEqualTo(204);
        assertThat(ok(pf.get(token, "/mailboxes/me/messages")).path("messages").get(0).path("read").asBoolean()).isTrue();
        assertThat(pf.delete(token, "/mailboxes/me/messages/" + id + "/read").statusCode()).isEqualTo(204);
        assertThat(ok(pf.get(token, "/mailboxes/me/messages")).path("messages").get(0).path("read").asBoolean()).isFalse();

        JsonNode deleted = ok(pf.delete(token, "/mailboxes/me/messages/" + id));
        assertThat(deleted.path("restorableUntil").asText()).isNotEmpty();
        assertThat(ok(pf.get(token, "/mailboxes/me/messages")).path("messages")).isEmpty();
        assertThat(ok(pf.get(token, "/mailboxes/me/messages?folder=trash")).path("messages")).hasSize(1);
        assertThat(pf.post(token, "/mailboxes/me/messages/" + id + "/restore", "").statusCode()).isEqualTo(204);
        assertThat(ok(pf.get(token, "/mailboxes/me/messages")).path("messages")).hasSize(1);

        assertThat(pf.post(token, "/mailboxes/me/messages/" + id + "/archive", "").statusCode()).isEqualTo(204);
        assertThat(ok(pf.get(token, "/mailboxes/me/messages?folder=archive")).path("messages").get(0).path("id").asText())
                .isEqualTo(id);
        JsonNode folders = ok(pf.get(token, "/mailboxes/me/folders")).path("folders");
        Map<String, Long> totals = new HashMap<>();
        folders.forEach(f -> totals.put(f.path("folder").asText(), f.path("total").asLong()));
        assertThat(totals).containsEntry("archive", 1L).containsEntry("inbox", 0L).containsEntry("trash", 0L);
    }

    @Test
    void givenMoreMessagesThanTheCountLimitThenFolderCountsStopThereAndSaySo(ServicekontoServer server) throws Exception {
        String[] account = pf.account("Carla");
        String token = pf.token(account[0]);
        for (int i = 0; i < 4; i++) {
            pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "user", "id", account[1]),
                    "subject", "Zählung " + i, "body", "b"));
        }
        server.setRealmAttribute("sk.postfach.countLimit", "3");
        try {
            JsonNode inbox = folder(ok(pf.get(token, "/mailboxes/me/folders")), "inbox");
            assertThat(inbox.path("total").asLong()).isEqualTo(3);
            assertThat(inbox.path("totalCapped").asBoolean()).isTrue();
            assertThat(inbox.path("unread").asLong()).isEqualTo(3);
            assertThat(inbox.path("unreadCapped").asBoolean()).isTrue();

            JsonNode messages = ok(pf.get(token, "/mailboxes/me/messages")).path("messages");
            for (int i = 0; i < 2; i++) {
                assertThat(pf.post(token, "/mailboxes/me/messages/" + messages.get(i).path("id").asText() + "/read", "")
                        .statusCode()).isEqualTo(204);
            }
            inbox = folder(ok(pf.get(token, "/mailboxes/me/folders")), "inbox");
            assertThat(inbox.path("totalCapped").asBoolean()).isTrue();
            assertThat(inbox.path("unread").asLong()).isEqualTo(2);
            assertThat(inbox.path("unreadCapped").asBoolean()).isFalse();
            JsonNode trash = folder(ok(pf.get(token, "/mailboxes/me/folders")), "trash");
            assertThat(trash.path("total").asLong()).isZero();
            assertThat(trash.path("totalCapped").asBoolean()).isFalse();
        } finally {
            server.setRealmAttribute("sk.postfach.countLimit", "1000");
        }
        JsonNode inbox = folder(ok(pf.get(token, "/mailboxes/me/folders")), "inbox");
        assertThat(inbox.path("total").asLong()).isEqualTo(4);
        assertThat(inbox.path("totalCapped").asBoolean()).isFalse();
        assertThat(inbox.path("unread").asLong()).isEqualTo(2);
    }

    private static JsonNode folder(JsonNode folders, String name) {
        for (JsonNode f : folders.path("folders")) {
            if (name.equals(f.path("folder").asText())) {
                return f;
            }
        }
        throw new AssertionError("no folder " + name + " in " + folders);
    }

    @Test
    void givenUndoPeriodOverThenTheDeletedMessageCannotBeRestored(ServicekontoServer server) throws Exception {
        String[] account = pf.account("Ulla");
        String token = pf.token(account[0]);
        pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "user", "id", account[1]),
                "subject", "Kurzlebig", "body", "b"));
        String id = ok(pf.get(token, "/mailboxes/me/messages")).path("messages").get(0).path("id").asText();
        server.setRealmAttribute("sk.postfach.undoSeconds", "1");
        try {
            ok(pf.delete(token, "/mailboxes/me/messages/" + id));
            Thread.sleep(1500);
            refused(pf.post(token, "/mailboxes/me/messages/" + id + "/restore", ""), 409, "undo_period_expired");
            assertThat(ok(pf.get(token, "/mailboxes/me/messages?folder=trash")).path("messages")).hasSize(1);
        } finally {
            server.setRealmAttribute("sk.postfach.undoSeconds", "2592000");
        }
    }

    @Test
    void givenManyUploadsNeverSentThenFurtherUploadsWaitAndSendingMakesRoom(ServicekontoServer server) throws Exception {
        String[] account = pf.account("Ute");
        String token = pf.token(account[0]);
        // One attachment per message here: four uploads may wait to be sent.
        server.setRealmAttribute("sk.postfach.maxAttachments", "1");
        try {
            List<String> staged = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                staged.add(Json.parse(pf.upload(token, "me", "Seite" + i + ".pdf", "application/pdf", pdf(500)).body())
                        .path("id").asText());
            }
            long before = rowCount();
            refused(pf.upload(token, "me", "Seite5.pdf", "application/pdf", pdf(500)), 429, "too_many_staged_attachments");
            assertThat(rowCount()).as("nothing stored").isEqualTo(before);
            pf.send(token, "me", Map.of("to", Map.of("kind", "authority", "id", authority), "subject", "Seite 0",
                    "body", "b", "attachments", List.of(staged.get(0))));
            assertThat(pf.upload(token, "me", "Seite5.pdf", "application/pdf", pdf(500)).statusCode()).isEqualTo(201);
        } finally {
            server.setRealmAttribute("sk.postfach.maxAttachments", "5");
        }
    }

    @Test
    void givenManyMessagesThenKeysetPagesAndBoundedSearchFindThem() {
        String[] account = pf.account("Emil");
        String token = pf.token(account[0]);
        String clerkToken = pf.token(clerk[0]);
        for (int i = 0; i < 7; i++) {
            pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", account[1]),
                    "subject", (i == 3 ? "Grundsteuerbescheid " : "Mitteilung ") + i, "body", "Text " + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = ok(pf.get(token, "/mailboxes/me/messages?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.path("messages").forEach(m -> seen.add(m.path("subject").asText()));
            cursor = page.path("next").isNull() || page.path("next").isMissingNode() ? null : page.path("next").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("Mitteilung 6");

        JsonNode found = ok(pf.get(token, "/mailboxes/me/messages?q=grundsteuer"));
        assertThat(found.path("messages")).hasSize(1);
        assertThat(found.path("messages").get(0).path("subject").asText()).isEqualTo("Grundsteuerbescheid 3");
        assertThat(ok(pf.get(token, "/mailboxes/me/messages?sender=B%C3%BCrgeramt")).path("messages")).hasSize(7);
        assertThat(ok(pf.get(token, "/mailboxes/me/messages?since=2999-01-01")).path("messages")).isEmpty();
    }

    @Test
    void givenAccountDeletedThenItsDataKeyAndMailboxAreGoneWhileTheAuthorityKeepsItsCopy(ServicekontoServer server)
            throws Exception {
        String[] leaving = pf.account("Lena");
        String token = pf.token(leaving[0]);
        JsonNode sent = pf.send(token, "me", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "Abmeldung", "body", "Ich ziehe weg."));
        pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "user", "id", leaving[1]),
                "subject", "Bestätigung", "body", "Abmeldung erhalten."));
        assertThat(count("select count(*) from SK_PF_DATA_KEY where OWNER_ID = 'u:" + leaving[1] + "'")).isEqualTo(1);
        assertThat(count("select count(*) from SK_PF_MESSAGE m join SK_PF_MAILBOX b on m.MAILBOX_ID = b.ID"
                + " where b.OWNER_ID = '" + leaving[1] + "'")).isEqualTo(2);

        assertThat(server.admin().delete("/realms/servicekonto/users/" + leaving[1]).statusCode()).isEqualTo(204);

        // Crypto-shredding: the wrapped data key is deleted with the account, and so are its rows.
        assertThat(count("select count(*) from SK_PF_DATA_KEY where OWNER_ID = 'u:" + leaving[1] + "'")).isZero();
        assertThat(count("select count(*) from SK_PF_MAILBOX where OWNER_ID = '" + leaving[1] + "'")).isZero();
        assertThat(count("select count(*) from SK_PF_MESSAGE where MESSAGE_REF = '" + sent.path("messageRef").asText()
                + "'")).isEqualTo(1);
        JsonNode kept = ok(pf.get(pf.token(clerk[0]), "/mailboxes/" + authority + "/messages?q=Abmeldung")).path("messages");
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).path("senderName").asText()).isEqualTo("Lena Muster");
    }

    @Test
    void givenMoreAttachmentsThanAllowedThenRefusedAndNoMessageIsStored() throws Exception {
        String[] account = pf.account("Theo");
        String token = pf.token(account[0]);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> uploaded = pf.upload(token, "me", "Seite " + i + ".pdf", "application/pdf", pdf(1000));
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
            ids.add(Json.parse(uploaded.body()).path("id").asText());
        }
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "Sechs Seiten", "body", "b", "attachments", ids)), 400, "too_many_attachments");
        // The same attachment twice is refused too, and the uploads stay staged for a corrected send.
        refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "Doppelt", "body", "b", "attachments", List.of(ids.get(0), ids.get(0)))), 400, "unknown_attachment");
        assertThat(count("select count(*) from SK_PF_MESSAGE m join SK_PF_MAILBOX b on m.MAILBOX_ID = b.ID where b.OWNER_ID = '"
                + account[1] + "'")).isZero();
        JsonNode sent = pf.send(token, "me", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "Fünf Seiten", "body", "b", "attachments", ids.subList(0, 5)));
        assertThat(sent.path("attachmentCount").asInt()).isEqualTo(5);
    }

    @Test
    void givenOpenApiDocumentThenServedWithoutTokenAndSameAsTheDocs() throws Exception {
        HttpResponse<String> served = pf.get(null, "/openapi.yaml");
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).startsWith("openapi: 3.0.3")
                .isEqualTo(java.nio.file.Files.readString(de.servicekonto.it.support.TestPaths.projectDir()
                        .resolve("docs/api/postfach-api.yaml")));
    }

    // --- helpers ---

    private static long count(String sql) throws SQLException {
        try (Connection db = pf.database(); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long rowCount() throws SQLException {
        long count = 0;
        try (Connection db = pf.database(); Statement st = db.createStatement()) {
            for (String table : List.of("SK_PF_MAILBOX", "SK_PF_DATA_KEY", "SK_PF_MESSAGE", "SK_PF_ATTACHMENT",
                    "SK_PF_NOTICE", "SK_PF_NOTICE_EVENT", "SK_PF_PENDING_MAIL")) {
                try (ResultSet rs = st.executeQuery("select count(*) from " + table)) {
                    rs.next();
                    count += rs.getLong(1);
                }
            }
        }
        return count;
    }

    /** Every column value of every row, as bytes (text as UTF-8, BLOBs as stored). */
    private static List<byte[]> rawValues(Connection db, String table) throws Exception {
        List<byte[]> values = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select * from " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                ByteArrayOutputStream row = new ByteArrayOutputStream();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    if (meta.getColumnType(c) == java.sql.Types.BLOB || meta.getColumnType(c) == java.sql.Types.VARBINARY) {
                        try (InputStream in = rs.getBinaryStream(c)) {
                            if (in != null) {
                                in.transferTo(row);
                            }
                        }
                    } else {
                        String text = rs.getString(c);
                        if (text != null) {
                            row.write(text.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    row.write(0);
                }
                values.add(row.toByteArray());
            }
        }
        return values;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        byte[] head = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, bytes, 0, Math.min(head.length, size));
        return bytes;
    }

    static byte[] png(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
