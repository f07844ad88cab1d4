package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.SafeCalls;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dokumentensafe through the real server (docs/dokumentensafe.md): a 50 MB round trip through an upload session
 * byte for byte with the server's live heap not growing by the file's size (streamed), the HTTP server's own 413 for
 * a body above its limit, upload sessions' rules, limits and types refused with stable codes and
 * nothing stored, another person's ids 404, no token or another realm's token 401, no plaintext in the raw rows, and
 * account deletion taking the key and every row along.
 */
@ServicekontoServerTest
class DokumentensafeIT {

    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String SCOPES = "openid dokumentensafe:read dokumentensafe:write";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String portal;

    @BeforeAll
    static void portalAllowedToAskForTheSafeScopes(ServicekontoServer server) {
        portal = "safe-portal-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", portal, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + portal,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String internalId = id(created);
        for (String name : List.of("dokumentensafe:read", "dokumentensafe:write")) {
            String scopeId = null;
            for (JsonNode scope : server.admin().get("/realms/servicekonto/client-scopes")) {
                if (name.equals(scope.path("name").asText())) {
                    scopeId = scope.path("id").asText();
                }
            }
            assertThat(scopeId).as("client scope " + name + " from the realm configuration").isNotNull();
            HttpResponse<String> added = server.admin().put("/realms/servicekonto/clients/" + internalId
                    + "/optional-client-scopes/" + scopeId, Map.of());
            assertThat(added.statusCode()).as(added.body()).isEqualTo(204);
        }
    }

    @Test
    void givenFiftyMegabytesInPartsWhenUploadedAndDownloadedThenByteExactAndTheServerNeverHeldTheFile(
            ServicekontoServer server) throws Exception {
        String[] owner = account(server);
        String token = token(server, owner[0], SCOPES);
        long size = 50L * 1024 * 1024;
        long midway = 40L * 1024 * 1024;

        // Warm-up: a smaller document through the same paths (session, parts, complete, download), so that what a
        // first use costs once (classes, JIT, connection and buffer pools, caches) is paid before the baseline.
        MessageDigest warmDigest = MessageDigest.getInstance("SHA-256");
        String warm = sessionUpload(server, token, "warm.pdf", 10L * 1024 * 1024, warmDigest, -1, null).path("id").asText();
        assertThat(downloadDigest(server, token, warm, -1, null)).isEqualTo(HexFormat.of().formatHex(warmDigest.digest()));

        // The measure: the median of three samples of the live heap, each after a full GC in the server. At the
        // midway points 40 MiB of the document have gone into (or out of) the server. A server that kept the parts
        // (or their ciphertext) on the heap until completion, or read the document whole to send it, would hold
        // those 40 MiB then; one that streams holds a part's buffers at most (64 KiB segments in flight; nothing of
        // a finished part). So a growth far below 40 MiB, after the warm-up took the one-off costs, proves streaming;
        // the median takes out a background task that happens to run during one sample.
        long before = medianLiveHeap(server);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        long[] afterFortyUploaded = {-1};
        JsonNode document = sessionUpload(server, token, "gross.pdf", size, sent, midway,
                () -> afterFortyUploaded[0] = medianLiveHeap(server));
        assertThat(document.path("size").asLong()).isEqualTo(size);
        assertThat(document.path("name").asText()).isEqualTo("gross.pdf");
        assertThat(document.path("type").asText()).isEqualTo("application/pdf");

        // The download against a baseline of its own, taken once the upload is complete: what the server keeps of
        // something that ran between the two (a first run of a timer task in the shared server, as once after the
        // single-logout tests: 15 MB kept for good) is no part of the download's footprint.
        long beforeDownload = medianLiveHeap(server);
        long[] duringDownload = {-1};
        List<String> spooledDuringDownload = new ArrayList<>();
        String received = downloadDigest(server, token, document.path("id").asText(), midway, () -> {
            duringDownload[0] = medianLiveHeap(server);
            spooledDuringDownload.addAll(openTemporaryFiles(server));
        });
        assertThat(received).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        assertThat(spooledDuringDownload).as("no temporary file open in the server midway through the download")
                .isEmpty();
        long after = medianLiveHeap(server);

        long limit = 16L * 1024 * 1024;
        String growth = "live heap growth: " + (afterFortyUploaded[0] - before) + " bytes with 40 MiB uploaded (before: "
                + before + "), " + (duringDownload[0] - beforeDownload) + " with 40 MiB downloaded, "
                + (after - beforeDownload) + " after (before the download: " + beforeDownload + ")";
        System.out.println(growth);
        assertThat(afterFortyUploaded[0] - before).as(growth).isLessThan(limit);
        assertThat(duringDownload[0] - beforeDownload).as(growth).isLessThan(limit);
        assertThat(after - beforeDownload).as(growth).isLessThan(limit);
    }

