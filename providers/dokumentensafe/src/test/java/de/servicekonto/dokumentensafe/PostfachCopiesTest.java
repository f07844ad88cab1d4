package de.servicekonto.dokumentensafe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.crypto.KekRing;
import de.servicekonto.dokumentensafe.spi.StoredDocument;
import de.servicekonto.rest.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Copies from the Postfach into the safe (#16, finding 3): one quota rule that counts what open upload sessions
 * reserve, the sessions among the documents and the folder a copy creates; a refusal of that kind comes before the
 * first write and leaves nothing, for the whole set; a content longer than declared is an integrity failure.
 */
class PostfachCopiesTest {

    private static final Owner ANNA = Owner.person("anna");
    private static final String PDF = "application/pdf";

    private final InMemorySafeStore store = new InMemorySafeStore();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<String> audit = new ArrayList<>();
    private final Dokumentensafe safe;

    PostfachCopiesTest() {
        KekRing ring = KekRing.parse("t-1:" + Base64.getEncoder().encodeToString(new byte[32]));
        SafeCrypto crypto = new SafeCrypto("realm", store.dataKeyStore(), () -> ring);
        safe = new Dokumentensafe(new SafeContext("realm", new SafeSettings(10_000, 6_000, Duration.ofDays(30), 1_000),
                store, crypto, clock::get, (owner, action, id) -> audit.add(owner.id() + " " + action + " " + id)));
    }

    private static byte[] pdf(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        System.arraycopy("%PDF-1.7".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, Math.min(8, size));
        return bytes;
    }

    private static PostfachCopies.Incoming incoming(String name, byte[] content) {
        return new PostfachCopies.Incoming(name, PDF, content.length, new ByteArrayInputStream(content));
    }

    private String refusal(String folder, long... sizes) {
        List<Long> list = new ArrayList<>();
        for (long size : sizes) {
            list.add(size);
        }
        return safe.postfach().refusal(ANNA, folder, list.stream().map(s -> "a.pdf").toList(),
                list.stream().map(s -> PDF).toList(), list);
    }

    private static String code(Throwable e) {
        return ((ApiException) e).status() + " " + ((ApiException) e).code();
    }

    @Test
    void givenTwoDocumentsThenTheyGoIntoOneNewTopFolderWithTheMessagesLevel() throws Exception {
        byte[] first = pdf(2_000);
        byte[] second = pdf(1_500);
        List<String> ids = safe.postfach().store(ANNA, "Bescheide", 3, List.of(incoming("Bescheid.pdf", first),
                incoming("Anlage.pdf", second)));
        List<String> again = safe.postfach().store(ANNA, "Bescheide", 1, List.of(incoming("Zweiter.pdf", pdf(100))));
        assertThat(store.folders).hasSize(1);
        String folder = store.folders.keySet().iterator().next();
        assertThat(ids).hasSize(2).allSatisfy(id -> assertThat(store.documents.get(id).folderId()).isEqualTo(folder));
        assertThat(store.documents.get(again.get(0)).folderId()).isEqualTo(folder);
        assertThat(store.documents.get(ids.get(0)).minLoa()).isEqualTo(3);
        assertThat(audit).containsExactly("anna save-from-postfach " + ids.get(0), "anna save-from-postfach " + ids.get(1),
                "anna save-from-postfach " + again.get(0));
    }

    @Test
    void givenAnOpenSessionReservingMostOfTheQuotaThenACopyDoesNotFitAndNothingIsWritten() throws Exception {
        safe.uploads().begin(ANNA, "gross.pdf", null, 6_000, PDF);
        assertThat(refusal("Bescheide", 4_000)).isNull();
        assertThat(refusal("Bescheide", 4_001)).as("the reservation counts").isEqualTo("quota_exceeded");
        assertThat(refusal("Bescheide", 3_000, 1_001)).as("the set counts as a whole").isEqualTo("quota_exceeded");
        int locksBefore = store.locks;
        assertThatThrownBy(() -> safe.postfach().store(ANNA, "Bescheide", 1, List.of(incoming("a.pdf", pdf(3_000)),
                incoming("b.pdf", pdf(1_001))))).satisfies(e -> assertThat(code(e)).isEqualTo("413 quota_exceeded"));
        assertThat(store.locks).as("checked under the safe's lock").isGreaterThan(locksBefore);
        assertThat(store.documents).isEmpty();
        assertThat(store.segments).isEmpty();
        assertThat(store.folders).as("not even the folder").isEmpty();
        assertThat(audit).isEmpty();
    }

    @Test
    void givenOpenSessionsThenTheyCountAmongTheDocuments() {
        safe.uploads().begin(ANNA, "a.pdf", null, 10, PDF);
        safe.uploads().begin(ANNA, "b.pdf", null, 10, PDF);
        String safeId = store.safes.keySet().iterator().next();
        for (int i = 0; i < SafeSettings.MAX_DOCUMENTS - 3; i++) {
            String id = UUID.randomUUID().toString();
            store.documents.put(id, new StoredDocument(id, "realm", safeId, null, "x", PDF, 0, 0, null, 1));
        }
        assertThat(refusal(null, 10)).isNull();
        assertThat(refusal(null, 10, 10)).isEqualTo("too_many_documents");
        assertThatThrownBy(() -> safe.postfach().store(ANNA, null, 1, List.of(incoming("a.pdf", pdf(10)),
                incoming("b.pdf", pdf(10))))).satisfies(e -> assertThat(code(e)).isEqualTo("409 too_many_documents"));
    }

    @Test
    void givenAFullFolderTreeThenACopyThatNeedsItsFolderDoesNotFitAndOneIntoAnExistingFolderDoes() throws Exception {
        safe.folders().create(ANNA, "Bescheide", null);
        for (int i = 1; i < SafeSettings.MAX_FOLDERS; i++) {
            safe.folders().create(ANNA, "Ordner " + i, null);
        }
        assertThat(refusal("Bescheide", 10)).isNull();
        assertThat(refusal("Rechnungen", 10)).isEqualTo("too_many_folders");
        assertThatThrownBy(() -> safe.postfach().store(ANNA, "Rechnungen", 1, List.of(incoming("a.pdf", pdf(10)))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("409 too_many_folders"));
        assertThat(store.documents).isEmpty();
        assertThat(safe.postfach().store(ANNA, "Bescheide", 1, List.of(incoming("a.pdf", pdf(10))))).hasSize(1);
    }

    @Test
    void givenANameOrTypeTheSafeRefusesThenTheRefusalNamesItBeforeAnythingIsWritten() {
        assertThat(safe.postfach().refusal(ANNA, "Bescheide", List.of("a\u0085b.pdf"), List.of(PDF), List.of(10L)))
                .isEqualTo("invalid_name");
        assertThat(safe.postfach().refusal(ANNA, "Bescheide", List.of("a.html"), List.of("text/html"), List.of(10L)))
                .isEqualTo("type_not_allowed");
        assertThat(refusal(null, 6_001)).isEqualTo("file_too_large");
        assertThatThrownBy(() -> safe.postfach().store(ANNA, "Bescheide", 1, List.of(incoming("a.pdf", pdf(10)),
                incoming("../b.pdf", pdf(10))))).satisfies(e -> assertThat(code(e)).isEqualTo("400 invalid_name"));
        assertThat(store.documents).isEmpty();
        assertThat(store.safes).as("no safe created for a refused set").isEmpty();
    }

    @Test
    void givenAContentLongerOrShorterThanDeclaredThenContentIntegrity() {
        byte[] content = pdf(2_000);
        assertThatThrownBy(() -> safe.postfach().store(ANNA, null, 1, List.of(new PostfachCopies.Incoming("a.pdf", PDF,
                1_000, new ByteArrayInputStream(content))))).satisfies(e -> assertThat(code(e))
                .isEqualTo("409 content_integrity"));
        assertThatThrownBy(() -> safe.postfach().store(ANNA, null, 1, List.of(new PostfachCopies.Incoming("a.pdf", PDF,
                3_000, new ByteArrayInputStream(content))))).satisfies(e -> assertThat(code(e))
                .isEqualTo("409 content_integrity"));
    }

    @Test
    void givenAChosenFolderThenTheCopyGoesIntoItAndAnotherSafesFolderIsNotFound() throws Exception {
        Owner firm = Owner.organisation("org-1");
        String folder = (String) safe.folders().create(firm, "Verträge", null).get("id");
        String sub = (String) safe.folders().create(firm, "2026", folder).get("id");
        List<String> ids = safe.postfach().store(firm, sub, null, 1, List.of(incoming("Vertrag.pdf", pdf(100))));
        assertThat(store.documents.get(ids.get(0)).folderId()).isEqualTo(sub);
        assertThat(store.folders).as("no folder created").hasSize(2);
        assertThat(safe.postfach().refusal(firm, sub, null, List.of("a.pdf"), List.of(PDF), List.of(10L))).isNull();
        int documents = store.documents.size();
        assertThatThrownBy(() -> safe.postfach().store(ANNA, sub, null, 1, List.of(incoming("a.pdf", pdf(10)))))
                .satisfies(e -> assertThat(code(e)).isEqualTo("404 not_found"));
        assertThat(safe.postfach().refusal(ANNA, sub, null, List.of("a.pdf"), List.of(PDF), List.of(10L)))
                .isEqualTo("not_found");
        assertThat(store.documents).hasSize(documents);
    }
}
