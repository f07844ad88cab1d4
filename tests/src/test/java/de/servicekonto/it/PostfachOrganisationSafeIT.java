package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static de.servicekonto.it.support.PostfachFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.Registrations;
import de.servicekonto.it.support.SafeCalls;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An organisation's mailbox with the organisation's Dokumentensafe through the real server (docs/postfach.md, "With
 * the Dokumentensafe"; issue #16): an administrator attaches a document of the organisation's safe, saves an
 * attachment and a notice with its receipt into it (into a folder of their choice), and an authority delivers a notice
 * into it; each byte for byte and in the acting administrator's activity log. Refused, with nothing stored or sent: a
 * plain member (no Postfach role), another organisation's administrator, a personal document from the organisation's
 * mailbox and the organisation's document from a personal mailbox, a token without the safe's scope, a session below
 * the content's level, the organisation safe's quota and per-file limit.
 */
@ServicekontoServerTest
class PostfachOrganisationSafeIT {

    private static final String ALL_SCOPES = "openid postfach:read postfach:send dokumentensafe:read dokumentensafe:write";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PostfachFixture pf;
    private static SafeCalls safes;
    private static ServicekontoServer server;
    /** A portal for the Postfach, the safe and the organisations account API (to register organisations). */
    private static String portal;
    private static String[] clerk;
    private static String authority;

    @BeforeAll
    static void aPortalAndAnAuthority(ServicekontoServer server) {
        PostfachOrganisationSafeIT.server = server;
        pf = new PostfachFixture(server);
        safes = new SafeCalls(server);
        portal = PostfachFixture.withSafeScopes(server,
                PostfachFixture.portalClient(server, Map.of("sk.organisations.accountApi", "true")));
        clerk = pf.account("Amtsrätin");
        authority = pf.authority("Gewerbeaufsicht", true, clerk[1]);
    }

    /** An organisation with an administrator (index 0: username, 1: id, 2: token) and a plain member. */
    private record Firm(String id, String name, String[] admin, String adminToken, String[] member) {
    }

    private static Firm firm(String adminName, String memberName) {
        String[] admin = pf.account(adminName);
        String adminToken = pf.token(admin[0], ALL_SCOPES, portal);
        String name = adminName + " GmbH " + suffix();
        HttpResponse<String> created = Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri()
                        + "/sk-organisations/organisations")).header("Accept", "application/json")
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Registrations.organisation(name)))).build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = Json.parse(created.body()).path("id").asText();
        String[] member = pf.account(memberName);
        HttpResponse<String> joined = server.admin().post("/realms/servicekonto/organizations/" + id + "/members", member[1]);
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
        return new Firm(id, name, admin, adminToken, member);
    }

    @Test
    void givenADocumentOfTheOrganisationsSafeWhenItsAdministratorAttachesItThenTheAuthorityReceivesItAndNobodyElseReachesIt() {
        Firm firm = firm("Anke", "Bernd");
        byte[] pdf = PostfachIT.pdf(40_000);
        String document = upload(firm.adminToken(), "/organisations/" + firm.id(), "Handelsregisterauszug.pdf", pdf);

        JsonNode sent = pf.send(firm.adminToken(), firm.id(), Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", "Antrag mit Registerauszug", "body", "siehe Anlage",
                "attachments", List.of(Map.of("fromSafe", document))));
        assertThat(sent.path("attachmentCount").asInt()).isEqualTo(1);
        String clerkToken = pf.token(clerk[0]);
        String inboxId = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages")).path("messages").get(0)
                .path("id").asText();
        JsonNode message = ok(pf.get(clerkToken, "/mailboxes/" + authority + "/messages/" + inboxId));
        assertThat(message.path("sender").path("id").asText()).isEqualTo(firm.id());
        JsonNode attachment = message.path("attachments").get(0);
        assertThat(attachment.path("filename").asText()).isEqualTo("Handelsregisterauszug.pdf");
        assertThat(pf.getBytes(clerkToken, "/mailboxes/" + authority + "/messages/" + inboxId + "/attachments/"
                + attachment.path("id").asText()).body()).isEqualTo(pdf);

        // The reply to the authority's answer attaches from the organisation's safe too.
        HttpResponse<String> answer = pf.post(clerkToken, "/mailboxes/" + authority + "/messages/" + inboxId + "/reply",
                Map.of("subject", "Rückfrage", "body", "Bitte den Auszug erneut senden."));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        String answerId = ok(pf.get(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages")).path("messages").get(0)
                .path("id").asText();
        HttpResponse<String> reply = pf.post(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages/" + answerId
                + "/reply", Map.of("subject", "Auszug", "body", "anbei", "attachments", List.of(Map.of("fromSafe", document))));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(201);
        assertThat(Json.parse(reply.body()).path("attachmentCount").asInt()).isEqualTo(1);

        Map<String, Object> fromSafe = Map.of("to", Map.of("kind", "authority", "id", authority), "subject", "s",
                "body", "b", "attachments", List.of(Map.of("fromSafe", document)));
        // A plain member of the organisation holds no Postfach role for it.
        String memberToken = pf.token(firm.member()[0], ALL_SCOPES, portal);
        refused(pf.post(memberToken, "/mailboxes/" + firm.id() + "/messages", fromSafe), 403, "forbidden");
        // Another organisation's administrator: not through its mailbox (the Postfach's 403, as for every mailbox
        // one may not use), and not from its own mailbox either (the document is not in its safe).
        Firm other = firm("Dora", "Emil");
        refused(pf.post(other.adminToken(), "/mailboxes/" + firm.id() + "/messages", fromSafe), 403, "forbidden");
        refused(pf.post(other.adminToken(), "/mailboxes/" + other.id() + "/messages", fromSafe), 404, "not_found");
        // The organisation's document from the administrator's personal mailbox, and a personal document from the
        // organisation's mailbox: not found, exactly as an unknown id.
        refused(pf.post(firm.adminToken(), "/mailboxes/me/messages", fromSafe), 404, "not_found");
        String personal = upload(firm.adminToken(), "/me", "Privat.pdf", PostfachIT.pdf(3_000));
        refused(pf.post(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages", Map.of("to", Map.of("kind",
                "authority", "id", authority), "subject", "s", "body", "b",
                "attachments", List.of(Map.of("fromSafe", personal)))), 404, "not_found");
        refused(pf.post(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages", Map.of("to", Map.of("kind",
                "authority", "id", authority), "subject", "s", "body", "b",
                "attachments", List.of(Map.of("fromSafe", UUID.randomUUID().toString())))), 404, "not_found");
        // A token with the Postfach's scopes only does not reach the organisation's safe through the Postfach.
        refused(pf.post(pf.token(firm.admin()[0], PostfachFixture.SCOPES, portal), "/mailboxes/" + firm.id() + "/messages",
                fromSafe), 403, "insufficient_scope");
        // The organisation's messages: the two sent ones only.
        assertThat(ok(pf.get(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages?folder=sent")).path("messages"))
                .hasSize(2);
        assertThat(ok(pf.get(other.adminToken(), "/mailboxes/" + other.id() + "/messages?folder=sent")).path("messages"))
                .isEmpty();

        // Shared twice, by the administrator, with the organisation named; nothing for the refused calls.
        String inOrg = document + " (" + firm.name() + ")";
        assertThat(activity(firm.admin()[1])).filteredOn(entry -> entry.contains(document))
                .containsExactly("DOCUMENT_UPLOADED " + inOrg, "DOCUMENT_SHARED " + inOrg, "DOCUMENT_SHARED " + inOrg);
        assertThat(activity(firm.member()[1])).isEmpty();
        assertThat(activity(other.admin()[1])).isEmpty();
    }

    @Test
    void givenANoticeToTheOrganisationThenItsAttachmentAndTheNoticeWithItsReceiptAreSavedIntoTheOrganisationsSafe() {
        Firm firm = firm("Frieda", "Gustav");
        String clerkToken = pf.token(clerk[0]);
        byte[] pdf = PostfachIT.pdf(15_000);
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "organisation", "id", firm.id()),
                "subject", "Gewerbeuntersagung", "body", "Hiermit wird verfügt.", "notice", true,
                "attachments", List.of(staged(clerkToken, "Verfügung.pdf", pdf))));
        String box = "/mailboxes/" + firm.id() + "/messages/";
        String inboxId = ok(pf.get(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages")).path("messages").get(0)
                .path("id").asText();
        String attachmentId = ok(pf.get(firm.adminToken(), box + inboxId)).path("attachments").get(0).path("id").asText();
        String safe = "/organisations/" + firm.id();
        HttpResponse<String> created = safeCall(firm.adminToken(), "POST", safe + "/folders", "{\"name\":\"Behörden\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String contracts = Json.parse(created.body()).path("id").asText();

        // The attachment, at the top of the organisation's safe.
        HttpResponse<String> saved = pf.post(firm.adminToken(), box + inboxId + "/attachments/" + attachmentId
                + "/save-to-safe", (String) null);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(201);
        String document = Json.parse(saved.body()).path("documentIds").get(0).asText();
        assertThat(bytes(firm.adminToken(), safe + "/documents/" + document + "/content")).isEqualTo(pdf);
        // A member of the organisation reads it in the organisation's safe, the administrator's own safe is empty.
        String memberToken = pf.token(firm.member()[0], ALL_SCOPES, portal);
        assertThat(bytes(memberToken, safe + "/documents/" + document + "/content")).isEqualTo(pdf);
        assertThat(ok(safeCall(firm.adminToken(), "GET", "/me", null)).path("documents").asInt()).isZero();

        // The notice with its receipt, into the folder the administrator chose.
        HttpResponse<String> notice = pf.post(firm.adminToken(), box + inboxId + "/save-to-safe?folder=" + contracts,
                (String) null);
        assertThat(notice.statusCode()).as(notice.body()).isEqualTo(201);
        JsonNode ids = Json.parse(notice.body()).path("documentIds");
        assertThat(ids).hasSize(2);
        String receipt = new String(bytes(firm.adminToken(), safe + "/documents/" + ids.get(0).asText() + "/content"),
                StandardCharsets.UTF_8);
        assertThat(receipt).contains("Gewerbeuntersagung").contains("Hiermit wird verfügt.").contains("Zustellnachweis")
                .contains("Erstmals abgerufen / First retrieved: 20").contains("Verfügung.pdf");
        assertThat(receipt.lines().filter(line -> line.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")))
                .as("the signed receipt").hasSize(1);
        assertThat(bytes(firm.adminToken(), safe + "/documents/" + ids.get(1).asText() + "/content")).isEqualTo(pdf);
        assertThat(ok(safeCall(firm.adminToken(), "GET", safe + "/documents?folder=" + contracts, null)).path("documents"))
                .extracting(d -> d.path("id").asText())
                .containsExactlyInAnyOrder(ids.get(0).asText(), ids.get(1).asText());
        assertThat(ok(safeCall(firm.adminToken(), "GET", safe + "/folders", null)).path("folders"))
                .as("no folder Bescheide: the chosen one took the notice").hasSize(1);
        // Without a folder a notice goes into "Bescheide", as for a person.
        HttpResponse<String> again = pf.post(firm.adminToken(), box + inboxId + "/save-to-safe", (String) null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(ok(safeCall(firm.adminToken(), "GET", safe + "/folders", null)).path("folders"))
                .extracting(f -> f.path("name").asText()).containsExactlyInAnyOrder("Behörden", "Bescheide");

        int stored = ok(safeCall(firm.adminToken(), "GET", safe, null)).path("documents").asInt();
        assertThat(stored).isEqualTo(5);
        // Refused, nothing stored: a plain member (no Postfach role); another organisation's administrator through
        // this mailbox, and with this organisation's folder from its own mailbox; the administrator's personal
        // mailbox naming the organisation's folder; a token without the safe's write scope; a folder that is no id.
        refused(pf.post(memberToken, box + inboxId + "/save-to-safe", (String) null), 403, "forbidden");
        refused(pf.post(memberToken, box + inboxId + "/attachments/" + attachmentId + "/save-to-safe", (String) null),
                403, "forbidden");
        Firm other = firm("Hanna", "Ingo");
        refused(pf.post(other.adminToken(), box + inboxId + "/save-to-safe", (String) null), 403, "forbidden");
        String otherNotice = sendNotice(clerkToken, other, PostfachIT.pdf(2_000));
        refused(pf.post(other.adminToken(), "/mailboxes/" + other.id() + "/messages/" + otherNotice
                + "/save-to-safe?folder=" + contracts, (String) null), 404, "not_found");
        String personalNotice = sendNoticeToPerson(clerkToken, firm);
        refused(pf.post(firm.adminToken(), "/mailboxes/me/messages/" + personalNotice + "/save-to-safe?folder=" + contracts,
                (String) null), 404, "not_found");
        refused(pf.post(firm.adminToken(), "/mailboxes/me/messages/" + inboxId + "/save-to-safe", (String) null), 404,
                "not_found");
        refused(pf.post(firm.adminToken(), box + inboxId + "/save-to-safe?folder=..%2F..", (String) null), 404, "not_found");
        refused(pf.post(pf.token(firm.admin()[0], "openid postfach:read postfach:send dokumentensafe:read", portal),
                box + inboxId + "/save-to-safe", (String) null), 403, "insufficient_scope");
        assertThat(ok(safeCall(firm.adminToken(), "GET", safe, null)).path("documents").asInt()).isEqualTo(stored);
        assertThat(ok(safeCall(other.adminToken(), "GET", "/organisations/" + other.id(), null)).path("documents").asInt())
                .isZero();
        assertThat(ok(safeCall(firm.adminToken(), "GET", "/me", null)).path("documents").asInt()).isZero();

        // The organisation safe's limits: its quota and its per-file limit, 413 with the safe's code, nothing stored.
        server.setRealmAttribute("sk.dokumentensafe.quotaBytes", String.valueOf(usedBytes(firm) + 10_000));
        try {
            refused(pf.post(firm.adminToken(), box + inboxId + "/save-to-safe", (String) null), 413, "quota_exceeded");
        } finally {
            server.setRealmAttribute("sk.dokumentensafe.quotaBytes", String.valueOf(500L * 1024 * 1024));
        }
        server.setRealmAttribute("sk.dokumentensafe.maxFileBytes", "10000");
        try {
            refused(pf.post(firm.adminToken(), box + inboxId + "/attachments/" + attachmentId + "/save-to-safe",
                    (String) null), 413, "file_too_large");
        } finally {
            server.setRealmAttribute("sk.dokumentensafe.maxFileBytes", String.valueOf(100L * 1024 * 1024));
        }
        assertThat(ok(safeCall(firm.adminToken(), "GET", safe, null)).path("documents").asInt()).isEqualTo(stored);

        // Each save is in the acting administrator's log with the organisation named; the others' logs hold nothing.
        String inOrg = " (" + firm.name() + ")";
        assertThat(activity(firm.admin()[1])).contains("DOCUMENT_SAVED_FROM_POSTFACH " + document + inOrg,
                "DOCUMENT_SAVED_FROM_POSTFACH " + ids.get(0).asText() + inOrg,
                "DOCUMENT_SAVED_FROM_POSTFACH " + ids.get(1).asText() + inOrg)
                .filteredOn(entry -> entry.startsWith("DOCUMENT_SAVED_FROM_POSTFACH")).hasSize(5);
        assertThat(activity(firm.member()[1])).noneMatch(entry -> entry.startsWith("DOCUMENT_SAVED_FROM_POSTFACH"));
        assertThat(activity(other.admin()[1])).isEmpty();
    }

    @Test
    void givenANoticeDeliveredIntoTheOrganisationsSafeThenItIsInBescheideAtItsLevelAndAFullSafeStillGetsTheNotice() {
        Firm firm = firm("Jana", "Kai");
        String clerkToken = pf.token(clerk[0]);
        byte[] pdf = PostfachIT.pdf(9_000);
        JsonNode sent = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "organisation", "id", firm.id()),
                "subject", "Bescheid", "body", "in den Safe der Firma", "notice", true, "intoSafe", true,
                "minimumTrustLevel", "substanziell", "attachments", List.of(staged(clerkToken, "Auflage.pdf", pdf))));
        assertThat(sent.path("safeCopy").path("stored").asBoolean()).as(sent.toString()).isTrue();
        String document = sent.path("safeCopy").path("documentIds").get(0).asText();
        String safe = "/organisations/" + firm.id();
        String folder = null;
        for (JsonNode f : ok(safeCall(firm.adminToken(), "GET", safe + "/folders", null)).path("folders")) {
            if ("Bescheide".equals(f.path("name").asText())) {
                folder = f.path("id").asText();
            }
        }
        assertThat(folder).as("the folder Bescheide of the organisation's safe").isNotNull();
        // The copy keeps the notice's level: a password session (niedrig) of the administrator sees it locked,
        // cannot download it, nor attach it to a message, nor save the notice itself again.
        JsonNode listed = ok(safeCall(firm.adminToken(), "GET", safe + "/documents?folder=" + folder, null))
                .path("documents").get(0);
        assertThat(listed.path("id").asText()).isEqualTo(document);
        assertThat(listed.path("locked").asBoolean()).isTrue();
        assertThat(listed.path("requiredLevel").asText()).isEqualTo("substanziell");
        refused(safeCall(firm.adminToken(), "GET", safe + "/documents/" + document + "/content", null), 401,
                "step_up_required");
        refused(pf.post(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages", Map.of("to", Map.of("kind",
                "authority", "id", authority), "subject", "s", "body", "b",
                "attachments", List.of(Map.of("fromSafe", document)))), 401, "step_up_required");
        String inboxId = ok(pf.get(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages")).path("messages").get(0)
                .path("id").asText();
        refused(pf.post(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages/" + inboxId + "/save-to-safe",
                (String) null), 401, "step_up_required");
        assertThat(ok(safeCall(firm.adminToken(), "GET", safe, null)).path("documents").asInt()).isEqualTo(1);
        // Nobody acted: the delivery is in no member's log (the authority did it; the log is per person).
        assertThat(activity(firm.admin()[1])).noneMatch(entry -> entry.contains(document));

        // Full: the notice is delivered, the answer says the copy failed, the organisation's safe holds nothing of it.
        server.setRealmAttribute("sk.dokumentensafe.quotaBytes", String.valueOf(usedBytes(firm) + 1_000));
        try {
            JsonNode full = pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "organisation", "id", firm.id()),
                    "subject", "Zweiter Bescheid", "body", "passt nicht", "notice", true, "intoSafe", true,
                    "attachments", List.of(staged(clerkToken, "Zweite.pdf", PostfachIT.pdf(8_000)))));
            assertThat(full.path("safeCopy").path("stored").asBoolean()).isFalse();
            assertThat(full.path("safeCopy").path("error").asText()).isEqualTo("quota_exceeded");
        } finally {
            server.setRealmAttribute("sk.dokumentensafe.quotaBytes", String.valueOf(500L * 1024 * 1024));
        }
        assertThat(ok(pf.get(firm.adminToken(), "/mailboxes/" + firm.id() + "/messages")).path("messages")).hasSize(2);
        assertThat(ok(safeCall(firm.adminToken(), "GET", safe, null)).path("documents").asInt()).isEqualTo(1);
    }

    // --- helpers ---

    /** A notice with an attachment to the organisation; its id in the organisation's inbox. */
    private static String sendNotice(String clerkToken, Firm to, byte[] pdf) {
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "organisation", "id", to.id()), "subject", "Bescheid",
                "body", "b", "notice", true, "attachments", List.of(staged(clerkToken, "Anlage.pdf", pdf))));
        return newest(to.adminToken(), "/mailboxes/" + to.id() + "/messages");
    }

    /** A notice to the organisation's administrator as a person; its id in the personal inbox. */
    private static String sendNoticeToPerson(String clerkToken, Firm firm) {
        pf.send(clerkToken, authority, Map.of("to", Map.of("kind", "user", "id", firm.admin()[1]), "subject", "Persönlich",
                "body", "b", "notice", true, "attachments", List.of(staged(clerkToken, "Persönlich.pdf", PostfachIT.pdf(1_000)))));
        return newest(firm.adminToken(), "/mailboxes/me/messages");
    }

    private static String newest(String token, String path) {
        return ok(pf.get(token, path)).path("messages").get(0).path("id").asText();
    }

    private static long usedBytes(Firm firm) {
        return ok(safeCall(firm.adminToken(), "GET", "/organisations/" + firm.id(), null)).path("usedBytes").asLong();
    }

    private static String staged(String clerkToken, String name, byte[] pdf) {
        return pf.staged(clerkToken, authority, name, pdf);
    }

    /** Uploads into a safe ({@code /me} or {@code /organisations/{id}}); returns the document's id. */
    private static String upload(String token, String safe, String filename, byte[] content) {
        return safes.uploaded(token, safe, filename, "application/pdf", content).path("id").asText();
    }

    private static HttpResponse<String> safeCall(String token, String method, String path, String json) {
        return safes.call(token, method, path, json);
    }

    private static byte[] bytes(String token, String path) {
        HttpResponse<byte[]> response = safes.bytes(token, path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static List<String> activity(String userId) {
        return safes.activity(userId);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
