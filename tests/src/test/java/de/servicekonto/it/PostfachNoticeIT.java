package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static de.servicekonto.it.support.PostfachFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.Mails;
import de.servicekonto.it.support.Poll;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import jakarta.mail.internet.MimeMessage;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Official notices (OZG §9): evidence, the content-free e-mail, the signed receipt; and e-mails about new messages. */
@ServicekontoServerTest
class PostfachNoticeIT {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static PostfachFixture pf;
    private static ServicekontoServer server;
    private static String[] clerk;
    private static String authority;

    @BeforeAll
    static void anAuthorityWithAClerk(ServicekontoServer server) {
        PostfachNoticeIT.server = server;
        pf = new PostfachFixture(server);
        clerk = pf.account("Amtfrau");
        authority = pf.authority("Bauamt", true, clerk[1]);
    }

    @Test
    void givenNoticeThenEvidenceIsRecordedTheEmailHasNoContentAndTheReceiptVerifiesWithTheRealmKey(ServicekontoServer server)
            throws Exception {
        String[] citizen = pf.account("Norbert");
        String clerkToken = pf.token(clerk[0]);
        Instant before = Instant.now().minusSeconds(1);
        String subject = "Baugenehmigung Az 4711-" + System.nanoTime();
        String body = "Die Baugenehmigung wird erteilt. Geheim-" + System.nanoTime();
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", subject, "body", body, "notice", true));
        assertThat(sent.path("notice").asBoolean()).isTrue();
        String receiptPath = "/mailboxes/" + authority + "/messages/" + sent.path("id").asText() + "/receipt";

        // The e-mail goes out after the commit: wait for notifiedAt.
        JsonNode evidence = Poll.until(Duration.ofSeconds(20), () -> ok(pf.get(clerkToken, receiptPath)),
                e -> !absent(e.path("notifiedAt")));
        Instant providedAt = Instant.parse(evidence.path("providedAt").asText());
        assertThat(providedAt).isBetween(before, Instant.now());
        Instant notifiedAt = Instant.parse(evidence.path("notifiedAt").asText());
        assertThat(notifiedAt).isAfterOrEqualTo(providedAt);
        assertThat(absent(evidence.path("firstRetrievedAt"))).isTrue();
        assertThat(evidence.path("rule").asText()).isEqualTo("FOURTH_DAY_AFTER_PROVISION");
        assertThat(evidence.path("deemedNotifiedAt").asText())
                .isEqualTo(providedAt.atZone(BERLIN).toLocalDate().plusDays(4).toString());

        // The e-mail: German, to the citizen, nothing of the act in it.
        List<MimeMessage> mails = Mails.to(server, citizen[0] + "@example.org");
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("Ein Bescheid liegt in Ihrem Servicekonto-Postfach zum Abruf bereit");
        String text = GreenMailUtil.getWholeMessage(mail);
        assertThat(text).doesNotContain("Baugenehmigung").doesNotContain("Geheim").doesNotContain("Bauamt")
                .doesNotContain("4711");
        assertThat(GreenMailUtil.getBody(mail)).contains("Verwaltungsakt");

        // First retrieval is recorded once; opening again does not move it.
        String citizenToken = pf.token(citizen[0]);
        String inboxId = ok(pf.get(citizenToken, "/mailboxes/me/messages")).path("messages").get(0).path("id").asText();
        JsonNode opened = ok(pf.get(citizenToken, "/mailboxes/me/messages/" + inboxId));
        assertThat(opened.path("body").asText()).isEqualTo(body);
        Instant retrieved = Instant.parse(ok(pf.get(clerkToken, receiptPath)).path("firstRetrievedAt").asText());
        assertThat(retrieved).isAfterOrEqualTo(providedAt);
        Thread.sleep(1100);
        ok(pf.get(citizenToken, "/mailboxes/me/messages/" + inboxId));
        JsonNode after = ok(pf.get(clerkToken, receiptPath));
        assertThat(Instant.parse(after.path("firstRetrievedAt").asText())).isEqualTo(retrieved);
        assertThat(after.path("providedAt").asText()).isEqualTo(evidence.path("providedAt").asText());
        assertThat(after.path("notifiedAt").asText()).isEqualTo(evidence.path("notifiedAt").asText());

        // The receipt is a JWS under the realm's published key and carries the same evidence.
        String jws = after.path("receipt").asText();
        JsonNode claims = verify(server, jws);
        assertThat(claims.path("typ").asText()).isEqualTo("sk-postfach-notice-receipt");
        assertThat(claims.path("iss").asText()).isEqualTo(server.realmUri().toString());
        assertThat(claims.path("providedAt").asText()).isEqualTo(after.path("providedAt").asText());
        assertThat(claims.path("notifiedAt").asText()).isEqualTo(after.path("notifiedAt").asText());
        assertThat(claims.path("firstRetrievedAt").asText()).isEqualTo(after.path("firstRetrievedAt").asText());
        assertThat(claims.path("deemedNotifiedAt").asText()).isEqualTo(after.path("deemedNotifiedAt").asText());
        assertThat(claims.path("recipient").asText()).isEqualTo(citizen[1]);
        assertThat(claims.path("authority").asText()).isEqualTo(authority);
        assertThat(claims.path("aud").asText()).as("for the authority").isEqualTo(authority);
        assertThat(claims.path("sub").asText()).isEqualTo(sent.path("messageRef").asText());
        assertThat(claims.has("exp")).as("evidence does not expire").isFalse();
        // A changed receipt does not verify.
        String[] parts = jws.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace(after.path("providedAt").asText(), "2020-01-01T00:00:00Z").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(verifies(server, forged)).isFalse();

        // The citizen holds the same signed evidence, from the copy received; notices cannot be deleted by the
        // authority.
        JsonNode own = ok(pf.get(citizenToken, "/mailboxes/me/messages/" + inboxId + "/receipt"));
        assertThat(own.path("messageId").asText()).isEqualTo(inboxId);
        JsonNode ownClaims = verify(server, own.path("receipt").asText());
        for (String member : List.of("sub", "aud", "authority", "recipient", "providedAt", "notifiedAt",
                "firstRetrievedAt", "deemedNotifiedAt", "typ", "iss")) {
            assertThat(ownClaims.path(member).asText()).as(member).isEqualTo(claims.path(member).asText()).isNotEmpty();
        }
        refused(pf.delete(clerkToken, "/mailboxes/" + authority + "/messages/" + sent.path("id").asText()), 403,
                "delete_not_allowed");
    }

