package de.servicekonto.dokumentensafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.crypto.KekRing;
import de.servicekonto.dokumentensafe.spi.StoredDocument;
import de.servicekonto.rest.ApiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The content's segment rules and the upload sessions on the in-memory store, with a part size of 1000 bytes:
 * segments cannot be reordered, dropped, appended, cut or moved to another document undetected; sessions take parts
 * strictly in order and of exact size, reserve their size in the quota, and are another owner's 404.
 */
class SafeContentRulesTest {

    private static final int PART = 1000;
    private static final Owner ANNA = Owner.person("anna");
    private static final Owner BERT = Owner.person("bert");

    private final InMemorySafeStore store = new InMemorySafeStore();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<String> audit = new ArrayList<>();
    private final Dokumentensafe safe = safe(new SafeSettings(10_000, 6_000, Duration.ofDays(30), PART));

    private Dokumentensafe safe(SafeSettings settings) {
        KekRing ring = KekRing.parse("t-1:" + Base64.getEncoder().encodeToString(new byte[32]));
        SafeCrypto crypto = new SafeCrypto("realm", store.dataKeyStore(), () -> ring);
        return new Dokumentensafe(new SafeContext("realm", settings, store, crypto, clock::get,
                (owner, action, id) -> audit.add(owner.id() + " " + action + " " + id)));
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, Math.min(8, size));
        return bytes;
    }

    private String single(Owner owner, byte[] content) throws Exception {
        return (String) safe.documents().upload(owner, "a.pdf", null, "application/pdf", -1,
                new ByteArrayInputStream(content)).get("id");
    }

    private byte[] download(Owner owner, String id) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        safe.documents().download(owner, id).writeTo(out);
        return out.toByteArray();
    }

    private String segmentKey(String id, int index) {
        String safeId = store.documents.get(id).safeId();
        return InMemorySafeStore.segmentKey("realm", safeId, id, index);
    }

    private static String code(Throwable e) {
        return ((ApiException) e).status() + " " + ((ApiException) e).code();
    }

    // --- segments ---

    @Test
    void givenASingleUploadThenItIsCutIntoPartSizedSegmentsEndedByAnEmptyFinalOne() throws Exception {
        byte[] content = pdf(3_500);
        String id = single(ANNA, content);
        assertThat(store.segmentCount("realm", store.documents.get(id).safeId(), id))
                .as("1000, 1000, 1000, 500, then the final empty segment").isEqualTo(5);
        assertThat(download(ANNA, id)).isEqualTo(content);
        // A size that is an exact multiple of the part size, and one of a single byte.
        byte[] exact = pdf(2_000);
        assertThat(download(ANNA, single(ANNA, exact))).isEqualTo(exact);
        byte[] tiny = "%PDF-".getBytes(StandardCharsets.US_ASCII);
        assertThat(download(ANNA, single(ANNA, tiny))).isEqualTo(tiny);
    }

    @Test
    void givenTheContentOpenedAsAStreamThenItReadsTheSameBytesInAnyChunkingAndNoTemporaryFileIsWritten() throws Exception {
        byte[] content = pdf(3_500);
        String id = single(ANNA, content);
        long before = spools();
        // Byte by byte: every segment boundary is crossed by read() alone.
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (InputStream in = safe.documents().download(ANNA, id).openStream()) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                single.write(b);
                assertThat(spools()).as("nothing spooled while reading").isEqualTo(before);
            }
            assertThat(in.read()).as("stays at the end").isEqualTo(-1);
        }
        assertThat(single.toByteArray()).isEqualTo(content);
        // In reads of 7 bytes, not dividing the part size.
        ByteArrayOutputStream chunked = new ByteArrayOutputStream();
        try (InputStream in = safe.documents().download(ANNA, id).openStream()) {
            byte[] buffer = new byte[7];
            for (int n = in.read(buffer, 0, 7); n >= 0; n = in.read(buffer, 0, 7)) {
                chunked.write(buffer, 0, n);
            }
        }
        assertThat(chunked.toByteArray()).isEqualTo(content);
    }

    /** Reads as the server's response makes them: each piece a "transaction" of its own, counted, sizes recorded. */
    private static final class CountedReads implements ContentReads {
        private final ContentReads inner;
        final List<Integer> pieces = new ArrayList<>();
        Runnable afterPiece = () -> { };

        CountedReads(InMemorySafeStore store) {
            this.inner = ContentReads.in(store);
        }

        @Override
        public byte[] read(Piece piece) throws java.io.IOException {
            byte[] bytes = inner.read(piece);
            pieces.add(bytes.length);
            afterPiece.run();
            return bytes;
        }
    }

    @Test
    void givenADownloadThroughItsOwnReadsThenEachReadTakesAtMostOnePieceOfOneSegmentAndNothingGoesToDisk() throws Exception {
        byte[] content = pdf(3_500);
        String id = single(ANNA, content);
        long before = spools();
        CountedReads reads = new CountedReads(store);
        reads.afterPiece = () -> assertThat(io(() -> spools())).isEqualTo(before);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        safe.documents().download(ANNA, id).writeTo(out, reads);
        assertThat(out.toByteArray()).isEqualTo(content);
        // A piece is at most a part size (1000 here; 1 MiB in the server): each of the four full segments' ciphertext
        // is a little longer, so it takes two reads; the fourth's 500 bytes and the empty final one take one each.
        assertThat(reads.pieces).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(PART));
        assertThat(reads.pieces).hasSize(3 * 2 + 1 + 1);
    }

    @Test
    void givenTheDocumentTrashedPurgedOrShreddedMidDownloadThenTheStreamEndsWithAnErrorNotWithWrongBytes() throws Exception {
        for (String how : List.of("trash", "purge", "shred")) {
            String id = single(ANNA, pdf(3_500));
            StoredDocument row = store.documents.get(id);
            CountedReads reads = new CountedReads(store);
            reads.afterPiece = () -> {
                if (reads.pieces.size() == 2) {
                    switch (how) {
                        case "trash" -> store.trashDocument(row, clock.get());
                        case "purge" -> store.deleteDocument(row);
                        default -> store.deleteSafe(store.safe("realm", "person", "anna").orElseThrow());
                    }
                }
            };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Documents.Download download = safe.documents().download(ANNA, id);
            assertThatThrownBy(() -> download.writeTo(out, reads)).as(how).isInstanceOf(Documents.Gone.class);
            assertThat(out.size()).as(how + ": what was sent before is at most the first segment").isLessThanOrEqualTo(PART);
        }
    }

    private interface IoCall<T> {
        T call() throws Exception;
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void givenASegmentCutShortThenTheStreamThrowsInsteadOfEndingEarly() throws Exception {
        String id = single(ANNA, pdf(3_500));
        byte[] segment = store.segments.get(segmentKey(id, 3));
        store.segments.put(segmentKey(id, 3), Arrays.copyOf(segment, segment.length - 100));
        try (InputStream in = safe.documents().download(ANNA, id).openStream()) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(DecryptionException.class);
        }
    }

    private static long spools() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("sk-safe-")).count();
        }
    }

    @Test
    void givenSegmentsSwappedThenTheDownloadFails() throws Exception {
        String id = single(ANNA, pdf(3_500));
        byte[] first = store.segments.get(segmentKey(id, 0));
        store.segments.put(segmentKey(id, 0), store.segments.get(segmentKey(id, 1)));
        store.segments.put(segmentKey(id, 1), first);
        assertThatThrownBy(() -> download(ANNA, id)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenTheFinalSegmentDroppedThenTheDownloadFails() throws Exception {
        String id = single(ANNA, pdf(3_500));
        store.segments.remove(segmentKey(id, 4));
        // The empty final segment gone: segment 3 was sealed "more", so it fails as the last.
        assertThatThrownBy(() -> download(ANNA, id)).isInstanceOf(DecryptionException.class);
        String sessionDocument = sessionUpload(ANNA, pdf(2_500));
        store.segments.remove(segmentKey(sessionDocument, 2));
        assertThatThrownBy(() -> download(ANNA, sessionDocument)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenAMiddleSegmentDroppedThenTheDownloadFails() throws Exception {
        String id = single(ANNA, pdf(3_500));
        store.segments.remove(segmentKey(id, 1));
        assertThatThrownBy(() -> download(ANNA, id)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenASegmentAppendedAfterTheFinalOneThenTheDownloadFails() throws Exception {
        String id = sessionUpload(ANNA, pdf(2_500));
        store.segments.put(segmentKey(id, 3), store.segments.get(segmentKey(id, 1)));
        assertThatThrownBy(() -> download(ANNA, id)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenASegmentCutShortThenTheDownloadFails() throws Exception {
        String id = single(ANNA, pdf(3_500));
        byte[] segment = store.segments.get(segmentKey(id, 2));
        store.segments.put(segmentKey(id, 2), Arrays.copyOf(segment, segment.length - 100));
        assertThatThrownBy(() -> download(ANNA, id)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenASegmentOfAnotherDocumentAtTheSameIndexThenTheDownloadFails() throws Exception {
        String one = single(ANNA, pdf(3_500));
        String other = single(ANNA, pdf(3_400));
        store.segments.put(segmentKey(one, 1), store.segments.get(segmentKey(other, 1)));
        assertThatThrownBy(() -> download(ANNA, one)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenTheRecordedSizeChangedThenTheDownloadFails() throws Exception {
        String id = single(ANNA, pdf(3_500));
        StoredDocument d = store.documents.get(id);
        store.documents.put(id, new StoredDocument(d.id(), d.realmId(), d.safeId(), d.folderId(), d.nameEnc(),
                d.mimeType(), 3_000, d.createdAt(), null, d.minLoa()));
        assertThatThrownBy(() -> download(ANNA, id)).isInstanceOf(DecryptionException.class);
    }

    // --- upload sessions ---

    private String sessionUpload(Owner owner, byte[] content) throws Exception {
        Map<String, Object> session = safe.uploads().begin(owner, "gross.pdf", null, content.length, "application/pdf");
        String id = (String) session.get("id");
        int parts = (int) session.get("parts");
        for (int i = 0; i < parts; i++) {
            byte[] part = Arrays.copyOfRange(content, i * PART, Math.min(content.length, (i + 1) * PART));
            safe.uploads().part(owner, id, i, part.length, new ByteArrayInputStream(part));
        }
        assertThat(safe.uploads().complete(owner, id)).containsEntry("id", id).containsEntry("size", (long) content.length)
                .containsEntry("name", "gross.pdf").containsEntry("type", "application/pdf");
        return id;
    }

    @Test
    void givenASessionThenPartsBecomeTheDocumentWithoutReEncryption() throws Exception {
        byte[] content = pdf(2_500);
        Map<String, Object> session = safe.uploads().begin(ANNA, "gross.pdf", null, 2_500, "application/pdf");
        assertThat(session).containsEntry("partSize", PART).containsEntry("parts", 3)
                .containsEntry("expiresAt", clock.get() + Duration.ofHours(24).toMillis());
        String id = (String) session.get("id");
        for (int i = 0; i < 3; i++) {
            byte[] part = Arrays.copyOfRange(content, i * PART, Math.min(2_500, (i + 1) * PART));
            safe.uploads().part(ANNA, id, i, -1, new ByteArrayInputStream(part));
        }
        Map<String, byte[]> segmentsBefore = Map.copyOf(store.segments);
        safe.uploads().complete(ANNA, id);
        assertThat(store.segments).as("completing wrote no content").isEqualTo(segmentsBefore);
        assertThat(store.uploads).isEmpty();
        assertThat(download(ANNA, id)).isEqualTo(content);
        assertThat(audit).containsExactly("anna upload " + id, "anna download " + id);
        assertThatThrownBy(() -> safe.uploads().complete(ANNA, id)).as("a completed session is gone")
                .satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
    }

    @Test
    void givenPartsOutOfOrderOrOfTheWrongSizeThenRefusedAndTheSameIndexMayBeSentAgain() throws Exception {
        byte[] content = pdf(2_500);
        String id = (String) safe.uploads().begin(ANNA, "gross.pdf", null, 2_500, "application/pdf").get("id");
        assertThatThrownBy(() -> safe.uploads().part(ANNA, id, 1, PART, new ByteArrayInputStream(new byte[PART])))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 part_out_of_order"))
                .satisfies(e -> assertThat(((ApiException) e).extra()).containsEntry("expected", 0));
        assertThatThrownBy(() -> safe.uploads().part(ANNA, id, 0, 999, new ByteArrayInputStream(pdf(999))))
                .as("declared too short").satisfies(e -> assertThat(code(e)).isEqualTo("400 invalid_part_size"));
        assertThatThrownBy(() -> safe.uploads().part(ANNA, id, 0, -1, new ByteArrayInputStream(pdf(1_001))))
                .as("longer while streaming").satisfies(e -> assertThat(code(e)).isEqualTo("400 invalid_part_size"));
        store.segments.clear(); // what the server's rollback does for the refused part
        assertThatThrownBy(() -> safe.uploads().part(ANNA, id, 0, -1, new ByteArrayInputStream(pdf(10))))
                .as("shorter while streaming").satisfies(e -> assertThat(code(e)).isEqualTo("400 invalid_part_size"));
        store.segments.clear();
        byte[] program = Arrays.copyOf(content, PART);
        program[0] = 'M';
        program[1] = 'Z';
        assertThatThrownBy(() -> safe.uploads().part(ANNA, id, 0, PART, new ByteArrayInputStream(program)))
                .as("the first part is sniffed").satisfies(e -> assertThat(code(e)).isEqualTo("415 content_type_mismatch"));
        assertThat(store.uploads.get(id).received()).isZero();

        safe.uploads().part(ANNA, id, 0, PART, new ByteArrayInputStream(Arrays.copyOf(content, PART)));
        assertThatThrownBy(() -> safe.uploads().part(ANNA, id, 0, PART, new ByteArrayInputStream(Arrays.copyOf(content, PART))))
                .as("a part already stored").satisfies(e -> assertThat(code(e)).isEqualTo("409 part_out_of_order"));
        assertThatThrownBy(() -> safe.uploads().complete(ANNA, id))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 upload_incomplete"));
        safe.uploads().part(ANNA, id, 1, PART, new ByteArrayInputStream(Arrays.copyOfRange(content, PART, 2 * PART)));
        assertThatThrownBy(() -> safe.uploads().part(ANNA, id, 2, PART, new ByteArrayInputStream(new byte[PART])))
                .as("the last part holds the rest").satisfies(e -> assertThat(code(e)).isEqualTo("400 invalid_part_size"));
        safe.uploads().part(ANNA, id, 2, 500, new ByteArrayInputStream(Arrays.copyOfRange(content, 2 * PART, 2_500)));
        safe.uploads().complete(ANNA, id);
        assertThat(download(ANNA, id)).isEqualTo(content);
    }

    @Test
    void givenOpenSessionsThenTheirSizesAreReservedInTheQuota() throws Exception {
        String first = (String) safe.uploads().begin(ANNA, "a.pdf", null, 6_000, "application/pdf").get("id");
        assertThatThrownBy(() -> safe.uploads().begin(ANNA, "b.pdf", null, 6_000, "application/pdf"))
                .as("4000 left").satisfies(e -> assertThat(code(e)).isEqualTo("413 quota_exceeded"));
        assertThatThrownBy(() -> single(ANNA, pdf(4_001)))
                .as("a single upload counts the reservation too").satisfies(e -> assertThat(code(e)).isEqualTo("413 quota_exceeded"));
        assertThatThrownBy(() -> safe.uploads().begin(ANNA, "b.pdf", null, 6_001, "application/pdf"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("413 file_too_large"));
        assertThat(safe.documents().usage(ANNA)).containsEntry("reservedBytes", 6_000L);
        safe.uploads().abort(ANNA, first);
        safe.uploads().begin(ANNA, "b.pdf", null, 6_000, "application/pdf");
        assertThat(store.locks).as("every check against the quota ran under the safe's lock").isPositive();
    }

    @Test
    void givenTheChecksOfABeginThenStableCodesAndNothingOpened() {
        assertThatThrownBy(() -> safe.uploads().begin(ANNA, "a.html", null, 10, "text/html"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("415 type_not_allowed"));
        assertThatThrownBy(() -> safe.uploads().begin(ANNA, "a/b.pdf", null, 10, "application/pdf"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("400 invalid_name"));
        assertThatThrownBy(() -> safe.uploads().begin(ANNA, "a.pdf", null, 0, "application/pdf"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("400 empty_document"));
        assertThatThrownBy(() -> safe.uploads().begin(ANNA, "a.pdf", "00000000-0000-0000-0000-000000000000", 10,
                "application/pdf")).satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        assertThat(store.uploads).isEmpty();
    }

    @Test
    void givenFiveOpenSessionsThenASixthIsRefused() {
        for (int i = 0; i < SafeSettings.MAX_OPEN_UPLOADS; i++) {
            safe.uploads().begin(ANNA, i + ".pdf", null, 10, "application/pdf");
        }
        assertThatThrownBy(() -> safe.uploads().begin(ANNA, "6.pdf", null, 10, "application/pdf"))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 too_many_uploads"));
    }

    @Test
    void givenAnotherOwnersSessionThenNotFoundLikeAMissingOne() throws Exception {
        String id = (String) safe.uploads().begin(ANNA, "a.pdf", null, 10, "application/pdf").get("id");
        safe.uploads().begin(BERT, "b.pdf", null, 10, "application/pdf");
        for (ThrowingCall call : List.<ThrowingCall>of(
                () -> safe.uploads().part(BERT, id, 0, 10, new ByteArrayInputStream(pdf(10))),
                () -> safe.uploads().complete(BERT, id), () -> safe.uploads().abort(BERT, id),
                () -> safe.uploads().complete(ANNA, "not-an-id"))) {
            assertThatThrownBy(call::run).satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        }
        assertThat(store.uploads.get(id).received()).isZero();
    }

    @Test
    void givenAnExpiredOrAbortedSessionThenNotFoundAndItsPartsArePurged() throws Exception {
        String expiring = (String) safe.uploads().begin(ANNA, "a.pdf", null, 1_500, "application/pdf").get("id");
        safe.uploads().part(ANNA, expiring, 0, PART, new ByteArrayInputStream(pdf(PART)));
        String aborted = (String) safe.uploads().begin(ANNA, "b.pdf", null, 1_500, "application/pdf").get("id");
        safe.uploads().part(ANNA, aborted, 0, PART, new ByteArrayInputStream(pdf(PART)));
        safe.uploads().abort(ANNA, aborted);
        assertThatThrownBy(() -> safe.uploads().part(ANNA, aborted, 1, 500, new ByteArrayInputStream(pdf(500))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        assertThat(store.segments).hasSize(1);

        clock.addAndGet(Duration.ofHours(24).toMillis());
        assertThatThrownBy(() -> safe.uploads().part(ANNA, expiring, 1, 500, new ByteArrayInputStream(pdf(500))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        assertThat(safe.uploads().purgeExpired(100)).isZero(); // expired at this instant, purged after it
        clock.addAndGet(1);
        assertThat(safe.uploads().purgeExpired(100)).isEqualTo(1);
        assertThat(store.uploads).isEmpty();
        assertThat(store.segments).isEmpty();
    }

    @Test
    void givenTheTargetFolderDeletedMeanwhileThenTheDocumentGoesToTheTop() throws Exception {
        String folder = (String) safe.folders().create(ANNA, "Ordner", null).get("id");
        String id = (String) safe.uploads().begin(ANNA, "a.pdf", folder, 10, "application/pdf").get("id");
        safe.uploads().part(ANNA, id, 0, 10, new ByteArrayInputStream(pdf(10)));
        safe.folders().delete(ANNA, folder);
        assertThat(safe.uploads().complete(ANNA, id)).containsEntry("folder", null);
    }

    // --- races of complete with abort and the expiry purge (#16, finding 4), played in the order the lock allows ---

    /** A session whose parts all arrived, not completed. */
    private String allPartsArrived(byte[] content) throws Exception {
        String id = (String) safe.uploads().begin(ANNA, "gross.pdf", null, content.length, "application/pdf").get("id");
        for (int i = 0; i * PART < content.length; i++) {
            byte[] part = Arrays.copyOfRange(content, i * PART, Math.min(content.length, (i + 1) * PART));
            safe.uploads().part(ANNA, id, i, part.length, new ByteArrayInputStream(part));
        }
        return id;
    }

    @Test
    void givenAnAbortThatGotTheLockFirstThenCompleteAnswersNotFoundAndWritesNoDocumentWithoutContent() throws Exception {
        String id = allPartsArrived(pdf(2_500));
        store.beforeLockReturns = () -> {
            try {
                safe.uploads().abort(ANNA, id);
            } catch (RuntimeException e) {
                throw new AssertionError("the abort that came first succeeds", e);
            }
        };
        assertThatThrownBy(() -> safe.uploads().complete(ANNA, id))
                .satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        assertThat(store.documents).isEmpty();
        assertThat(store.segments).isEmpty();
    }

    @Test
    void givenACompleteThatGotTheLockFirstThenAbortAnswersNotFoundAndTheDocumentStaysReadable() throws Exception {
        byte[] content = pdf(2_500);
        String id = allPartsArrived(content);
        store.beforeLockReturns = () -> safe.uploads().complete(ANNA, id);
        assertThatThrownBy(() -> safe.uploads().abort(ANNA, id))
                .satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        assertThat(download(ANNA, id)).isEqualTo(content);
        assertThatThrownBy(() -> safe.uploads().abort(ANNA, id)).as("and so does any later abort")
                .satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        assertThat(download(ANNA, id)).isEqualTo(content);
    }

    @Test
    void givenACompleteCommittedWhileThePurgeListedTheSessionAsExpiredThenThePurgeLeavesTheDocumentsContent() throws Exception {
        byte[] content = pdf(2_500);
        String id = allPartsArrived(content);
        long expiry = store.uploads.get(id).expiresAt();
        // complete read the session just before it expired; the purge listed it just after.
        clock.set(expiry + 1);
        store.afterExpiredListed = () -> {
            clock.set(expiry - 1);
            safe.uploads().complete(ANNA, id);
            clock.set(expiry + 1);
        };
        assertThat(safe.uploads().purgeExpired(100)).as("nothing left to purge").isZero();
        assertThat(store.documents).containsKey(id);
        assertThat(download(ANNA, id)).isEqualTo(content);
    }

    @Test
    void givenThePurgeThatGotTheLockFirstThenCompleteAnswersNotFound() throws Exception {
        String id = allPartsArrived(pdf(2_500));
        long expiry = store.uploads.get(id).expiresAt();
        clock.set(expiry - 1); // still open when complete starts
        store.beforeLockReturns = () -> {
            clock.set(expiry + 1);
            assertThat(safe.uploads().purgeExpired(100)).isEqualTo(1);
        };
        assertThatThrownBy(() -> safe.uploads().complete(ANNA, id))
                .satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        assertThat(store.documents).isEmpty();
        assertThat(store.segments).isEmpty();
    }

    interface ThrowingCall {
        void run() throws Exception;
    }
}
