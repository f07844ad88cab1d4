package de.servicekonto.dokumentensafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.crypto.KekRing;
import de.servicekonto.crypto.Rewrap;
import de.servicekonto.rest.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The safe's rules on the in-memory store: limits, types, encryption, folders, trash, search, audit. */
class DokumentensafeRulesTest {

    private static final Owner ANNA = Owner.person("anna");
    private static final Owner BERT = Owner.person("bert");
    /** The key a rotation brings (a test key, 32 bytes). */
    private static final String NEW_KEY = Base64.getEncoder().encodeToString(
            "k2-test-key-not-for-any-realm!!!".getBytes(StandardCharsets.US_ASCII));

    private final InMemorySafeStore store = new InMemorySafeStore();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<String> audit = new ArrayList<>();
    private Dokumentensafe safe = safe(new SafeSettings(10_000, 4_000, Duration.ofDays(30)));

    private Dokumentensafe safe(SafeSettings settings) {
        KekRing ring = KekRing.parse("t-1:" + Base64.getEncoder().encodeToString(new byte[32]));
        SafeCrypto crypto = new SafeCrypto("realm", store.dataKeyStore(), () -> ring);
        return new Dokumentensafe(new SafeContext("realm", settings, store, crypto, clock::get,
                (owner, action, id) -> audit.add(owner.id() + " " + action + " " + id)));
    }