    @Test
    void givenADocumentTrashedWhileItIsDownloadedThenTheResponseBreaksOffInsteadOfEndingAsIfComplete(
            ServicekontoServer server) throws Exception {
        String[] owner = account(server);
        String token = token(server, owner[0], SCOPES);
        long size = 20L * 1024 * 1024;
        String id = sessionUpload(server, token, "weg.pdf", size, MessageDigest.getInstance("SHA-256"), -1, null)
                .path("id").asText();
        HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(URI.create(server.realmUri()
                        + "/dokumentensafe/me/documents/" + id + "/content"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(size);
        long count = 0;
        boolean broken = false;
        try (InputStream in = download.body()) {
            count += in.readNBytes(1024 * 1024).length;
            // The request's transaction was committed before the first byte (its activity-log entry is visible to
            // another connection now), not held open while the client reads.
            assertThat(server.count("select count(*) from SK_ACTIVITY where USER_ID = ? and TYPE = 'DOCUMENT_DOWNLOADED'",
                    owner[1])).isEqualTo(1);
            // Each piece is read in a transaction of its own: the next one finds the document in the trash.
            ok(call(server, token, "DELETE", "/documents/" + id, null));
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                count += n;
            }
        } catch (IOException e) {
            broken = true;
        }
        assertThat(count).as("bytes received of " + size).isLessThan(size);
        assertThat(broken).as("the body ends with an error, not as a shorter complete one").isTrue();
    }

    @Test
    void givenTheAccountLockedWhileItDownloadsThenTheResponseBreaksOffAtTheNextPiece(ServicekontoServer server)
            throws Exception {
        String[] owner = account(server);
        String token = token(server, owner[0], SCOPES);
        long size = 20L * 1024 * 1024;
        String id = sessionUpload(server, token, "gesperrt.pdf", size, MessageDigest.getInstance("SHA-256"), -1, null)
                .path("id").asText();
        HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(URI.create(server.realmUri()
                        + "/dokumentensafe/me/documents/" + id + "/content"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        long count = 0;
        boolean broken = false;
        try (InputStream in = download.body()) {
            count += in.readNBytes(1024 * 1024).length;
            // Locked as the help desk locks an account: disabled. The document itself stays as it was.
            com.fasterxml.jackson.databind.node.ObjectNode user = (com.fasterxml.jackson.databind.node.ObjectNode)
                    server.admin().get("/realms/servicekonto/users/" + owner[1]);
            user.put("enabled", false);
            HttpResponse<String> disabled = server.admin().put("/realms/servicekonto/users/" + owner[1], user);
            assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(204);
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                count += n;
            }
        } catch (IOException e) {
            broken = true;
        }
        assertThat(count).as("bytes received of " + size).isLessThan(size);
        assertThat(broken).as("the body ends with an error, not as a shorter complete one").isTrue();
        assertThat(server.count("select count(*) from SK_DS_DOCUMENT where ID = ?", id)).as("the document stays").isEqualTo(1);
    }

    @Test
    void givenOneRowsNameTamperedInTheDatabaseThenTheListShowsItDamagedAndActionsOnItAnswer409(ServicekontoServer server)
            throws Exception {
        String[] owner = account(server);
        String token = token(server, owner[0], SCOPES);
        String good = ok(upload(server, token, "Zeugnis.pdf", "application/pdf", pdf(2_000))).path("id").asText();
        String bad = ok(upload(server, token, "Vertrag.pdf", "application/pdf", pdf(2_000))).path("id").asText();
        // Another document's encrypted name copied into this row: well-formed, but bound to the other id.
        try (Connection db = server.writableDatabase(); var update = db.prepareStatement(
                "update SK_DS_DOCUMENT set NAME_ENC = (select NAME_ENC from SK_DS_DOCUMENT where ID = ?) where ID = ?")) {
            update.setString(1, good);
            update.setString(2, bad);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        JsonNode listed = ok(call(server, token, "GET", "/documents", null)).path("documents");
        assertThat(listed).hasSize(2);
        for (JsonNode document : listed) {
            if (document.path("id").asText().equals(bad)) {
                assertThat(document.path("damaged").asBoolean()).isTrue();
                List<String> members = new ArrayList<>();
                document.fieldNames().forEachRemaining(members::add);
                assertThat(members).as("the id and the mark, nothing else").containsExactlyInAnyOrder("id", "damaged");
            } else {
                assertThat(document.path("name").asText()).isEqualTo("Zeugnis.pdf");
                assertThat(document.has("damaged")).isFalse();
            }
        }
        assertThat(ok(call(server, token, "GET", "/documents?q=pdf", null)).path("documents").toString())
                .contains(good).doesNotContain(bad);

        HttpResponse<String> download = Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri()
                + "/dokumentensafe/me/documents/" + bad + "/content")).header("Authorization", "Bearer " + token).GET().build());
        refused(download, 409, "content_integrity");
        refused(call(server, token, "POST", "/documents/" + bad + "/rename", "{\"name\":\"Neu.pdf\"}"), 409, "content_integrity");
        refused(call(server, token, "POST", "/documents/" + bad + "/move", "{\"folder\":null}"), 409, "content_integrity");
        refused(call(server, token, "DELETE", "/documents/" + bad, null), 409, "content_integrity");
        assertThat(ok(call(server, token, "GET", "/documents", null)).path("documents")).as("nothing changed").hasSize(2);
    }

