package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static de.servicekonto.it.support.PostfachFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security hardening of the Postfach (issue #14): actions on a message need its level, suspended authorities do
 * nothing, removal paths that skip Keycloak's UserRemovedEvent, service-account tokens of other clients, content
 * bound to level and notice flag, invisible characters in subjects and file names.
 */
@ServicekontoServerTest
class PostfachHardeningIT {

    private static PostfachFixture pf;
    private static ServicekontoServer server;
    private static String[] clerk;
    private static String authority;
    private static String system;

    @BeforeAll
    static void anAuthorityWithAClerkAndItsFachverfahren(ServicekontoServer running) {
        server = running;
        pf = new PostfachFixture(running);
        clerk = pf.account("Sachbearbeiterin");
        authority = pf.authority("Landratsamt", true, clerk[1]);
        system = pf.fachverfahren(authority);
    }

    // --- item 2: every action on a message needs its level ---

    @Test
    void givenHochMessageAndHochNoticeThenANiedrigSessionCanNeitherMarkNorMoveNorDeleteNorRestoreThem() {
        String[] citizen = pf.account("Hanna");
        String systemToken = pf.clientToken(system);
        JsonNode message = pf.send(systemToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Ärztliches Gutachten", "body", "Vertraulich", "minimumTrustLevel", "hoch"));
        JsonNode notice = pf.send(systemToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Bescheid Eingliederungshilfe", "body", "Vertraulich", "minimumTrustLevel", "hoch",
                "notice", true));
        String low = pf.token(citizen[0]);
        assertThat(Json.jwtClaims(low).path("acr").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");
        JsonNode inbox = ok(pf.get(low, "/mailboxes/me/messages")).path("messages");
        assertThat(inbox).hasSize(2);

        Map<String, Function<String, HttpResponse<String>>> actions = new LinkedHashMap<>();
        actions.put("mark read", id -> pf.post(low, "/mailboxes/me/messages/" + id + "/read", ""));
        actions.put("mark unread", id -> pf.delete(low, "/mailboxes/me/messages/" + id + "/read"));
        actions.put("archive", id -> pf.post(low, "/mailboxes/me/messages/" + id + "/archive", ""));
        actions.put("delete", id -> pf.delete(low, "/mailboxes/me/messages/" + id));
        actions.put("restore", id -> pf.post(low, "/mailboxes/me/messages/" + id + "/restore", ""));
        for (JsonNode listed : inbox) {
            String id = listed.path("id").asText();
            actions.forEach((name, action) -> {
                HttpResponse<String> response = action.apply(id);
                refused(response, 401, "step_up_required");
                // RFC 9470, the same challenge as for reading the message.
                assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).as(name)
                        .contains("error=\"insufficient_user_authentication\"")
                        .contains("acr_values=\"" + PostfachFixture.HIGH + "\"");
            });
        }

        // Nothing changed: both still unread in the inbox, nothing archived or in the trash, the notice not retrieved.
        JsonNode after = ok(pf.get(low, "/mailboxes/me/messages")).path("messages");
        assertThat(after).hasSize(2);
        after.forEach(m -> assertThat(m.path("read").asBoolean()).isFalse());
        assertThat(ok(pf.get(low, "/mailboxes/me/messages?folder=archive")).path("messages")).isEmpty();
        assertThat(ok(pf.get(low, "/mailboxes/me/messages?folder=trash")).path("messages")).isEmpty();
        String receiptPath = "/mailboxes/" + authority + "/messages/" + notice.path("id").asText() + "/receipt";
        assertThat(notRetrieved(ok(pf.get(systemToken, receiptPath)))).isTrue();

        // The receipt of a hoch notice needs a hoch session too (a clerk's password login is niedrig); the authority's
        // outgoing copy of the message cannot be marked in a niedrig session either.
        refused(pf.get(pf.token(clerk[0]), receiptPath), 401, "step_up_required");
        refused(pf.post(pf.token(clerk[0]), "/mailboxes/" + authority + "/messages/" + message.path("id").asText()
                + "/read", ""), 401, "step_up_required");
    }

    @Test
    void givenACitizensReplyToAHochMessageThenTheReplyIsHochToo() {
        String high = pf.eidToken();
        String citizen = Json.jwtClaims(high).path("sub").asText();
        String systemToken = pf.clientToken(system);
        JsonNode message = pf.send(systemToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen),
                "subject", "Befund", "body", "Vertraulich", "minimumTrustLevel", "hoch"));

        // The citizen answers without naming a level, quoting the protected content.
        HttpResponse<String> reply = pf.post(high, "/mailboxes/me/messages/" + inboxId(high, "Befund") + "/reply",
                Map.of("subject", "Re: Befund", "body", "Zu Ihrem Befund: Vertraulich"));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        assertThat(Json.parse(reply.body()).path("minimumTrustLevel").asText()).isEqualTo("hoch");

        // In the authority's mailbox the reply is as protected as the message it answers.
        JsonNode received = null;
        for (JsonNode listed : ok(pf.get(systemToken, "/mailboxes/" + authority + "/messages")).path("messages")) {
            if ("Re: Befund".equals(listed.path("subject").asText())
                    && message.path("threadId").asText().equals(listed.path("threadId").asText())) {
                received = listed;
            }
        }
        assertThat(received).as("the reply in the authority's inbox").isNotNull();
        String replyId = received.path("id").asText();
        assertThat(received.path("minimumTrustLevel").asText()).isEqualTo("hoch");
        refused(pf.get(pf.token(clerk[0]), "/mailboxes/" + authority + "/messages/" + replyId), 401, "step_up_required");
        assertThat(received.path("threadId").asText()).isEqualTo(message.path("threadId").asText());
    }

    private static String inboxId(String token, String subject) {
        for (JsonNode listed : ok(pf.get(token, "/mailboxes/me/messages")).path("messages")) {
            if (subject.equals(listed.path("subject").asText())) {
                return listed.path("id").asText();
            }
        }
        throw new AssertionError("no message " + subject);
    }

    @Test
    void givenNoticeNeverOpenedThenItCannotBeDeletedUntilItsRecipientOpenedIt() {
        String[] citizen = pf.account("Otto");
        String systemToken = pf.clientToken(system);
        JsonNode notice = pf.send(systemToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Festsetzung Hundesteuer", "body", "Betrag: 90 EUR", "notice", true));
        String receiptPath = "/mailboxes/" + authority + "/messages/" + notice.path("id").asText() + "/receipt";
        String token = pf.token(citizen[0]);
        String id = ok(pf.get(token, "/mailboxes/me/messages")).path("messages").get(0).path("id").asText();

        refused(pf.delete(token, "/mailboxes/me/messages/" + id), 409, "notice_not_retrieved");
        assertThat(ok(pf.get(token, "/mailboxes/me/messages")).path("messages")).hasSize(1);
        assertThat(ok(pf.get(token, "/mailboxes/me/messages?folder=trash")).path("messages")).isEmpty();
        assertThat(notRetrieved(ok(pf.get(systemToken, receiptPath)))).as("refusal is no retrieval").isTrue();

        ok(pf.get(token, "/mailboxes/me/messages/" + id));
        assertThat(notRetrieved(ok(pf.get(systemToken, receiptPath)))).isFalse();
        assertThat(ok(pf.delete(token, "/mailboxes/me/messages/" + id)).path("folder").asText()).isEqualTo("trash");
    }

    // --- item 3: a suspended authority does nothing ---

    @Test
    void givenAuthoritySuspendedThenNeitherItsFachverfahrenNorItsStaffReadSendOrChangeAnythingUntilReactivated()
            throws Exception {
        String[] staff = pf.account("Susanne");
        String[] citizen = pf.account("Carl");
        String amt = pf.authority("Ausländerbehörde", true, staff[1]);
        String client = pf.fachverfahren(amt);
        String oldClientToken = pf.clientToken(client);
        String oldStaffToken = pf.token(staff[0]);
        String citizenToken = pf.token(citizen[0]);
        JsonNode notice = pf.send(oldClientToken, amt, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Aufenthaltstitel", "body", "Bitte vorsprechen", "notice", true));
        pf.send(citizenToken, "me", Map.of("to", Map.of("kind", "authority", "id", amt),
                "subject", "Meine Adresse", "body", "Neue Anschrift: Hauptstraße 1"));
        JsonNode fromCitizen = ok(pf.get(oldStaffToken, "/mailboxes/" + amt + "/messages")).path("messages").get(0);
        String citizenMessage = fromCitizen.path("id").asText();
        String noticeInCitizenBox = ok(pf.get(citizenToken, "/mailboxes/me/messages")).path("messages").get(0)
                .path("id").asText();
        String rows = "select count(*) from SK_PF_MESSAGE m join SK_PF_MAILBOX b on m.MAILBOX_ID = b.ID where b.OWNER_ID = ?";
        long before = server.count(rows, amt);

        pf.authorityStatus(amt, "SUSPENDED");

        List<String> tokens = new ArrayList<>(List.of(oldClientToken, oldStaffToken));
        tokens.add(pf.clientToken(client));
        tokens.add(pf.token(staff[0]));
        String box = "/mailboxes/" + amt;
        Map<String, Object> toCitizen = Map.of("to", Map.of("kind", "user", "id", citizen[1]), "subject", "s", "body", "b");
        for (String token : tokens) {
            refused(pf.get(token, box + "/folders"), 403, "authority_not_active");
            refused(pf.get(token, box + "/messages"), 403, "authority_not_active");
            refused(pf.get(token, box + "/messages/" + citizenMessage), 403, "authority_not_active");
            refused(pf.get(token, box + "/messages/" + citizenMessage + "/thread"), 403, "authority_not_active");
            refused(pf.get(token, box + "/messages/" + notice.path("id").asText() + "/receipt"), 403, "authority_not_active");
            refused(pf.post(token, box + "/messages", toCitizen), 403, "authority_not_active");
            refused(pf.post(token, box + "/messages/" + citizenMessage + "/reply", Map.of("subject", "s", "body", "b")),
                    403, "authority_not_active");
            refused(pf.post(token, box + "/messages/" + citizenMessage + "/read", ""), 403, "authority_not_active");
            refused(pf.post(token, box + "/messages/" + citizenMessage + "/archive", ""), 403, "authority_not_active");
            refused(pf.delete(token, box + "/messages/" + citizenMessage), 403, "authority_not_active");
            refused(pf.upload(token, amt, "a.pdf", "application/pdf", PostfachIT.pdf(100)), 403, "authority_not_active");
        }
        // Citizens can neither write to it nor answer its notice.
        refused(pf.post(citizenToken, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", amt),
                "subject", "s", "body", "b")), 400, "recipient_inactive");
        refused(pf.post(citizenToken, "/mailboxes/me/messages/" + noticeInCitizenBox + "/reply",
                Map.of("subject", "s", "body", "b")), 400, "recipient_inactive");
        // Its rows stay as they were (evidence for the operator), unread and where they were.
        assertThat(server.count(rows, amt)).isEqualTo(before);

        pf.authorityStatus(amt, "ACTIVE");
        JsonNode again = ok(pf.get(pf.token(staff[0]), box + "/messages")).path("messages");
        assertThat(again.get(0).path("id").asText()).isEqualTo(citizenMessage);
        assertThat(again.get(0).path("read").asBoolean()).isFalse();
        assertThat(ok(pf.get(pf.clientToken(client), box + "/messages/" + notice.path("id").asText() + "/receipt"))
                .path("messageRef").asText()).isEqualTo(notice.path("messageRef").asText());
    }

    // --- item 8: every removal path shreds ---

    @Test
    void givenManagedMemberRemovedThroughKeycloaksOrganizationsApiThenItsPostfachAndActivityLogAreGone() throws Exception {
        String[] member = pf.account("Mirko");
        String token = pf.token(member[0]);
        pf.send(token, "me", Map.of("to", Map.of("kind", "authority", "id", authority), "subject", "Antrag", "body", "b"));
        String org = pf.authority("Stadtwerke", true, member[1]);
        assertThat(server.count("select count(*) from SK_PF_DATA_KEY where OWNER_ID = ?", "u:" + member[1])).isEqualTo(1);
        assertThat(server.count("select count(*) from SK_PF_MAILBOX where OWNER_ID = ?", member[1])).isEqualTo(1);
        assertThat(server.count("select count(*) from SK_ACTIVITY where USER_ID = ?", member[1])).isPositive();
        // A managed membership is what an organisation's identity provider creates at a broker login; made here
        // directly, since the test server has no such provider. Keycloak deletes a managed member's account on removal
        // through session.users().removeUser, which publishes UserPreRemovedEvent but no UserRemovedEvent.
        try (Connection db = server.writableDatabase(); PreparedStatement update = db.prepareStatement(
                "update USER_GROUP_MEMBERSHIP set MEMBERSHIP_TYPE = 'MANAGED' where USER_ID = ?"
                        + " and GROUP_ID = (select GROUP_ID from ORG where ID = ?)")) {
            update.setString(1, member[1]);
            update.setString(2, org);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        HttpResponse<String> removed = server.admin().delete("/realms/servicekonto/organizations/" + org + "/members/"
                + member[1]);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(204);
        assertThat(server.count("select count(*) from USER_ENTITY where ID = ?", member[1])).as("account deleted").isZero();

        assertThat(server.count("select count(*) from SK_PF_DATA_KEY where OWNER_ID = ?", "u:" + member[1])).isZero();
        assertThat(server.count("select count(*) from SK_PF_MAILBOX where OWNER_ID = ?", member[1])).isZero();
        assertThat(server.count("select count(*) from SK_ACTIVITY where USER_ID = ?", member[1])).isZero();
    }

    // --- item 9: a service account acts only with its own client's token ---

    @Test
    void givenServiceAccountTokenHeldByAnotherClientThroughTokenExchangeThenRefused() {
        String holder = pf.fachverfahren("");
        // The Fachverfahren's tokens name the other client as an audience, and that client may exchange tokens: it
        // gets a token whose subject is the Fachverfahren's service account but whose azp is itself.
        String fachverfahrenId = server.admin().get("/realms/servicekonto/clients?clientId=" + system).get(0).path("id").asText();
        HttpResponse<String> mapper = server.admin().post("/realms/servicekonto/clients/" + fachverfahrenId
                + "/protocol-mappers/models", Map.of("name", "audience " + holder, "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.client.audience", holder,
                        "access.token.claim", "true")));
        assertThat(mapper.statusCode()).as(mapper.body()).isEqualTo(201);
        ObjectNode holderClient = (ObjectNode) server.admin().get("/realms/servicekonto/clients?clientId=" + holder).get(0);
        holderClient.with("attributes").put("standard.token.exchange.enabled", "true");
        HttpResponse<String> updated = server.admin().put("/realms/servicekonto/clients/" + holderClient.path("id").asText(),
                holderClient);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);

        String own = pf.clientToken(system);
        HttpResponse<String> exchanged = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create(server.realmUri() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type="
                        + URLEncoder.encode("urn:ietf:params:oauth:grant-type:token-exchange", StandardCharsets.UTF_8)
                        + "&client_id=" + holder + "&client_secret=secret-" + holder + "&subject_token=" + own
                        + "&subject_token_type="
                        + URLEncoder.encode("urn:ietf:params:oauth:token-type:access_token", StandardCharsets.UTF_8)))
                .build());
        assertThat(exchanged.statusCode()).as(exchanged.body()).isEqualTo(200);
        String foreign = Json.parse(exchanged.body()).path("access_token").asText();
        JsonNode claims = Json.jwtClaims(foreign);
        assertThat(claims.path("sub").asText()).isEqualTo(Json.jwtClaims(own).path("sub").asText());
        assertThat(claims.path("azp").asText()).isEqualTo(holder);
        assertThat(claims.path("scope").asText()).contains("postfach:read");
        assertThat(claims.path("aud").toString()).contains("\"postfach\"");

        ok(pf.get(own, "/mailboxes/" + authority + "/folders"));
        refused(pf.get(foreign, "/mailboxes/" + authority + "/folders"), 403, "foreign_service_account_token");
        refused(pf.get(foreign, "/mailboxes/" + authority + "/messages"), 403, "foreign_service_account_token");
        refused(pf.post(foreign, "/mailboxes/" + authority + "/messages", Map.of("to", Map.of("kind", "user",
                "id", clerk[1]), "subject", "s", "body", "b")), 403, "foreign_service_account_token");
    }

    // --- item 10: content bound to level and notice flag ---

    @Test
    void givenMinimumLevelOrNoticeFlagChangedInTheDatabaseThenTheMessageNoLongerOpensAndNothingLeaks() throws Exception {
        String[] citizen = pf.account("Ida");
        String systemToken = pf.clientToken(system);
        pf.send(systemToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Befund Geheim-A", "body", "Inhalt Geheim-B", "minimumTrustLevel", "hoch"));
        pf.send(systemToken, authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Hinweis Geheim-C", "body", "Inhalt Geheim-D"));
        String low = pf.token(citizen[0]);
        JsonNode inbox = ok(pf.get(low, "/mailboxes/me/messages")).path("messages");
        String plain = null;
        String hoch = null;
        for (JsonNode m : inbox) {
            if ("hoch".equals(m.path("minimumTrustLevel").asText())) {
                hoch = m.path("id").asText();
            } else {
                plain = m.path("id").asText();
            }
        }
        assertThat(hoch).isNotNull();
        assertThat(plain).isNotNull();
        refused(pf.get(low, "/mailboxes/me/messages/" + hoch), 401, "step_up_required");
        assertThat(ok(pf.get(low, "/mailboxes/me/messages/" + plain)).path("subject").asText()).isEqualTo("Hinweis Geheim-C");

        try (Connection db = server.writableDatabase()) {
            for (String[] change : List.of(new String[] {"update SK_PF_MESSAGE set MIN_LOA = 1 where ID = ?", hoch},
                    new String[] {"update SK_PF_MESSAGE set NOTICE = TRUE where ID = ?", plain})) {
                try (PreparedStatement update = db.prepareStatement(change[0])) {
                    update.setString(1, change[1]);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
            }
        }

        for (String id : List.of(hoch, plain)) {
            HttpResponse<String> opened = pf.get(low, "/mailboxes/me/messages/" + id);
            refused(opened, 409, "content_integrity");
            assertThat(opened.body()).doesNotContain("Geheim");
        }
        HttpResponse<String> listed = pf.get(low, "/mailboxes/me/messages");
        JsonNode messages = ok(listed).path("messages");
        assertThat(listed.body()).doesNotContain("Geheim");
        messages.forEach(m -> {
            assertThat(m.path("contentIntegrity").asText()).isEqualTo("failed");
            assertThat(m.path("locked").asBoolean()).isTrue();
        });
        // Setting the format column back to the older associated data does not help either.
        try (Connection db = server.writableDatabase(); PreparedStatement update = db.prepareStatement(
                "update SK_PF_MESSAGE set CONTENT_FORMAT = NULL where ID = ?")) {
            update.setString(1, hoch);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        refused(pf.get(low, "/mailboxes/me/messages/" + hoch), 409, "content_integrity");
    }

    // --- item 6b: no invisible characters in subjects and file names ---

    @Test
    void givenBidiControlOrZeroWidthCharacterInSubjectOrFileNameThenRefusedAndNothingStored() throws Exception {
        String[] citizen = pf.account("Rita");
        String token = pf.token(citizen[0]);
        // The last one as an HTML entity: the HTML reduction turns it into the character, and then it is refused.
        for (String subject : List.of("Rechnung \u202Efdp.exe", "Bescheid\u200B", "\u2066Antrag\u2069",
                "<b>&#x202E;Antrag</b>")) {
            refused(pf.post(token, "/mailboxes/me/messages", Map.of("to", Map.of("kind", "authority", "id", authority),
                    "subject", subject, "body", "b")), 400, "invisible_characters");
        }
        for (String filename : List.of("Rechnung\u202Efdp.exe.pdf", "Bescheid\uFEFF.pdf", "Antrag\u200F.pdf")) {
            refused(pf.upload(token, "me", filename, "application/pdf", PostfachIT.pdf(100)), 400, "invisible_characters");
        }
        assertThat(server.count("select count(*) from SK_PF_MAILBOX where OWNER_ID = ?", citizen[1])).isZero();
        // Right-to-left text itself is fine.
        pf.send(token, "me", Map.of("to", Map.of("kind", "authority", "id", authority), "subject", "طلب Antrag",
                "body", "b"));
    }

    /** The receipt's evidence has no first retrieval (the API leaves out or nulls members without a value). */
    private static boolean notRetrieved(JsonNode evidence) {
        JsonNode retrieved = evidence.path("firstRetrievedAt");
        return retrieved.isMissingNode() || retrieved.isNull();
    }
}
