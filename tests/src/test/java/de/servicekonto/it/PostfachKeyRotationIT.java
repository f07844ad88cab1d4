package de.servicekonto.it;

import static de.servicekonto.it.support.PostfachFixture.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rotation of the realm's key-encryption key (docs/crypto.md): the new key goes first in the vault secret, the
 * server rewraps the data keys of the Postfach and of the Dokumentensafe in the background (each its own task), then
 * the old key can be removed — and the content, never re-encrypted, still opens.
 */
@ServicekontoServerTest
class PostfachKeyRotationIT {

    private static final String SECRET = "sk-postfach-kek";
    private static final String REALM = "(select ID from REALM where NAME = 'servicekonto')";
    private static final String POSTFACH_KEYS = "select WRAPPED from SK_PF_DATA_KEY where REALM_ID = " + REALM;
    private static final String SAFE_KEYS = "select WRAPPED_KEY from SK_DS_SAFE where WRAPPED_KEY is not null and REALM_ID = " + REALM;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void givenNewRealmKeyThenDataKeysAreRewrappedAndMessagesOpenAfterTheOldKeyIsGone(ServicekontoServer server) throws Exception {
        PostfachFixture pf = new PostfachFixture(server);
        String[] citizen = pf.account("Rita");
        String[] clerk = pf.account("Kurt");
        String authority = pf.authority("Steueramt", true, clerk[1]);
        String subject = "Vor der Rotation " + System.nanoTime();
        pf.send(pf.token(citizen[0]), "me", Map.of("to", Map.of("kind", "authority", "id", authority),
                "subject", subject, "body", "Text vor der Rotation"));
        String portal = PostfachFixture.withSafeScopes(server, PostfachFixture.portalClient(server, Map.of()));
        String safeToken = pf.token(citizen[0], "openid dokumentensafe:read dokumentensafe:write", portal);
        byte[] document = ("Zeugnis vor der Rotation " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> uploaded = Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri()
                        + "/dokumentensafe/me/documents?filename=Zeugnis.txt"))
                .header("Authorization", "Bearer " + safeToken).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String documentId = Json.parse(uploaded.body()).path("id").asText();
        String before = server.vaultSecret(SECRET).strip();
        String oldKid = before.split(":", 2)[0];
        assertThat(kids(pf, POSTFACH_KEYS)).contains(oldKid);
        assertThat(kids(pf, SAFE_KEYS)).contains(oldKid);

        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        String newKid = "rot-" + System.nanoTime() % 100000;
        String newKey = newKid + ":" + Base64.getEncoder().encodeToString(fresh);
        server.replaceVaultSecret(SECRET, newKey + "," + before);
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while ((kids(pf, POSTFACH_KEYS).contains(oldKid) || kids(pf, SAFE_KEYS).contains(oldKid))
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
            }
            assertThat(kids(pf, POSTFACH_KEYS)).as("every Postfach data key rewrapped with the new realm key")
                    .doesNotContain(oldKid).contains(newKid);
            assertThat(kids(pf, SAFE_KEYS)).as("every safe's data key rewrapped with the new realm key")
                    .doesNotContain(oldKid).contains(newKid);

            // The old key leaves the vault; what was encrypted before the rotation opens all the same.
            server.replaceVaultSecret(SECRET, newKey);
            JsonNode inbox = ok(pf.get(pf.token(clerk[0]), "/mailboxes/" + authority + "/messages?folder=inbox"));
            assertThat(inbox.path("messages").get(0).path("subject").asText()).isEqualTo(subject);
            JsonNode sent = ok(pf.get(pf.token(citizen[0]), "/mailboxes/me/messages?folder=sent"));
            assertThat(sent.path("messages").get(0).path("subject").asText()).isEqualTo(subject);
            HttpResponse<byte[]> content = HTTP.send(HttpRequest.newBuilder(URI.create(server.realmUri()
                            + "/dokumentensafe/me/documents/" + documentId + "/content"))
                    .header("Authorization", "Bearer " + safeToken).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(content.statusCode()).isEqualTo(200);
            assertThat(content.body()).as("the safe's document, encrypted before the rotation").isEqualTo(document);
        } finally {
            // Later tests keep working with whatever keys exist now: keep the new key current, the old one readable.
            server.replaceVaultSecret(SECRET, newKey + "," + before);
        }
    }

    /** The key ids the realm's wrapped data keys name (format: version, kid length, kid, …; docs/crypto.md). */
    private static List<String> kids(PostfachFixture pf, String query) throws Exception {
        List<String> kids = new ArrayList<>();
        try (Connection db = pf.database(); ResultSet rows = db.createStatement().executeQuery(query)) {
            while (rows.next()) {
                byte[] wrapped = Base64.getDecoder().decode(rows.getString(1));
                kids.add(new String(wrapped, 2, wrapped[1] & 0xff, StandardCharsets.US_ASCII));
            }
        }
        return kids;
    }
}