    private Map<String, Object> upload(Owner owner, String name, String type, byte[] content, boolean declareLength)
            throws Exception {
        return safe.documents().upload(owner, name, null, type, declareLength ? content.length : -1,
                new ByteArrayInputStream(content));
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, Math.min(8, size));
        return bytes;
    }

    private static String code(Throwable e) {
        return ((ApiException) e).status() + " " + ((ApiException) e).code();
    }

    @Test
    void givenUploadThenDownloadIsByteExactAndNothingIsStoredInClear() throws Exception {
        byte[] text = "Geheimer Arztbrief: Befund unauffällig\n".repeat(20).getBytes(StandardCharsets.UTF_8);
        String id = (String) upload(ANNA, "Arztbrief.txt", "text/plain; charset=utf-8", text, true).get("id");

        Documents.Download download = safe.documents().download(ANNA, id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        download.writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(text);
        assertThat(download.name()).isEqualTo("Arztbrief.txt");
        assertThat(download.mimeType()).isEqualTo("text/plain");

        assertThat(store.segments).isNotEmpty();
        store.segments.values().forEach(segment ->
                assertThat(new String(segment, StandardCharsets.ISO_8859_1)).doesNotContain("Arztbrief", "Befund"));
        assertThat(store.documents.get(id).nameEnc()).doesNotContain("Arztbrief");
        assertThat(audit).containsExactly("anna upload " + id, "anna download " + id);
    }

    @Test
    void givenTransfersWithThePostfachThenTheAuditNamesThemAndARefusedOneRecordsNothing() throws Exception {
        byte[] content = pdf(500);
        String saved = (String) safe.documents().saveFromPostfach(ANNA, "Bescheid.pdf", null, "application/pdf",
                content.length, new ByteArrayInputStream(content), 1).get("id");
        try (var in = safe.documents().shareIntoPostfach(ANNA, saved).openStream()) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThatThrownBy(() -> safe.documents().shareIntoPostfach(BERT, saved)).isInstanceOf(ApiException.class);

        assertThat(audit).containsExactly("anna save-from-postfach " + saved, "anna share " + saved);
    }

    @Test
    void givenRotatedKeyRingThenTheSafesKeysAreRewrappedAndContentOpensWithTheNewKeyAlone() throws Exception {
        byte[] content = pdf(300);
        String id = (String) upload(ANNA, "Zeugnis.pdf", "application/pdf", content, true).get("id");
        upload(BERT, "Vertrag.pdf", "application/pdf", pdf(200), true);
        String old = "t-1:" + Base64.getEncoder().encodeToString(new byte[32]);
        KekRing rotated = KekRing.parse("t-2:" + NEW_KEY + "," + old);
        SafeCrypto crypto = new SafeCrypto("realm", store.dataKeyStore(), () -> rotated);
        Dokumentensafe afterRotation = new Dokumentensafe(new SafeContext("realm", SafeSettings.read(k -> null), store,
                crypto, clock::get, (owner, action, doc) -> { }));

        assertThat(afterRotation.rewrapDataKeys(1)).isEqualTo(new Rewrap.Result(1, 0));
        assertThat(afterRotation.rewrapDataKeys(10)).isEqualTo(new Rewrap.Result(1, 0));
        assertThat(afterRotation.rewrapDataKeys(10)).isEqualTo(new Rewrap.Result(0, 0));

        KekRing newOnly = KekRing.parse("t-2:" + NEW_KEY);
        Dokumentensafe oldKeyGone = new Dokumentensafe(new SafeContext("realm", SafeSettings.read(k -> null), store,
                new SafeCrypto("realm", store.dataKeyStore(), () -> newOnly), clock::get, (owner, action, doc) -> { }));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        oldKeyGone.documents().download(ANNA, id).writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    void givenTypesNotOnTheListOrContentNotLikeItsTypeThenRefusedAndNothingStored() {
        byte[] program = pdf(100);
        program[0] = 'M';
        program[1] = 'Z';
        assertThatThrownBy(() -> upload(ANNA, "a.html", "text/html", "<html>".getBytes(), true))
                .satisfies(e -> assertThat(code(e)).isEqualTo("415 type_not_allowed"));
        assertThatThrownBy(() -> upload(ANNA, "a.pdf", "application/pdf", program, true))
                .satisfies(e -> assertThat(code(e)).isEqualTo("415 content_type_mismatch"));
        assertThatThrownBy(() -> upload(ANNA, "a.txt", "text/plain", program, true))
                .satisfies(e -> assertThat(code(e)).isEqualTo("415 content_type_mismatch"));
        assertThatThrownBy(() -> upload(ANNA, "leer.pdf", "application/pdf", new byte[0], false))
                .satisfies(e -> assertThat(code(e)).isEqualTo("400 empty_document"));
        assertThatThrownBy(() -> upload(ANNA, "rechnung\u202Efdp.exe", "application/pdf", pdf(10), true))
                .satisfies(e -> assertThat(code(e)).isEqualTo("400 invalid_name"));
        assertThatThrownBy(() -> upload(ANNA, "../a.pdf", "application/pdf", pdf(10), true))
                .satisfies(e -> assertThat(code(e)).isEqualTo("400 invalid_name"));
        assertThat(store.safes).isEmpty();
        assertThat(store.documents).isEmpty();
    }

    @Test
    void givenTheFileLimitOrTheQuotaThenRefusedBeforeOrWhileStreaming() throws Exception {
        assertThatThrownBy(() -> upload(ANNA, "a.pdf", "application/pdf", pdf(5_000), true))
                .satisfies(e -> assertThat(code(e)).isEqualTo("413 file_too_large"));
        assertThat(store.safes).as("refused before anything is written").isEmpty();
        // Without a declared length the limit is found while streaming; the server's transaction then rolls back.
        assertThatThrownBy(() -> upload(ANNA, "a.pdf", "application/pdf", pdf(5_000), false))
                .satisfies(e -> assertThat(code(e)).isEqualTo("413 file_too_large"));
        assertThat(store.documents).isEmpty();

        upload(ANNA, "1.pdf", "application/pdf", pdf(4_000), true);
        upload(ANNA, "2.pdf", "application/pdf", pdf(4_000), true);
        assertThatThrownBy(() -> upload(ANNA, "3.pdf", "application/pdf", pdf(4_000), true))
                .satisfies(e -> assertThat(code(e)).isEqualTo("413 quota_exceeded"));
        assertThatThrownBy(() -> upload(ANNA, "3.pdf", "application/pdf", pdf(2_001), false))
                .satisfies(e -> assertThat(code(e)).isEqualTo("413 quota_exceeded"));
        assertThat(store.documents).hasSize(2);
        assertThat(safe.documents().usage(ANNA)).containsEntry("usedBytes", 8_000L).containsEntry("quotaBytes", 10_000L);
        // Another owner's safe has its own quota.
        upload(BERT, "1.pdf", "application/pdf", pdf(4_000), true);
    }

    @Test
    void givenAnotherOwnersIdsThenNotFoundLikeMissingOnes() throws Exception {
        String id = (String) upload(ANNA, "a.pdf", "application/pdf", pdf(10), true).get("id");
        String folder = (String) safe.folders().create(ANNA, "Ordner", null).get("id");
        upload(BERT, "b.pdf", "application/pdf", pdf(10), true);
        for (ThrowingCall call : List.<ThrowingCall>of(() -> safe.documents().download(BERT, id),
                () -> safe.documents().rename(BERT, id, "x.pdf"), () -> safe.documents().move(BERT, id, null),
                () -> safe.documents().delete(BERT, id), () -> safe.documents().restore(BERT, id),
                () -> safe.documents().list(BERT, folder, false, 0, 10), () -> safe.folders().rename(BERT, folder, "x"),
                () -> safe.folders().delete(BERT, folder), () -> safe.documents().download(ANNA, "not-an-id"))) {
            assertThatThrownBy(call::run).satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        }
    }

    @Test
    void givenFoldersThenNestedUpToTheLimitNeverInThemselvesAndDeletedOnlyEmpty() throws Exception {
        String top = (String) safe.folders().create(ANNA, "Bescheide", null).get("id");
        String parent = top;
        for (int depth = 2; depth <= SafeSettings.MAX_DEPTH; depth++) {
            parent = (String) safe.folders().create(ANNA, "Ebene " + depth, parent).get("id");
        }
        String deepest = parent;
        assertThatThrownBy(() -> safe.folders().create(ANNA, "zu tief", deepest))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 folder_too_deep"));
        assertThatThrownBy(() -> safe.folders().move(ANNA, top, deepest))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 folder_cycle"));
        String other = (String) safe.folders().create(ANNA, "Andere", null).get("id");
        assertThatThrownBy(() -> safe.folders().move(ANNA, top, other))
                .as("the subtree would end one level too deep")
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 folder_too_deep"));

        String doc = (String) safe.documents().upload(ANNA, "a.pdf", other, "application/pdf", 10,
                new ByteArrayInputStream(pdf(10))).get("id");
        safe.documents().delete(ANNA, doc);
        assertThatThrownBy(() -> safe.folders().delete(ANNA, other)).as("a document in the trash still counts")
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 folder_not_empty"));
        safe.documents().restore(ANNA, doc);
        safe.documents().move(ANNA, doc, null);
        safe.folders().delete(ANNA, other);
        safe.folders().rename(ANNA, top, "Urkunden");
        assertThat(safe.folders().list(ANNA).get("folders").toString()).contains("Urkunden").doesNotContain("Andere");
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenACopyOfAHochNoticeThenALowerSessionSeesItLockedAndCannotReadRenameMoveDeleteOrRestoreIt() throws Exception {
        String folder = (String) safe.folders().create(ANNA, "Bescheide", null).get("id");
        String hoch = (String) safe.documents().saveFromPostfach(ANNA, "Steuerbescheid.pdf", null, "application/pdf", 10,
                new ByteArrayInputStream(pdf(10)), 3).get("id");
        String own = (String) upload(ANNA, "Eigenes.pdf", "application/pdf", pdf(10), true).get("id");

        for (Dokumentensafe lower : List.of(safe, safe.at(2), safe.at(0))) {
            for (Runnable call : List.<Runnable>of(() -> io(() -> lower.documents().download(ANNA, hoch)),
                    () -> lower.documents().rename(ANNA, hoch, "x.pdf"), () -> lower.documents().move(ANNA, hoch, folder),
                    () -> lower.documents().delete(ANNA, hoch), () -> lower.documents().restore(ANNA, hoch))) {
                assertThatThrownBy(call::run).satisfies(e -> {
                    assertThat(code(e)).isEqualTo("401 step_up_required");
                    assertThat(((ApiException) e).stepUpAcr()).isEqualTo("http://eidas.europa.eu/LoA/high");
                });
            }
            List<Map<String, Object>> listed = (List<Map<String, Object>>) lower.documents().list(ANNA, null, false, 0, 10)
                    .get("documents");
            Map<String, Object> locked = listed.stream().filter(d -> d.get("id").equals(hoch)).findFirst().orElseThrow();
            assertThat(locked).containsEntry("locked", true).containsEntry("requiredLevel", "hoch");
            assertThat(locked.get("name")).isNull();
            assertThat(listed.toString()).doesNotContain("Steuerbescheid").contains("Eigenes.pdf");
            assertThat(lower.documents().search(ANNA, "steuer", 10).get("documents").toString()).isEqualTo("[]");
        }
        assertThat(store.documents.get(hoch).nameEnc()).doesNotContain("Steuerbescheid");
        assertThat(store.documents.get(hoch).deleted()).as("no lower session put it in the trash").isFalse();
        // In the trash (put there at hoch), a lower session cannot take it out either.
        safe.at(3).documents().delete(ANNA, hoch);
        for (Dokumentensafe lower : List.of(safe, safe.at(2))) {
            assertThatThrownBy(() -> lower.documents().restore(ANNA, hoch))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("401 step_up_required"));
            assertThat(lower.documents().list(ANNA, null, true, 0, 10).toString())
                    .contains("locked=true").doesNotContain("Steuerbescheid");
        }
        safe.at(3).documents().restore(ANNA, hoch);

        Dokumentensafe atHoch = safe.at(3);
        assertThat(atHoch.documents().download(ANNA, hoch).name()).isEqualTo("Steuerbescheid.pdf");
        atHoch.documents().rename(ANNA, hoch, "Bescheid 2026.pdf");
        atHoch.documents().move(ANNA, hoch, folder);
        assertThat(atHoch.documents().list(ANNA, folder, false, 0, 10).toString()).contains("Bescheid 2026.pdf", "locked=false");
        assertThat(safe.documents().download(ANNA, own).name()).as("own uploads need the lowest level").isEqualTo("Eigenes.pdf");
    }

    @Test
    void givenTheLevelLoweredInTheDatabaseThenTheDocumentIsUnreadableNotReadable() throws Exception {
        String id = (String) safe.documents().saveFromPostfach(ANNA, "Bescheid.pdf", null, "application/pdf", 10,
                new ByteArrayInputStream(pdf(10)), 3).get("id");
        StoredDocumentRows.lower(store, id, 1);
        assertThatThrownBy(() -> safe.documents().download(ANNA, id))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 content_integrity"));
        assertThat(safe.documents().list(ANNA, null, false, 0, 10).get("documents"))
                .isEqualTo(List.of(Map.of("id", id, "damaged", true)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void givenOneTamperedNameThenTheListShowsThatRowAsDamagedAndEveryActionOnItAnswers409() throws Exception {
        String good = (String) upload(ANNA, "Zeugnis.pdf", "application/pdf", pdf(10), true).get("id");
        String bad = (String) upload(ANNA, "Vertrag.pdf", "application/pdf", pdf(10), true).get("id");
        String folder = (String) safe.folders().create(ANNA, "Ablage", null).get("id");
        // Another row's name copied over this one's: valid ciphertext, bound to the other id.
        StoredDocumentRows.name(store, bad, store.documents.get(good).nameEnc());

        List<Map<String, Object>> listed = (List<Map<String, Object>>) safe.documents().list(ANNA, null, false, 0, 10)
                .get("documents");
        assertThat(listed).hasSize(2);
        assertThat(listed).contains(Map.of("id", bad, "damaged", true));
        assertThat(listed.stream().filter(d -> d.get("id").equals(good)).findFirst().orElseThrow())
                .containsEntry("name", "Zeugnis.pdf").doesNotContainKey("damaged");
        assertThat(safe.documents().search(ANNA, "pdf", 10).get("documents").toString())
                .as("a name that cannot be read matches nothing").contains(good).doesNotContain(bad);

        for (Runnable call : List.<Runnable>of(() -> io(() -> safe.documents().download(ANNA, bad)),
                () -> safe.documents().rename(ANNA, bad, "Neu.pdf"), () -> safe.documents().move(ANNA, bad, folder),
                () -> safe.documents().delete(ANNA, bad))) {
            assertThatThrownBy(call::run).satisfies(e -> assertThat(code(e)).isEqualTo("409 content_integrity"));
        }
        assertThat(store.documents.get(bad).nameEnc()).as("a rename did not overwrite the damaged name")
                .isEqualTo(store.documents.get(good).nameEnc());
        assertThat(store.documents.get(bad).folderId()).isNull();
        assertThat(store.documents.get(bad).deleted()).isFalse();
        // Damaged while in the trash: listed as damaged there, not restorable.
        safe.documents().delete(ANNA, good);
        StoredDocumentRows.name(store, good, "not-a-ciphertext");
        assertThat(safe.documents().list(ANNA, null, true, 0, 10).get("documents"))
                .isEqualTo(List.of(Map.of("id", good, "damaged", true)));
        assertThatThrownBy(() -> safe.documents().restore(ANNA, good))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 content_integrity"));
    }

    private interface IoCall {
        Object call() throws Exception;
    }

    private static void io(IoCall call) {
        try {
            call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenEveryFolderChangeThenTheSafesLockIsTakenFirst() throws Exception {
        String a = (String) safe.folders().create(ANNA, "A", null).get("id");
        String b = (String) safe.folders().create(ANNA, "B", null).get("id");
        String doc = (String) safe.documents().upload(ANNA, "a.pdf", a, "application/pdf", 10,
                new ByteArrayInputStream(pdf(10))).get("id");
        List<Runnable> changes = List.of(() -> safe.folders().create(ANNA, "C", a), () -> safe.folders().rename(ANNA, b, "B2"),
                () -> safe.folders().move(ANNA, b, a), () -> safe.documents().move(ANNA, doc, null),
                () -> safe.folders().delete(ANNA, b), () -> safe.uploads().begin(ANNA, "b.pdf", a, 10, "application/pdf"));
        for (Runnable change : changes) {
            int before = store.locks;
            change.run();
            assertThat(store.locks).as("the change took the safe's lock").isGreaterThan(before);
        }
    }

    @Test
    void givenACycleOrAnOrphanInStoredFoldersThenEveryWalkEndsIn409() {
        String a = (String) safe.folders().create(ANNA, "A", null).get("id");
        String b = (String) safe.folders().create(ANNA, "B", null).get("id");
        String c = (String) safe.folders().create(ANNA, "C", null).get("id");
        // What two parallel moves "A under B" and "B under A" left before moves took the lock.
        store.moveFolder(store.folders.get(a), b);
        store.moveFolder(store.folders.get(b), a);
        for (Runnable walk : List.<Runnable>of(() -> safe.folders().move(ANNA, c, a), () -> safe.folders().move(ANNA, a, null),
                () -> safe.folders().create(ANNA, "D", b))) {
            assertThatThrownBy(walk::run).satisfies(e -> assertThat(code(e)).isEqualTo("409 folder_tree_inconsistent"));
        }
        // What a delete racing a subfolder's create left: a folder whose parent is gone.
        store.moveFolder(store.folders.get(c), "00000000-0000-0000-0000-000000000000");
        assertThatThrownBy(() -> safe.folders().create(ANNA, "E", c))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 folder_tree_inconsistent"));
        assertThatThrownBy(() -> safe.folders().move(ANNA, a, c))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 folder_tree_inconsistent"));
        assertThat(safe.folders().list(ANNA).get("folders").toString()).as("the list still works").contains("A", "B", "C");
        safe.folders().move(ANNA, c, null);
        assertThat(safe.folders().create(ANNA, "E", c)).as("moved back to the top, the orphan is usable again").isNotNull();
    }

    @Test
    void givenDeletionThenRestorableWithinTheUndoPeriodAndPurgedAfter() throws Exception {
        String id = (String) upload(ANNA, "a.pdf", "application/pdf", pdf(10), true).get("id");
        Map<String, Object> deleted = safe.documents().delete(ANNA, id);
        assertThat(deleted.get("restorableUntil")).isEqualTo(clock.get() + Duration.ofDays(30).toMillis());
        assertThatThrownBy(() -> safe.documents().download(ANNA, id))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 document_deleted"));
        assertThat(safe.documents().list(ANNA, null, true, 0, 10).get("documents").toString()).contains("a.pdf");
        assertThat(safe.documents().list(ANNA, null, false, 0, 10).get("documents").toString()).doesNotContain("a.pdf");
        safe.documents().restore(ANNA, id);
        assertThatThrownBy(() -> safe.documents().restore(ANNA, id))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 not_deleted"));

        safe.documents().delete(ANNA, id);
        clock.addAndGet(Duration.ofDays(30).toMillis());
        assertThat(safe.documents().purge(100)).as("not before the period is over").isZero();
        clock.addAndGet(1);
        assertThat(safe.documents().purge(100)).isEqualTo(1);
        assertThat(store.documents).isEmpty();
        assertThat(store.segments).isEmpty();
    }

    @Test
    void givenEncryptedNamesThenTheSearchDecryptsAndMatchesCaseInsensitively() throws Exception {
        String tax = (String) upload(ANNA, "Steuerbescheid 2025.pdf", "application/pdf", pdf(10), true).get("id");
        upload(ANNA, "Rentenbescheid.pdf", "application/pdf", pdf(10), true);
        upload(BERT, "Steuer Bert.pdf", "application/pdf", pdf(10), true);
        assertThat(safe.documents().search(ANNA, "STEUER", 20).get("documents").toString()).contains(tax)
                .doesNotContain("Bert").doesNotContain("Renten");
        assertThat(safe.documents().search(ANNA, "bescheid", 1).get("documents")).asList().hasSize(1);
        assertThatThrownBy(() -> safe.documents().search(ANNA, "x".repeat(101), 20))
                .satisfies(e -> assertThat(code(e)).isEqualTo("400 invalid_query"));
    }

    @Test
    void givenAValueMovedToAnotherRowThenItFailsAuthentication() throws Exception {
        String first = (String) upload(ANNA, "eins.pdf", "application/pdf", pdf(10), true).get("id");
        String second = (String) upload(ANNA, "zwei.pdf", "application/pdf", pdf(10), true).get("id");
        var a = store.documents.get(first);
        var b = store.documents.get(second);
        store.documents.put(second, new de.servicekonto.dokumentensafe.spi.StoredDocument(b.id(), b.realmId(), b.safeId(),
                b.folderId(), a.nameEnc(), b.mimeType(), b.size(), b.createdAt(), null, b.minLoa()));
        assertThatThrownBy(() -> safe.documents().download(ANNA, second))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 content_integrity"));
    }

    @Test
    void givenTheSafeDeletedThenItsKeyAndRowsAreGone() throws Exception {
        upload(ANNA, "a.pdf", "application/pdf", pdf(10), true);
        safe.folders().create(ANNA, "Ordner", null);
        store.deleteSafe(store.safe("realm", Owner.PERSON, "anna").orElseThrow());
        assertThat(store.keys).isEmpty();
        assertThat(store.documents).isEmpty();
        assertThat(store.folders).isEmpty();
    }

    @Test
    void givenNoKeyRingThenUnavailableBeforeAnythingIsWritten() {
        SafeCrypto crypto = new SafeCrypto("realm", store.dataKeyStore(), () -> {
            throw new IllegalStateException("no ring");
        });
        Dokumentensafe unconfigured = new Dokumentensafe(new SafeContext("realm",
                SafeSettings.read(name -> null), store, crypto, clock::get, (o, a, i) -> { }));
        assertThatThrownBy(() -> unconfigured.folders().create(ANNA, "x", null))
                .satisfies(e -> assertThat(code(e)).isEqualTo("503 temporarily_unavailable"));
    }

    interface ThrowingCall {
        void run() throws Exception;
    }
}
