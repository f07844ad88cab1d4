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
import de.servicekonto.it.support.Registrations;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mailboxes of organisations: their administrators read and send, messages go only between an organisation and an
 * authority, notices to an organisation e-mail its administrators (without content), and a removed organisation's
 * Postfach is shredded.
 */
@ServicekontoServerTest
class PostfachOrganisationIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PostfachFixture pf;
    /** A portal that may also use the organisations account API (to register organisations and grant roles). */
    private static String orgPortal;
    private static String[] clerk;
    private static String authority;
    private static String fachverfahren;

    @BeforeAll
    static void anAuthorityWithAClerk(ServicekontoServer server) {
        pf = new PostfachFixture(server);
        orgPortal = PostfachFixture.portalClient(server, Map.of("sk.organisations.accountApi", "true"));
        clerk = pf.account("Amtmann");
        authority = pf.authority("Gewerbeamt", true, clerk[1]);
        fachverfahren = pf.fachverfahren(authority);
    }

    @Test
    void givenOrganisationThenAdministratorsExchangeMessagesWithAnAuthorityAndNobodyElseGetsIn(ServicekontoServer server) {
        String[] alice = pf.account("Alice");
        String[] bob = pf.account("Bob");
        String[] carl = pf.account("Carl");
        String aliceToken = orgToken(alice[0]);
        String name = "Muster GmbH " + suffix();
        String org = organisation(server, aliceToken, name);
        member(server, org, bob[1]);
        member(server, org, carl[1]);
        promote(server, aliceToken, org, bob[1]);

        // An administrator writes to the authority for the organisation.
        JsonNode sent = pf.send(aliceToken, org, Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "Antrag Gaststättenerlaubnis", "body", "Anbei unser Antrag."));
        assertThat(sent.path("sender").path("kind").asText()).isEqualTo("organisation");
        assertThat(sent.path("sender").path("id").asText()).isEqualTo(org);
        assertThat(sent.path("recipientName").asText()).startsWith("Gewerbeamt");

        // The authority sees the organisation as sender and replies to it.
        String clerkToken = pf.token(clerk[0]);
        JsonNode received = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages")).path("messages").get(0);
        assertThat(received.path("sender").path("kind").asText()).isEqualTo("organisation");
        assertThat(received.path("sender").path("id").asText()).isEqualTo(org);
        assertThat(received.path("senderName").asText()).isEqualTo(name);
        HttpResponse<String> reply = pf.post(clerkToken, "/mailboxes/" + authority + "/messages/"
                + received.path("id").asText() + "/reply", Map.of("subject", "Re: Antrag", "body", "Bitte Nachweis nachreichen."));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        assertThat(Json.parse(reply.body()).path("recipient").path("kind").asText()).isEqualTo("organisation");

        // Another administrator of the same organisation reads the thread.
        String bobToken = pf.token(bob[0]);
        JsonNode inbox = ok(pf.get(bobToken, "/mailboxes/" + org + "/messages")).path("messages");
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).path("senderName").asText()).startsWith("Gewerbeamt");
        String replyId = inbox.get(0).path("id").asText();
        assertThat(ok(pf.get(bobToken, "/mailboxes/" + org + "/messages/" + replyId)).path("body").asText())
                .isEqualTo("Bitte Nachweis nachreichen.");
        JsonNode thread = ok(pf.get(bobToken, "/mailboxes/" + org + "/messages/" + replyId + "/thread")).path("messages");
        assertThat(thread).hasSize(2);
        assertThat(ok(pf.get(bobToken, "/mailboxes/" + org + "/messages?folder=sent")).path("messages").get(0)
                .path("subject").asText()).isEqualTo("Antrag Gaststättenerlaubnis");

        // A plain member, a member of another organisation, an unknown id: the same refusal.
        String carlToken = pf.token(carl[0]);
        refused(pf.get(carlToken, "/mailboxes/" + org + "/messages"), 403, "forbidden");
        refused(pf.get(carlToken, "/mailboxes/" + org + "/messages/" + replyId), 403, "forbidden");
        refused(pf.post(carlToken, "/mailboxes/" + org + "/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "s", "body", "b")), 403, "forbidden");
        String[] dave = pf.account("Dave");
        String daveToken = orgToken(dave[0]);
        String otherOrg = organisation(server, daveToken, "Andere AG " + suffix());
        HttpResponse<String> foreign = pf.get(daveToken, "/mailboxes/" + org + "/messages");
        refused(foreign, 403, "forbidden");
        HttpResponse<String> unknown = pf.get(daveToken, "/mailboxes/" + UUID.randomUUID() + "/messages");
        refused(unknown, 403, "forbidden");
        assertThat(foreign.body()).isEqualTo(unknown.body());
        // The organisation's administrator is not staff of the authority; a Fachverfahren never acts for an organisation.
        refused(pf.get(bobToken, "/mailboxes/" + authority + "/messages"), 403, "forbidden");
        refused(pf.get(pf.clientToken(fachverfahren), "/mailboxes/" + org + "/messages"), 403, "forbidden");

        // At least one side is an authority.
        String[] citizen = pf.account("Erna");
        String citizenToken = pf.token(citizen[0]);
        refused(pf.post(citizenToken, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "organisation", "id", org),
                "subject", "s", "body", "b")), 400, "recipient_not_allowed");
        refused(pf.post(aliceToken, "/mailboxes/" + org + "/messages", Map.of("to", Map.of("kind", "organisation", "id", otherOrg),
                "subject", "s", "body", "b")), 400, "recipient_not_allowed");
        refused(pf.post(aliceToken, "/mailboxes/" + org + "/messages", Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "s", "body", "b")), 400, "recipient_not_allowed");
        refused(pf.post(aliceToken, "/mailboxes/" + org + "/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "s", "body", "b", "notice", true)), 400, "notice_not_allowed");
        // An authority's id is no organisation, and an organisation's is no authority.
        refused(pf.post(clerkToken, "/mailboxes/" + authority + "/messages", Map.of("to", Map.of("kind", "organisation",
                "id", authority), "subject", "s", "body", "b")), 400, "unknown_recipient");
        refused(pf.post(aliceToken, "/mailboxes/" + org + "/messages", Map.of("to", Map.of("kind", "authority", "id", otherOrg),
                "subject", "s", "body", "b")), 400, "unknown_recipient");
        refused(pf.post(clerkToken, "/mailboxes/" + authority + "/messages", Map.of("to", Map.of("kind", "firma", "id", org),
                "subject", "s", "body", "b")), 400, "invalid_request");
    }

    @Test
    void givenNoticeToAnOrganisationThenEveryAdministratorGetsAContentFreeEmailAndNotifiedAtIsRecorded(ServicekontoServer server)
            throws Exception {
        String[] alice = pf.account("Anna");
        String[] bob = pf.account("Bernd");
        String[] carl = pf.account("Clara");
        String aliceToken = orgToken(alice[0]);
        String org = organisation(server, aliceToken, "Bescheid KG " + suffix());
        member(server, org, bob[1]);
        member(server, org, carl[1]);
        promote(server, aliceToken, org, bob[1]);
        // Bob turned off e-mails about ordinary messages; notices reach him anyway.
        ObjectNode user = (ObjectNode) server.admin().get("/realms/servicekonto/users/" + bob[1]);
        ((ObjectNode) user.with("attributes")).putArray("sk-postfach-notify").add("false");
        assertThat(server.admin().put("/realms/servicekonto/users/" + bob[1], user).statusCode()).isEqualTo(204);

        String clerkToken = pf.token(clerk[0]);
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "organisation", "id", org),
                "subject", "Gewerbeuntersagung Az 0815", "body", "Geheim-" + System.nanoTime(), "notice", true));
        String receiptPath = "/mailboxes/" + authority + "/messages/" + sent.path("id").asText() + "/receipt";
        JsonNode evidence = Poll.until(Duration.ofSeconds(20), () -> ok(pf.get(clerkToken, receiptPath)),
                e -> !absent(e.path("notifiedAt")));
        assertThat(Instant.parse(evidence.path("notifiedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(evidence.path("providedAt").asText()));
        assertThat(evidence.path("recipient").asText()).isEqualTo(org);
        Mails.await(server, bob[0] + "@example.org", 1);
        for (String[] admin : List.of(alice, bob)) {
            List<MimeMessage> mails = Mails.to(server, admin[0] + "@example.org");
            assertThat(mails).as(admin[0]).hasSize(1);
            assertThat(mails.get(0).getSubject()).isEqualTo("Ein Bescheid liegt in Ihrem Servicekonto-Postfach zum Abruf bereit");
            assertThat(GreenMailUtil.getWholeMessage(mails.get(0))).doesNotContain("Gewerbeuntersagung")
                    .doesNotContain("0815").doesNotContain("Geheim").doesNotContain("Gewerbeamt");
        }
        assertThat(Mails.to(server, carl[0] + "@example.org")).isEmpty();

        // The notice is in the organisation's inbox; opening it records the retrieval.
        String bobToken = pf.token(bob[0]);
        JsonNode notice = ok(pf.get(bobToken, "/mailboxes/" + org + "/messages")).path("messages").get(0);
        assertThat(notice.path("notice").asBoolean()).isTrue();
        ok(pf.get(bobToken, "/mailboxes/" + org + "/messages/" + notice.path("id").asText()));
        assertThat(absent(ok(pf.get(clerkToken, receiptPath)).path("firstRetrievedAt"))).isFalse();

        // An ordinary message: Alice is told, Bob (opted out) is not.
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "organisation", "id", org),
                "subject", "Terminhinweis", "body", "Montag"));
        Mails.await(server, alice[0] + "@example.org", 2);
        assertThat(Mails.to(server, alice[0] + "@example.org")).hasSize(2);
        Thread.sleep(1500);
        assertThat(Mails.to(server, bob[0] + "@example.org")).hasSize(1);
        assertThat(Mails.to(server, carl[0] + "@example.org")).isEmpty();
    }

    @Test
    void givenOrganisationRemovedThenItsDataKeyAndMailboxAreGoneAndTheAuthorityKeepsItsCopy(ServicekontoServer server)
            throws Exception {
        String[] alice = pf.account("Olga");
        String aliceToken = orgToken(alice[0]);
        String org = organisation(server, aliceToken, "Kurzlebig UG " + suffix());
        pf.send(aliceToken, org, Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "Abmeldung", "body", "Wir schließen."));
        assertThat(count("select count(*) from SK_PF_DATA_KEY where OWNER_ID = 'o:" + org + "'")).isEqualTo(1);
        assertThat(count("select count(*) from SK_PF_MAILBOX where OWNER_KIND = 'ORGANISATION' and OWNER_ID = '" + org + "'"))
                .isEqualTo(1);

        assertThat(server.admin().delete("/realms/servicekonto/organizations/" + org).statusCode()).isEqualTo(204);

        assertThat(count("select count(*) from SK_PF_DATA_KEY where OWNER_ID = 'o:" + org + "'")).isZero();
        assertThat(count("select count(*) from SK_PF_MAILBOX where OWNER_ID = '" + org + "'")).isZero();
        assertThat(count("select count(*) from SK_PF_MESSAGE m join SK_PF_MAILBOX b on m.MAILBOX_ID = b.ID"
                + " where b.OWNER_KIND = 'ORGANISATION' and b.OWNER_ID = '" + org + "'")).isZero();
        // The authority's copy stays readable; the organisation is no longer a recipient.
        String clerkToken = pf.token(clerk[0]);
        JsonNode kept = null;
        for (JsonNode m : ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages?limit=100")).path("messages")) {
            if (org.equals(m.path("sender").path("id").asText())) {
                kept = m;
            }
        }
        assertThat(kept).isNotNull();
        assertThat(ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages/" + kept.path("id").asText()))
                .path("body").asText()).isEqualTo("Wir schließen.");
        refused(pf.post(clerkToken, "/mailboxes/" + authority + "/messages/" + kept.path("id").asText() + "/reply",
                Map.of("subject", "Re", "body", "b")), 400, "unknown_recipient");
    }

    // --- helpers ---

    @Test
    void givenOrganisationDisabledByTheOperatorThenItsAdministratorsNeitherReadNorChangeItsMailboxUntilEnabled(
            ServicekontoServer server) {
        String[] alice = pf.account("Alice");
        String aliceToken = orgToken(alice[0]);
        String org = organisation(server, aliceToken, "Ruhend GmbH " + suffix());
        JsonNode notice = pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "organisation", "id", org),
                "subject", "Bescheid Sondernutzung", "body", "Inhalt", "notice", true));
        JsonNode organisation = server.admin().get("/realms/servicekonto/organizations/" + org);
        ((com.fasterxml.jackson.databind.node.ObjectNode) organisation).put("enabled", false);
        HttpResponse<String> disabled = server.admin().put("/realms/servicekonto/organizations/" + org, organisation);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(204);

        String path = "/mailboxes/" + org + "/messages";
        String noticePath = path + "/" + notice.path("id").asText();
        refused(pf.get(aliceToken, path), 403, "organisation_not_active");
        refused(pf.get(aliceToken, "/mailboxes/" + org + "/folders"), 403, "organisation_not_active");
        refused(pf.get(aliceToken, noticePath), 403, "organisation_not_active");
        refused(pf.post(aliceToken, noticePath + "/read", ""), 403, "organisation_not_active");
        refused(pf.delete(aliceToken, noticePath), 403, "organisation_not_active");
        // Opening was refused, so the notice counts as not retrieved.
        JsonNode receipt = ok(pf.get(pf.clientToken(fachverfahren), "/mailboxes/" + authority + "/messages/"
                + notice.path("id").asText() + "/receipt"));
        assertThat(receipt.path("firstRetrievedAt").isMissingNode() || receipt.path("firstRetrievedAt").isNull())
                .as(receipt.toString()).isTrue();

        ((com.fasterxml.jackson.databind.node.ObjectNode) organisation).put("enabled", true);
        assertThat(server.admin().put("/realms/servicekonto/organizations/" + org, organisation).statusCode()).isEqualTo(204);
        assertThat(ok(pf.get(aliceToken, path)).path("messages")).hasSize(1);
    }

    private static String orgToken(String username) {
        return pf.token(username, PostfachFixture.SCOPES, orgPortal);
    }

    /** Registers an organisation through the organisations account API; the caller becomes its administrator. */
    private static String organisation(ServicekontoServer server, String bearer, String name) {
        Map<String, Object> data = Registrations.organisation(name);
        HttpResponse<String> created = organisations(server, "POST", "/organisations", bearer, data);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.parse(created.body()).path("id").asText();
    }

    private static void member(ServicekontoServer server, String org, String userId) {
        HttpResponse<String> added = server.admin().post("/realms/servicekonto/organizations/" + org + "/members", userId);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    private static void promote(ServicekontoServer server, String adminToken, String org, String userId) {
        HttpResponse<String> role = organisations(server, "PUT", "/organisations/" + org + "/members/" + userId + "/role",
                adminToken, Map.of("role", "ADMIN"));
        assertThat(role.statusCode()).as(role.body()).isEqualTo(200);
    }

    private static HttpResponse<String> organisations(ServicekontoServer server, String method, String path, String bearer,
                                                      Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/sk-organisations" + path))
                .header("Accept", "application/json").header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json");
        request.method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        return Http.send(HTTP, request.build());
    }

    private static long count(String sql) throws SQLException {
        try (Connection db = pf.database(); Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