    @Test
    void givenNoticeAttachmentDownloadedWithoutOpeningTheMessageThenThatIsTheFirstRetrieval() throws Exception {
        String[] citizen = pf.account("Dora");
        String clerkToken = pf.token(clerk[0]);
        HttpResponse<String> uploaded = pf.upload(clerkToken, authority, "Bescheid.pdf", "application/pdf", PostfachIT.pdf(3000));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Bescheid mit Anlage", "body", "siehe Anlage", "notice", true,
                "attachments", List.of(Json.parse(uploaded.body()).path("id").asText())));
        String receiptPath = "/mailboxes/" + authority + "/messages/" + sent.path("id").asText() + "/receipt";
        String citizenToken = pf.token(citizen[0]);
        String inboxId = ok(pf.get(citizenToken, "/mailboxes/me/messages")).path("messages").get(0).path("id").asText();
        // Listing and the thread view show no content of the act: no retrieval yet.
        ok(pf.get(citizenToken, "/mailboxes/me/messages/" + inboxId + "/thread"));
        assertThat(absent(ok(pf.get(clerkToken, receiptPath)).path("firstRetrievedAt"))).isTrue();

        // A portal that kept the attachment's id (say, from a view of the message whose response was lost) downloads
        // it directly; the id here comes from the database.
        String attachmentId;
        try (java.sql.Connection db = server().database();
             java.sql.PreparedStatement query = db.prepareStatement("select ID from SK_PF_ATTACHMENT where MESSAGE_ID = ?")) {
            query.setString(1, inboxId);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                attachmentId = rows.getString(1);
            }
        }
        Instant before = Instant.now().minusMillis(1);
        assertThat(pf.getBytes(citizenToken, "/mailboxes/me/messages/" + inboxId + "/attachments/" + attachmentId)
                .statusCode()).isEqualTo(200);
        assertThat(Instant.parse(ok(pf.get(clerkToken, receiptPath)).path("firstRetrievedAt").asText()))
                .isBetween(before, Instant.now());
    }

    @Test
    void givenRealmRuleDayAfterRetrievalThenDeemedNotifiedOnlyAfterRetrieval(ServicekontoServer server) throws Exception {
        server.setRealmAttribute("sk.postfach.noticeRule", "day-after-retrieval");
        try {
            String[] citizen = pf.account("Rita");
            String clerkToken = pf.token(clerk[0]);
            JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", "Bescheid", "body", "Inhalt", "notice", true));
            String receiptPath = "/mailboxes/" + authority + "/messages/" + sent.path("id").asText() + "/receipt";
            JsonNode evidence = ok(pf.get(clerkToken, receiptPath));
            assertThat(evidence.path("rule").asText()).isEqualTo("DAY_AFTER_RETRIEVAL");
            assertThat(absent(evidence.path("deemedNotifiedAt"))).isTrue();

            String citizenToken = pf.token(citizen[0]);
            String id = ok(pf.get(citizenToken, "/mailboxes/me/messages")).path("messages").get(0).path("id").asText();
            ok(pf.get(citizenToken, "/mailboxes/me/messages/" + id));
            JsonNode after = ok(pf.get(clerkToken, receiptPath));
            Instant retrieved = Instant.parse(after.path("firstRetrievedAt").asText());
            assertThat(after.path("deemedNotifiedAt").asText())
                    .isEqualTo(retrieved.atZone(BERLIN).toLocalDate().plusDays(1).toString());
        } finally {
            server.setRealmAttribute("sk.postfach.noticeRule", "fourth-day");
        }
    }

    @Test
    void givenABrandedRealmThenTheNoticeEmailShowsItsLogoAndNameAndAnUnbrandedOneShowsNone(ServicekontoServer server)
            throws Exception {
        String[] citizen = pf.account("Bettina");
        String clerkToken = pf.token(clerk[0]);
        String address = citizen[0] + "@example.org";
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Bescheid", "body", "Inhalt", "notice", true));
        org.jsoup.nodes.Document plain = org.jsoup.Jsoup.parse(Mails.html(Mails.await(server, address, 1).get(0)));
        assertThat(plain.select("img")).as(plain.outerHtml()).isEmpty();

        String logo = "https://www.servicekonto.example/wappen.png";
        server.setRealmAttribute("sk.branding.logoUrl", logo);
        try {
            pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", "Bescheid", "body", "Inhalt", "notice", true));
            org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(Mails.html(Mails.await(server, address, 2).get(1)));
            org.jsoup.nodes.Element image = html.selectFirst("img[src=\"" + logo + "\"]");
            assertThat(image).as(html.outerHtml()).isNotNull();
            assertThat(image.attr("alt")).isEqualTo("Logo: Servicekonto");
            assertThat(html.selectFirst("table[role=presentation]").text()).isEqualTo("Servicekonto");
            assertThat(html.text()).contains("Verwaltungsakt");
        } finally {
            server.setRealmAttribute("sk.branding.logoUrl", "");
        }
    }

    @Test
    void givenMailServerRefusesThenTheNoticeEmailIsTriedAgainAndNotifiedAtIsWhenItWasAccepted(ServicekontoServer server)
            throws Exception {
        String[] citizen = pf.account("Greta");
        String clerkToken = pf.token(clerk[0]);
        JsonNode sent;
        MailServerOutage outage = new MailServerOutage(server);
        try (outage) {
            sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", "Bescheid", "body", "Inhalt", "notice", true));
            Thread.sleep(2500);
            String receiptPath = "/mailboxes/" + authority + "/messages/" + sent.path("id").asText() + "/receipt";
            assertThat(absent(ok(pf.get(clerkToken, receiptPath)).path("notifiedAt"))).as("no e-mail accepted yet").isTrue();
            assertThat(Mails.to(server, citizen[0] + "@example.org")).isEmpty();
        }
        Instant reachable = outage.endedAt();
        // The retry (after 1 s, 4 s, 16 s in the test server) reaches the mail server once it is back.
        String receiptPath = "/mailboxes/" + authority + "/messages/" + sent.path("id").asText() + "/receipt";
        JsonNode evidence = Poll.until(Duration.ofSeconds(40), () -> ok(pf.get(clerkToken, receiptPath)),
                e -> !absent(e.path("notifiedAt")));
        assertThat(Instant.parse(evidence.path("notifiedAt").asText())).isAfterOrEqualTo(reachable.minusMillis(1));
        assertThat(Mails.to(server, citizen[0] + "@example.org")).hasSize(1);
        // Accepted once: no further e-mail.
        Thread.sleep(2000);
        assertThat(Mails.to(server, citizen[0] + "@example.org")).hasSize(1);
        assertThat(server.count("select count(*) from SK_PF_PENDING_MAIL where MESSAGE_REF = ?",
                sent.path("messageRef").asText())).as("nothing left to try").isZero();
    }

    @Test
    void givenNoticeThenItsEvidenceCannotBeChangedInTheDatabaseEvenByItsOwnUser() throws Exception {
        // The dev-file (H2) database of the test server; PostgresDistributionIT shows the same on PostgreSQL.
        String[] citizen = pf.account("Edda");
        String clerkToken = pf.token(clerk[0]);
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Bescheid", "body", "Inhalt", "notice", true));
        String receiptPath = "/mailboxes/" + authority + "/messages/" + sent.path("id").asText() + "/receipt";
        JsonNode evidence = Poll.until(Duration.ofSeconds(20), () -> ok(pf.get(clerkToken, receiptPath)),
                e -> !absent(e.path("notifiedAt")));
        assertThat(absent(evidence.path("notifiedAt"))).isFalse();
        String ref = sent.path("messageRef").asText();
        String noticeOfRef = "(select ID from SK_PF_NOTICE where MESSAGE_REF = ?)";
        assertThat(server().count("select count(*) from SK_PF_NOTICE_EVENT where NOTICE_ID = " + noticeOfRef, ref))
                .as("the NOTIFIED event to try on").isEqualTo(1);
        try (java.sql.Connection db = pf.database()) {
            for (String update : List.of("update SK_PF_NOTICE set PROVIDED_AT = 0 where MESSAGE_REF = ?",
                    "update SK_PF_NOTICE_EVENT set EVENT_TIME = 0 where NOTICE_ID = " + noticeOfRef)) {
                try (java.sql.PreparedStatement statement = db.prepareStatement(update)) {
                    statement.setString(1, ref);
                    org.assertj.core.api.Assertions.assertThatThrownBy(statement::executeUpdate).as(update)
                            .isInstanceOf(java.sql.SQLException.class).hasMessageContaining("written once");
                }
            }
        }
        JsonNode after = ok(pf.get(clerkToken, receiptPath));
        assertThat(after.path("providedAt").asText()).isEqualTo(evidence.path("providedAt").asText());
        assertThat(after.path("notifiedAt").asText()).isEqualTo(evidence.path("notifiedAt").asText());
    }

    @Test
    void givenRealmNamesThePostfachPageThenTheEmailLinksThere(ServicekontoServer server) throws Exception {
        String[] citizen = pf.account("Lina");
        String page = "https://portal.example.org/postfach";
        server.setRealmAttribute("sk.postfach.link", page);
        try {
            pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", "Hinweis", "body", "b"));
            List<MimeMessage> mails = Mails.await(server, citizen[0] + "@example.org", 1);
            assertThat(mails).hasSize(1);
            String text = GreenMailUtil.getWholeMessage(mails.get(0)).replace("=\r\n", "").replace("=3D", "=");
            assertThat(text).contains("Zum Postfach: " + page).contains("<a href=\"" + page + "\">");
        } finally {
            server.setRealmAttribute("sk.postfach.link", "");
        }
    }

    @Test
    void givenRealmNamesNoPageThenTheEmailLinksToTheConsolesPostfachPage(ServicekontoServer server) throws Exception {
        String[] citizen = pf.account("Lotte");
        pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Hinweis", "body", "b"));
        List<MimeMessage> mails = Mails.await(server, citizen[0] + "@example.org", 1);
        assertThat(mails).hasSize(1);
        String text = GreenMailUtil.getWholeMessage(mails.get(0)).replace("=\r\n", "").replace("=3D", "=");
        String page = server.realmUri() + "/account/postfach";
        assertThat(text).contains("Zum Postfach: " + page).contains("<a href=\"" + page + "\">");
    }

    @Test
    void givenMailServerRefusesThenTheNewMessageEmailIsTriedAgainAndArrivesOnce(ServicekontoServer server) throws Exception {
        String[] citizen = pf.account("Henrike");
        String address = citizen[0] + "@example.org";
        String ref;
        try (MailServerOutage outage = new MailServerOutage(server)) {
            ref = pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                    "subject", "Rückfrage", "body", "Bitte melden Sie sich")).path("messageRef").asText();
            Thread.sleep(2500);
            assertThat(Mails.to(server, address)).isEmpty();
            assertThat(server.count("select count(*) from SK_PF_PENDING_MAIL where MESSAGE_REF = ?", ref))
                    .as("still to be sent").isEqualTo(1);
        }
        List<MimeMessage> mails = Mails.await(server, address, 1, Duration.ofSeconds(40));
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Neue Nachricht in Ihrem Servicekonto-Postfach");
        assertThat(GreenMailUtil.getWholeMessage(mails.get(0))).doesNotContain("Rückfrage").doesNotContain("melden");
        Thread.sleep(2000);
        assertThat(Mails.to(server, address)).hasSize(1);
        assertThat(server.count("select count(*) from SK_PF_PENDING_MAIL where MESSAGE_REF = ?", ref))
                .as("nothing left to try").isZero();
    }

    @Test
    void givenAccountTurnsNewMessageEmailsOffThenOnlyItsOwnSettingChangesAndNoticesStillMail() throws Exception {
        String[] citizen = pf.account("Selma");
        String token = pf.token(citizen[0]);
        JsonNode settings = ok(pf.get(token, "/mailboxes/me/settings"));
        assertThat(settings.path("newMessageEmails").asBoolean()).isTrue();
        assertThat(settings.path("noticeEmails").asBoolean()).isTrue();
        assertThat(settings.path("emailVerified").asBoolean()).isTrue();

        assertThat(ok(pf.put(token, "/mailboxes/me/settings", Map.of("newMessageEmails", false)))
                .path("newMessageEmails").asBoolean()).isFalse();
        assertThat(ok(pf.get(token, "/mailboxes/me/settings")).path("newMessageEmails").asBoolean()).isFalse();

        refused(pf.put(token, "/mailboxes/me/settings", Map.of("newMessageEmails", "nein")), 400, "invalid_request");
        refused(pf.put(token, "/mailboxes/me/settings", Map.of("newMessageEmails", true, "email", "x@example.org")),
                400, "invalid_request");
        refused(pf.put(token, "/mailboxes/me/settings", "{"), 400, "malformed_json");
        refused(pf.put(null, "/mailboxes/me/settings", Map.of("newMessageEmails", true)), 401, "unauthorized");
        // Settings are personal: an authority's mailbox has none, and staff cannot change the citizen's.
        refused(pf.get(pf.token(clerk[0]), "/mailboxes/" + authority + "/settings"), 404, "not_found");

        String clerkToken = pf.token(clerk[0]);
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Hinweis", "body", "b"));
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Bescheid", "body", "b", "notice", true));
        Mails.await(server(), citizen[0] + "@example.org", 1);
        Thread.sleep(1500);
        List<MimeMessage> mails = Mails.to(server(), citizen[0] + "@example.org");
        assertThat(mails).as("only the notice's e-mail").hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Ein Bescheid liegt in Ihrem Servicekonto-Postfach zum Abruf bereit");

        assertThat(ok(pf.put(token, "/mailboxes/me/settings", Map.of("newMessageEmails", true)))
                .path("newMessageEmails").asBoolean()).isTrue();
    }

    @Test
    void givenNewMessageThenContentFreeEmailUnlessTheAccountTurnedItOff(ServicekontoServer server) throws Exception {
        String[] wants = pf.account("Wilma");
        String[] declines = pf.account("Kai");
        assertThat(pf.put(pf.token(declines[0]), "/mailboxes/me/settings", Map.of("newMessageEmails", false)).statusCode())
                .isEqualTo(200);
        // An address nobody confirmed gets no mail either.
        String[] unconfirmed = pf.account("Udo");
        ObjectNode udo = (ObjectNode) server.admin().get("/realms/servicekonto/users/" + unconfirmed[1]);
        udo.put("emailVerified", false);
        assertThat(server.admin().put("/realms/servicekonto/users/" + unconfirmed[1], udo).statusCode()).isEqualTo(204);

        String clerkToken = pf.token(clerk[0]);
        for (String[] account : List.of(wants, declines, unconfirmed)) {
            pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", account[1]),
                    "subject", "Terminbestätigung Zimmer 12", "body", "Ihr Termin am Montag"));
        }
        List<MimeMessage> mails = Mails.await(server, wants[0] + "@example.org", 1);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Neue Nachricht in Ihrem Servicekonto-Postfach");
        assertThat(GreenMailUtil.getWholeMessage(mails.get(0))).doesNotContain("Terminbest").doesNotContain("Zimmer")
                .doesNotContain("Montag")
                // The only link: the console's Postfach page (the realm names no other).
                .contains("Zum Postfach: " + server.realmUri() + "/account/postfach");
        Thread.sleep(1500);
        assertThat(Mails.to(server, declines[0] + "@example.org")).isEmpty();
        assertThat(Mails.to(server, unconfirmed[0] + "@example.org")).isEmpty();
        for (String[] account : List.of(wants, declines, unconfirmed)) {
            assertThat(server.count("select count(*) from SK_PF_PENDING_MAIL where RECIPIENT_ID = ?", account[1]))
                    .as("nothing left to try for " + account[0]).isZero();
        }
    }

    // --- helpers ---

    /** Points the realm's SMTP settings at a port nobody listens on (the mail server "refuses") until closed. */
    private static final class MailServerOutage implements AutoCloseable {

        private final ServicekontoServer server;
        private final ObjectNode realm;
        private final String workingPort;
        private Instant endedAt;

        MailServerOutage(ServicekontoServer server) {
            this.server = server;
            this.realm = (ObjectNode) server.admin().get("/realms/servicekonto");
            this.workingPort = realm.path("smtpServer").path("port").asText();
            ((ObjectNode) realm.get("smtpServer")).put("port", String.valueOf(de.servicekonto.it.support.Ports.free()));
            assertThat(server.admin().put("/realms/servicekonto", realm).statusCode()).isEqualTo(204);
        }

        Instant endedAt() {
            return endedAt;
        }

        @Override
        public void close() {
            ((ObjectNode) realm.get("smtpServer")).put("port", workingPort);
            assertThat(server.admin().put("/realms/servicekonto", realm).statusCode()).isEqualTo(204);
            endedAt = Instant.now();
        }
    }

    @Test
    void givenReceiptThenItsJwsHeaderTypesItAsAReceiptAndNoEndpointTakesItAsAnAccessToken(ServicekontoServer server)
            throws Exception {
        String[] citizen = pf.account("Theo");
        String clerkToken = pf.token(clerk[0]);
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Bescheid", "body", "Inhalt", "notice", true));
        String jws = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages/" + sent.path("id").asText()
                + "/receipt")).path("receipt").asText();
        JsonNode header = Json.parse(new String(Base64.getUrlDecoder().decode(jws.split("\\.")[0]), StandardCharsets.UTF_8));
        // RFC 8725 explicit typing: a verifier tells a receipt from a token by its header.
        assertThat(header.path("typ").asText()).isEqualTo("sk-notice-receipt+jwt");
        assertThat(verifies(server, jws)).isTrue();

        // Signed with the key of the realm's access tokens, and still no access token anywhere.
        refused(pf.get(jws, "/mailboxes/" + authority + "/folders"), 401, "unauthorized");
        HttpResponse<String> userinfo = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                URI.create(server.realmUri() + "/protocol/openid-connect/userinfo")).header("Authorization", "Bearer " + jws)
                .GET().build());
        assertThat(userinfo.statusCode()).as(userinfo.body()).isEqualTo(401);
    }

    private static ServicekontoServer server() {
        return server;
    }

    /** The API leaves out members without a value. */
    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    /** Verifies an RS256 JWS with the realm's JWKS (fetched as any relying party would) and returns its claims. */
    private static JsonNode verify(ServicekontoServer server, String jws) throws Exception {
        assertThat(verifies(server, jws)).as("receipt signature").isTrue();
        return Json.jwtClaims(jws);
    }

    private static boolean verifies(ServicekontoServer server, String jws) throws Exception {
        String[] parts = jws.split("\\.");
        JsonNode header = Json.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        JsonNode jwks = Json.parse(Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                URI.create(server.realmUri() + "/protocol/openid-connect/certs")).GET().build()).body());
        for (JsonNode key : jwks.path("keys")) {
            if (key.path("kid").asText().equals(header.path("kid").asText())) {
                PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText())),
                        new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()))));
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initVerify(publicKey);
                signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
            }
        }
        throw new AssertionError("signing key " + header.path("kid").asText() + " not in the realm's JWKS");
    }
}