    @Test
    void givenABodyAboveTheHttpServersLimitThenItAnswers413AndNot500(ServicekontoServer server) throws Exception {
        String[] owner = account(server);
        String token = token(server, owner[0], SCOPES);
        byte[] body = pdf(11 * 1024 * 1024);
        HttpClient http11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // With "Expect: 100-continue" the client waits for the server's word before sending the body: Quarkus reads
        // the Content-Length, answers 413 with an empty body and never asks for the body.
        HttpResponse<String> refused = http11.send(uploadRequest(server, token, body).expectContinue(true).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("Quarkus refuses the body before the resource").isEqualTo(413);
        assertThat(refused.body()).isEmpty();
        // Without it, the server answers the same 413 as soon as it has read the headers and closes the connection;
        // a client still sending may see the connection closed before it reads the answer (over HTTP/2: GOAWAY).
        // Either way never a 500, and nothing is stored.
        try {
            HttpResponse<String> answer = http11.send(uploadRequest(server, token, body).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(413);
        } catch (IOException closed) {
            System.out.println("body above the limit without Expect: connection closed (" + closed + ")");
        }
        assertThat(rows(server, owner[1])).as("no safe, no key, no row").isZero();
    }

    @Test
    void givenUploadSessionsThenPartsInOrderOfExactSizeAndAnotherPersonsAbortedOrExpiredSessions404(
            ServicekontoServer server) throws Exception {
        String[] owner = account(server);
        String token = token(server, owner[0], SCOPES);
        int partSize = 8 * 1024 * 1024;
        byte[] content = pdf(partSize + 1000);
        JsonNode session = ok(call(server, token, "POST", "/uploads", "{\"filename\":\"antrag.pdf\",\"folder\":null,"
                + "\"size\":" + content.length + ",\"contentType\":\"application/pdf\"}"));
        assertThat(session.path("partSize").asInt()).isEqualTo(partSize);
        assertThat(session.path("parts").asInt()).isEqualTo(2);
        assertThat(session.path("expiresAt").asLong()).isGreaterThan(System.currentTimeMillis());
        String id = session.path("id").asText();

        HttpResponse<String> early = part(server, token, id, 1, Arrays.copyOfRange(content, partSize, content.length));
        refused(early, 409, "part_out_of_order");
        assertThat(Json.parse(early.body()).path("expected").asInt()).isZero();
        refused(part(server, token, id, 0, Arrays.copyOf(content, 1000)), 400, "invalid_part_size");
        byte[] program = Arrays.copyOf(content, partSize);
        program[0] = 'M';
        program[1] = 'Z';
        refused(part(server, token, id, 0, program), 415, "content_type_mismatch");
        refused(part(server, token, id, 0x7fffffff, program), 400, "invalid_request");

        String otherToken = token(server, account(server)[0], SCOPES);
        for (String[] c : List.of(new String[] {"POST", "/uploads/" + id + "/complete"}, new String[] {"DELETE", "/uploads/" + id})) {
            refused(call(server, otherToken, c[0], c[1], null), 404, "not_found");
            assertThat(call(server, null, c[0], c[1], null).statusCode()).isEqualTo(401);
        }
        refused(part(server, otherToken, id, 0, Arrays.copyOf(content, partSize)), 404, "not_found");
        assertThat(part(server, null, id, 0, Arrays.copyOf(content, partSize)).statusCode()).isEqualTo(401);

        assertThat(part(server, token, id, 0, Arrays.copyOf(content, partSize)).statusCode()).isEqualTo(204);
        refused(call(server, token, "POST", "/uploads/" + id + "/complete", null), 409, "upload_incomplete");
        assertThat(part(server, token, id, 1, Arrays.copyOfRange(content, partSize, content.length)).statusCode()).isEqualTo(204);
        JsonNode document = ok(call(server, token, "POST", "/uploads/" + id + "/complete", null));
        assertThat(document.path("id").asText()).isEqualTo(id);
        assertThat(document.path("size").asLong()).isEqualTo(content.length);
        refused(call(server, token, "POST", "/uploads/" + id + "/complete", null), 404, "not_found");
        // An abort of the completed session is 404 and takes nothing of the document (its parts are the document's).
        refused(call(server, token, "DELETE", "/uploads/" + id, null), 404, "not_found");
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(server.realmUri()
                + "/dokumentensafe/me/documents/" + id + "/content")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(content);

        // Aborted: gone with its parts. Expired (its time set back in the database): gone for every call.
        String aborted = ok(call(server, token, "POST", "/uploads", "{\"filename\":\"b.pdf\",\"size\":" + content.length
                + ",\"contentType\":\"application/pdf\"}")).path("id").asText();
        assertThat(part(server, token, aborted, 0, Arrays.copyOf(content, partSize)).statusCode()).isEqualTo(204);
        assertThat(call(server, token, "DELETE", "/uploads/" + aborted, null).statusCode()).isEqualTo(204);
        refused(part(server, token, aborted, 1, Arrays.copyOfRange(content, partSize, content.length)), 404, "not_found");
        refused(call(server, token, "DELETE", "/uploads/" + aborted, null), 404, "not_found");
        assertThat(server.count("select count(*) from SK_DS_SEGMENT where CONTENT_ID = ?", aborted)).isZero();
        String expiring = ok(call(server, token, "POST", "/uploads", "{\"filename\":\"c.pdf\",\"size\":10,"
                + "\"contentType\":\"application/pdf\"}")).path("id").asText();
        try (Connection db = server.database(); var update = db.prepareStatement("update SK_DS_UPLOAD set EXPIRES_AT = 1 where ID = ?")) {
            update.setString(1, expiring);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        refused(part(server, token, expiring, 0, pdf(10)), 404, "not_found");
        refused(call(server, token, "POST", "/uploads/" + expiring + "/complete", null), 404, "not_found");
        refused(call(server, token, "POST", "/uploads", "{\"filename\":\"d.pdf\",\"size\":\"10\","
                + "\"contentType\":\"application/pdf\"}"), 400, "invalid_request");
    }

    @Test
    void givenLimitsAndTypesThenStableCodesAndNothingStored(ServicekontoServer server) throws Exception {
        String[] owner = account(server);
        String token = token(server, owner[0], SCOPES);
        server.setRealmAttribute("sk.dokumentensafe.quotaBytes", String.valueOf(1024 * 1024));
        server.setRealmAttribute("sk.dokumentensafe.maxFileBytes", String.valueOf(700 * 1024));
        try {
            refused(upload(server, token, "seite.html", "text/html", "<html>".getBytes(StandardCharsets.UTF_8)),
                    415, "type_not_allowed");
            byte[] program = new byte[4096];
            program[0] = 'M';
            program[1] = 'Z';
            refused(upload(server, token, "rechnung.pdf", "application/pdf", program), 415, "content_type_mismatch");
            refused(upload(server, token, "notiz.txt", "text/plain", program), 415, "content_type_mismatch");
            refused(upload(server, token, "leer.pdf", "application/pdf", new byte[0]), 400, "empty_document");
            refused(upload(server, token, "a/b.pdf", "application/pdf", pdf(100)), 400, "invalid_name");
            refused(upload(server, token, "rechnung\u202Efdp.exe", "application/pdf", pdf(100)), 400, "invalid_name");
            // Declared too large (Content-Length), and too large only while streaming (no length: chunked).
            refused(upload(server, token, "gross.pdf", "application/pdf", pdf(800 * 1024)), 413, "file_too_large");
            refused(chunked(server, token, "gross.pdf", pdf(800 * 1024)), 413, "file_too_large");
            assertThat(rows(server, owner[1])).as("no safe, no key, no row after refusals").isZero();

            assertThat(upload(server, token, "eins.pdf", "application/pdf", pdf(600 * 1024)).statusCode()).isEqualTo(201);
            refused(upload(server, token, "zwei.pdf", "application/pdf", pdf(600 * 1024)), 413, "quota_exceeded");
            refused(chunked(server, token, "zwei.pdf", pdf(600 * 1024)), 413, "quota_exceeded");
            assertThat(documentCount(server, owner[1])).isEqualTo(1);
            JsonNode usage = ok(call(server, token, "GET", "", null));
            assertThat(usage.path("usedBytes").asLong()).isEqualTo(600 * 1024);
            assertThat(usage.path("quotaBytes").asLong()).isEqualTo(1024 * 1024);

            // Upload sessions: checked when they open; an open one reserves its size, also against single uploads.
            refused(begin(server, token, "gross.pdf", 800 * 1024, "application/pdf"), 413, "file_too_large");
            refused(begin(server, token, "zwei.pdf", 500 * 1024, "application/pdf"), 413, "quota_exceeded");
            refused(begin(server, token, "seite.html", 100, "text/html"), 415, "type_not_allowed");
            refused(begin(server, token, "a/b.pdf", 100, "application/pdf"), 400, "invalid_name");
            String reserving = ok(begin(server, token, "zwei.pdf", 400 * 1024, "application/pdf")).path("id").asText();
            assertThat(ok(call(server, token, "GET", "", null)).path("reservedBytes").asLong()).isEqualTo(400 * 1024);
            refused(upload(server, token, "drei.pdf", "application/pdf", pdf(100 * 1024)), 413, "quota_exceeded");
            refused(begin(server, token, "drei.pdf", 100 * 1024, "application/pdf"), 413, "quota_exceeded");
            assertThat(call(server, token, "DELETE", "/uploads/" + reserving, null).statusCode()).isEqualTo(204);
            assertThat(upload(server, token, "drei.pdf", "application/pdf", pdf(100 * 1024)).statusCode()).isEqualTo(201);
        } finally {
            server.setRealmAttribute("sk.dokumentensafe.quotaBytes", "");
            server.setRealmAttribute("sk.dokumentensafe.maxFileBytes", "");
        }
    }

    @Test
    void givenAnotherPersonsIdsNoTokenOrAnotherRealmsTokenThen404Or401OnEveryEndpoint(ServicekontoServer server) {
        String[] owner = account(server);
        String ownerToken = token(server, owner[0], SCOPES);
        String doc = Json.parse(upload(server, ownerToken, "mein.pdf", "application/pdf", pdf(1000)).body()).path("id").asText();
        String folder = ok(call(server, ownerToken, "POST", "/folders", "{\"name\":\"Urkunden\"}")).path("id").asText();
        String otherToken = token(server, account(server)[0], SCOPES);
        String foreignRealm = masterToken(server);

        List<String[]> withIds = List.of(
                new String[] {"GET", "/documents/" + doc + "/content", null},
                new String[] {"POST", "/documents/" + doc + "/rename", "{\"name\":\"x.pdf\"}"},
                new String[] {"POST", "/documents/" + doc + "/move", "{\"folder\":null}"},
                new String[] {"DELETE", "/documents/" + doc, null},
                new String[] {"POST", "/documents/" + doc + "/restore", null},
                new String[] {"GET", "/documents?folder=" + folder, null},
                new String[] {"POST", "/folders/" + folder + "/rename", "{\"name\":\"x\"}"},
                new String[] {"POST", "/folders/" + folder + "/move", "{\"parent\":null}"},
                new String[] {"DELETE", "/folders/" + folder, null});
        for (String[] c : withIds) {
            refused(call(server, otherToken, c[0], c[1], c[2]), 404, "not_found");
            assertThat(call(server, null, c[0], c[1], c[2]).statusCode()).as("no token: " + c[1]).isEqualTo(401);
            assertThat(call(server, foreignRealm, c[0], c[1], c[2]).statusCode()).as("another realm: " + c[1]).isEqualTo(401);
            assertThat(call(server, "x.y.z", c[0], c[1], c[2]).statusCode()).as("garbage: " + c[1]).isEqualTo(401);
        }
        // Still there, untouched, for its owner; a token without the write scope may not write.
        assertThat(ok(call(server, ownerToken, "GET", "/documents", null)).path("documents").get(0).path("name").asText())
                .isEqualTo("mein.pdf");
        String readOnly = token(server, owner[0], "openid dokumentensafe:read");
        refused(call(server, readOnly, "DELETE", "/documents/" + doc, null), 403, "insufficient_scope");
        refused(call(server, token(server, owner[0], "openid"), "GET", "/documents", null), 401, "unauthorized");
    }

    @Test
    void givenFoldersRenameMoveSearchAndTrashThenTheSafeBehavesAndTheActivityLogRecords(ServicekontoServer server)
            throws Exception {
        String[] owner = account(server);
        String token = token(server, owner[0], SCOPES);
        String top = ok(call(server, token, "POST", "/folders", "{\"name\":\"Bescheide\"}")).path("id").asText();
        String parent = top;
        for (int depth = 2; depth <= 8; depth++) {
            parent = ok(call(server, token, "POST", "/folders", "{\"name\":\"Ebene " + depth + "\",\"parent\":\"" + parent + "\"}"))
                    .path("id").asText();
        }
        refused(call(server, token, "POST", "/folders", "{\"name\":\"zu tief\",\"parent\":\"" + parent + "\"}"), 409, "folder_too_deep");
        refused(call(server, token, "POST", "/folders/" + top + "/move", "{\"parent\":\"" + parent + "\"}"), 409, "folder_cycle");

        HttpResponse<String> stored = Http.send(HTTP, HttpRequest.newBuilder(documents(server, "?filename="
                        + URLEncoder.encode("Steuerbescheid 2025.pdf", StandardCharsets.UTF_8) + "&folder=" + top))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf(2000))).build());
        String doc = ok(stored).path("id").asText();
        refused(call(server, token, "DELETE", "/folders/" + top, null), 409, "folder_not_empty");
        assertThat(ok(call(server, token, "GET", "/documents?folder=" + top, null)).path("documents")).hasSize(1);
        assertThat(ok(call(server, token, "GET", "/documents?q=STEUER", null)).path("documents").get(0).path("id").asText())
                .isEqualTo(doc);
        assertThat(ok(call(server, token, "GET", "/documents?q=rente", null)).path("documents")).isEmpty();

        assertThat(ok(call(server, token, "POST", "/documents/" + doc + "/rename", "{\"name\":\"Bescheid 2025.pdf\"}"))
                .path("name").asText()).isEqualTo("Bescheid 2025.pdf");
        assertThat(call(server, token, "POST", "/documents/" + doc + "/move", "{\"folder\":null}").statusCode()).isEqualTo(204);
        assertThat(ok(call(server, token, "GET", "/documents", null)).path("documents").get(0).path("name").asText())
                .isEqualTo("Bescheid 2025.pdf");

        JsonNode deleted = ok(call(server, token, "DELETE", "/documents/" + doc, null));
        assertThat(deleted.path("restorableUntil").asLong()).isGreaterThan(System.currentTimeMillis());
        refused(call(server, token, "GET", "/documents/" + doc + "/content", null), 409, "document_deleted");
        assertThat(ok(call(server, token, "GET", "/documents?trash=true", null)).path("documents")).hasSize(1);
        assertThat(call(server, token, "POST", "/documents/" + doc + "/restore", null).statusCode()).isEqualTo(204);
        assertThat(call(server, token, "GET", "/documents/" + doc + "/content", null).statusCode()).isEqualTo(200);
        assertThat(ok(call(server, token, "GET", "/folders", null)).path("folders")).hasSize(8);

        List<String> activity = new ArrayList<>();
        try (Connection db = server.database(); var query = db.prepareStatement(
                "select TYPE, DETAIL from SK_ACTIVITY where USER_ID = ? and TYPE like 'DOCUMENT_%' order by EVENT_TIME")) {
            query.setString(1, owner[1]);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    activity.add(rs.getString(1) + " " + rs.getString(2));
                }
            }
        }
        assertThat(activity).containsExactly("DOCUMENT_UPLOADED " + doc, "DOCUMENT_DELETED " + doc, "DOCUMENT_DOWNLOADED " + doc);
    }

    @Test
    void givenStoredDocumentsThenRawRowsHoldNoPlaintextAndAccountDeletionLeavesNoKeyAndNoRow(ServicekontoServer server)
            throws Exception {
        String[] owner = account(server);
        String token = token(server, owner[0], SCOPES);
        String marker = "Geheimvermerk-" + UUID.randomUUID();
        byte[] text = ("Vertraulich: " + marker + "\n").repeat(50).getBytes(StandardCharsets.UTF_8);
        String name = "Arztbrief-" + marker + ".txt";
        ok(upload(server, token, name, "text/plain", text));
        ok(call(server, token, "POST", "/folders", "{\"name\":\"Ordner-" + marker + "\"}"));
        String session = ok(begin(server, token, "Antrag-" + marker + ".txt", text.length, "text/plain")).path("id").asText();
        assertThat(part(server, token, session, 0, text).statusCode()).isEqualTo(204);
        ok(begin(server, token, "Offen-" + marker + ".txt", 100, "text/plain"));

        try (Connection db = server.database()) {
            for (String table : List.of("SK_DS_SAFE", "SK_DS_FOLDER", "SK_DS_DOCUMENT", "SK_DS_SEGMENT", "SK_DS_UPLOAD")) {
                for (byte[] row : rawValues(db, table)) {
                    assertThat(new String(row, StandardCharsets.ISO_8859_1)).as(table).doesNotContain(marker);
                }
            }
        }
        assertThat(server.count("select count(*) from SK_DS_SAFE where OWNER_ID = ? and WRAPPED_KEY is not null", owner[1]))
                .isEqualTo(1);

        assertThat(server.admin().delete("/realms/servicekonto/users/" + owner[1]).statusCode()).isEqualTo(204);
        assertThat(rows(server, owner[1])).as("no safe (so no key), no folder, no document, no session").isZero();
        assertThat(server.count("select count(*) from SK_DS_SEGMENT where CONTENT_ID = ?", session)).as("no segment").isZero();
    }

    // --- helpers ---

    /** A PDF-looking stream of {@code size} deterministic bytes, digested as it is read; pauses once at {@code midway}. */
    private static final class PdfLike extends InputStream {
        private final long size;
        private final MessageDigest digest;
        private final long midway;
        private Runnable atMidway;
        private final Random random = new Random(16);
        private long position;

        PdfLike(long size, MessageDigest digest, long midway, Runnable atMidway) {
            this.size = size;
            this.digest = digest;
            this.midway = midway;
            this.atMidway = atMidway;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            if (atMidway != null && position >= midway) {
                atMidway.run();
                atMidway = null;
            }
            int n = (int) Math.min(len, size - position);
            byte[] chunk = new byte[n];
            random.nextBytes(chunk);
            byte[] magic = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < n && position + i < magic.length; i++) {
                chunk[i] = magic[(int) position + i];
            }
            System.arraycopy(chunk, 0, b, off, n);
            digest.update(chunk);
            position += n;
            return n;
        }
    }

    /**
     * Uploads {@code size} PDF-like bytes through an upload session, part by part ({@code digest} sees what was
     * sent); runs {@code atMidway} once the parts sent reach {@code midway} bytes. Answers the completed document.
     */
    private static JsonNode sessionUpload(ServicekontoServer server, String token, String filename, long size,
                                          MessageDigest digest, long midway, Runnable atMidway) throws IOException {
        JsonNode session = ok(begin(server, token, filename, size, "application/pdf"));
        int partSize = session.path("partSize").asInt();
        int parts = session.path("parts").asInt();
        assertThat(partSize).isEqualTo(8 * 1024 * 1024);
        assertThat(parts).isEqualTo((int) ((size + partSize - 1) / partSize));
        String id = session.path("id").asText();
        try (InputStream source = new PdfLike(size, digest, Long.MAX_VALUE, null)) {
            long sentBytes = 0;
            for (int i = 0; i < parts; i++) {
                byte[] part = source.readNBytes(partSize);
                HttpResponse<String> stored = part(server, token, id, i, part);
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(204);
                sentBytes += part.length;
                if (atMidway != null && sentBytes >= midway) {
                    atMidway.run();
                    atMidway = null;
                }
            }
        }
        HttpResponse<String> completed = call(server, token, "POST", "/uploads/" + id + "/complete", null);
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(201);
        return Json.parse(completed.body());
    }

    /** Downloads a document checking its headers, digesting it; runs {@code atMidway} after {@code midway} bytes. */
    private static String downloadDigest(ServicekontoServer server, String token, String id, long midway,
                                         Runnable atMidway) throws Exception {
        HttpResponse<InputStream> download = HTTP.send(HttpRequest.newBuilder(URI.create(server.realmUri()
                        + "/dokumentensafe/me/documents/" + id + "/content"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment; filename*=UTF-8''");
        assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(download.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        long count = 0;
        try (InputStream in = download.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                received.update(buffer, 0, n);
                count += n;
                if (atMidway != null && midway >= 0 && count >= midway) {
                    atMidway.run();
                    atMidway = null;
                }
            }
        }
        return HexFormat.of().formatHex(received.digest());
    }

    /**
     * The files the server process has open in a temporary directory under the safe's prefix ({@code sk-safe-}), read
     * from {@code /proc/<pid>/fd}: only this server's, not those of another process on the machine.
     */
    private static List<String> openTemporaryFiles(ServicekontoServer server) {
        java.nio.file.Path fds = java.nio.file.Path.of("/proc", String.valueOf(server.pid()), "fd");
        assertThat(fds).as("Linux /proc of the server").isDirectory();
        List<String> open = new ArrayList<>();
        try (var links = java.nio.file.Files.list(fds)) {
            for (java.nio.file.Path link : (Iterable<java.nio.file.Path>) links::iterator) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(link).toString();
                    if (target.contains("sk-safe-")) {
                        open.add(target);
                    }
                } catch (IOException e) {
                    // closed between listing and reading
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return open;
    }

    /** The median of three samples of the server's live heap. */
    private static long medianLiveHeap(ServicekontoServer server) {
        long[] samples = {liveHeap(server), liveHeap(server), liveHeap(server)};
        Arrays.sort(samples);
        return samples[1];
    }

    private static HttpResponse<String> begin(ServicekontoServer server, String token, String filename, long size, String type) {
        return call(server, token, "POST", "/uploads", "{\"filename\":" + Json.write(filename) + ",\"size\":" + size
                + ",\"contentType\":\"" + type + "\"}");
    }

    private static HttpResponse<String> part(ServicekontoServer server, String token, String id, int index, byte[] bytes) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/dokumentensafe/me/uploads/"
                + id + "/parts/" + index)).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(HTTP, request.build());
    }

    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{([^}]*)}\\s+([0-9.Ee+-]+)$", Pattern.MULTILINE);

    /**
     * The server's live heap: a full GC in the server JVM ({@code jcmd <pid> GC.run}, no JMX), then the heap pools'
     * {@code jvm_memory_used_bytes} from its metrics endpoint.
     */
    private static long liveHeap(ServicekontoServer server) {
        try {
            Process gc = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(server.pid()), "GC.run").redirectErrorStream(true).start();
            String output = new String(gc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(gc.waitFor()).as(output).isZero();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String metrics = Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.managementUri() + "/metrics")).GET()
                .build()).body();
        long used = 0;
        Matcher m = HEAP.matcher(metrics);
        while (m.find()) {
            if (m.group(1).contains("area=\"heap\"")) {
                used += (long) Double.parseDouble(m.group(2));
            }
        }
        assertThat(used).as("heap pools in the server's metrics").isPositive();
        return used;
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] magic = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, Math.min(size, magic.length));
        return bytes;
    }

    private static URI documents(ServicekontoServer server, String query) {
        return URI.create(server.realmUri() + "/dokumentensafe/me/documents" + query);
    }

    private static HttpRequest.Builder uploadRequest(ServicekontoServer server, String token, byte[] body) {
        return HttpRequest.newBuilder(documents(server, "?filename=zu-gross.pdf")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private static HttpResponse<String> upload(ServicekontoServer server, String token, String filename, String type, byte[] body) {
        return new SafeCalls(server).upload(token, "/me", filename, type, body);
    }

    /** An upload without Content-Length (chunked): the limit can only be found while the content streams. */
    private static HttpResponse<String> chunked(ServicekontoServer server, String token, String filename, byte[] body) {
        return Http.send(HTTP, HttpRequest.newBuilder(documents(server, "?filename=" + filename))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());
    }

    private static HttpResponse<String> call(ServicekontoServer server, String token, String method, String path, String json) {
        return new SafeCalls(server).call(token, method, "/me" + path, json);
    }

    private static JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        return Json.parse(response.body());
    }

    private static void refused(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(Json.parse(response.body()).path("error").asText()).as(response.body()).isEqualTo(code);
    }

    private static long rows(ServicekontoServer server, String userId) {
        return server.count("select count(*) from SK_DS_SAFE where OWNER_ID = ?", userId)
                + server.count("select count(*) from SK_DS_UPLOAD u join SK_DS_SAFE s on u.SAFE_ID = s.ID where s.OWNER_ID = ?", userId)
                + server.count("select count(*) from SK_DS_SEGMENT g join SK_DS_SAFE s on g.SAFE_ID = s.ID where s.OWNER_ID = ?", userId)
                + documentCount(server, userId)
                + server.count("select count(*) from SK_DS_FOLDER f join SK_DS_SAFE s on f.SAFE_ID = s.ID where s.OWNER_ID = ?", userId);
    }

    private static long documentCount(ServicekontoServer server, String userId) {
        return server.count("select count(*) from SK_DS_DOCUMENT d join SK_DS_SAFE s on d.SAFE_ID = s.ID where s.OWNER_ID = ?", userId);
    }

    /** Every column value of every row, as bytes (text as UTF-8, BLOBs as stored). */
    private static List<byte[]> rawValues(Connection db, String table) throws Exception {
        List<byte[]> values = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("select * from " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                ByteArrayOutputStream row = new ByteArrayOutputStream();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    if (meta.getColumnType(c) == java.sql.Types.BLOB) {
                        try (InputStream in = rs.getBinaryStream(c)) {
                            if (in != null) {
                                in.transferTo(row);
                            }
                        }
                    } else {
                        String value = rs.getString(c);
                        if (value != null) {
                            row.write(value.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    row.write(0);
                }
                values.add(row.toByteArray());
            }
        }
        return values;
    }

    private static String[] account(ServicekontoServer server) {
        String username = "ds-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", "Doris", "lastName", "Muster",
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1985-05-05")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return new String[] {username, id(created)};
    }

    private static String token(ServicekontoServer server, String username, String scope) {
        OidcFlow flow = new OidcFlow(server.realmUri(), portal, "secret-" + portal, DEMO_OIDC_REDIRECT);
        return flow.exchange(flow.callback(flow.login(flow.authorize(Map.of("scope", scope)), username, PASSWORD)).get("code"))
                .path("access_token").asText();
    }

    /** A token of the master realm (its administrator): no token of this realm. */
    private static String masterToken(ServicekontoServer server) {
        HttpResponse<String> master = Http.send(HTTP, HttpRequest.newBuilder(
                        URI.create(server.baseUri() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + ServicekontoServer.ADMIN_USERNAME + "&password=" + server.adminPassword())).build());
        return Json.parse(master.body()).path("access_token").asText();
    }

    private static String id(HttpResponse<String> created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
