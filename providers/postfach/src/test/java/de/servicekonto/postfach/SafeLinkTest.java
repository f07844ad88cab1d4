package de.servicekonto.postfach;

import static de.servicekonto.postfach.TestPostfach.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.postfach.keycloak.SafeLink;
import de.servicekonto.postfach.spi.StoredAttachment;
import de.servicekonto.spi.DocumentSafe;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

/**
 * The Postfach's side of the link with the Dokumentensafe (#16, finding 6 and the content-integrity low), against a
 * safe that records what it was asked: a document the Postfach would refuse is never copied out of the safe, an
 * altered attachment is 409 {@code content_integrity}, and no temporary file stays behind on a failure. The temporary
 * directory is the module's build directory (surefire's {@code java.io.tmpdir}), so only this JVM writes there.
 */
class SafeLinkTest {

    private static final byte[] PDF = "%PDF-1.7\nInhalt des Bescheids, lang genug".getBytes(StandardCharsets.US_ASCII);
    private final TestPostfach realm = new TestPostfach();
    private final Party citizen = realm.citizen("u1", "Erika Mustermann");
    private final Party authority = realm.authority("a1", "Bürgeramt");
    private final RecordingSafe safe = new RecordingSafe();
    private final SafeLink link = SafeLink.of((RealmModel) null, safe);

    /** A safe that answers one document and reads whatever it is asked to store. */
    private static class RecordingSafe implements DocumentSafe {
        Description description = new Description("application/pdf", PDF.length, 2);
        boolean opened;
        final List<byte[]> stored = new ArrayList<>();
        final List<SafeOwner> owners = new ArrayList<>();

        @Override
        public void authorize(RealmModel realm, SafeOwner owner, boolean write) {
        }

        @Override
        public Document open(RealmModel realm, SafeOwner owner, String documentId, int sessionLoa) {
            opened = true;
            return new Document("Antrag.pdf", description.mimeType(), description.size(), new ByteArrayInputStream(PDF));
        }

        @Override
        public Description describe(RealmModel realm, SafeOwner owner, String documentId, int sessionLoa) {
            owners.add(owner);
            return description;
        }

        @Override
        public List<String> store(RealmModel realm, SafeOwner owner, Folder folder, int minLoa, List<NewDocument> documents)
                throws IOException {
            owners.add(owner);
            List<String> ids = new ArrayList<>();
            for (NewDocument document : documents) {
                stored.add(document.content().readAllBytes());
                ids.add("id-" + ids.size());
            }
            return ids;
        }

        @Override
        public String refusal(RealmModel realm, SafeOwner owner, Folder folder, List<Planned> documents) {
            return null;
        }
    }

    private static long temporaryFiles() throws IOException {
        // Where the JDK puts temporary files (the build directory, see the module's pom), found by making one.
        Path probe = Files.createTempFile("probe-", ".tmp");
        Files.delete(probe);
        try (Stream<Path> files = Files.list(probe.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith("sk-postfach-")).count();
        }
    }

    /** A message from the citizen to the authority with two attachments; the sender's copies as downloads. */
    private Delivery.Sent sentWithTwoAttachments() throws IOException {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("Erster.pdf", "Zweiter.pdf")) {
            ids.add((String) realm.postfach().attachments().stage(citizen, name, "application/pdf", PDF.length,
                    new ByteArrayInputStream(PDF)).get("id"));
        }
        return realm.postfach().delivery().send(person(citizen, 1), citizen,
                new Delivery.Draft(authority, "Antrag", "Anbei", ids, 1, false, null));
    }

    @Test
    void givenASafeDocumentAboveThePostfachsLimitOrOfATypeItDoesNotCarryThenRefusedBeforeTheSafeCopiesIt() {
        safe.description = new DocumentSafe.Description("application/pdf", realm.settings.maxAttachmentBytes() + 1, 1);
        PostfachException tooLarge = TestPostfach.refusal(() -> link.stageFromSafe(citizen, citizen.id(), "doc", 1,
                realm.postfach().attachments()));
        assertThat(tooLarge.status() + " " + tooLarge.code()).isEqualTo("413 attachment_too_large");
        safe.description = new DocumentSafe.Description("text/plain", 10, 1);
        PostfachException type = TestPostfach.refusal(() -> link.stageFromSafe(citizen, citizen.id(), "doc", 1,
                realm.postfach().attachments()));
        assertThat(type.status() + " " + type.code()).isEqualTo("415 attachment_type_not_allowed");
        assertThat(safe.opened).as("nothing was copied out of the safe").isFalse();
        assertThat(realm.store.attachments).isEmpty();
    }

    @Test
    void givenASafeDocumentWithinTheLimitThenStagedAsAnUpload() {
        SafeLink.Staged result = link.stageFromSafe(citizen, citizen.id(), "doc", 2, realm.postfach().attachments());
        assertThat(result.minLoa()).as("the document's level travels with it").isEqualTo(2);
        StoredAttachment staged = realm.store.attachments.get(result.uploadId());
        assertThat(staged.staged()).isTrue();
        assertThat(staged.size()).isEqualTo(PDF.length);
        assertThat(safe.opened).isTrue();
    }

    @Test
    void givenAnAttachmentWhoseCiphertextWasAlteredThenSavingItIntoTheSafeIsAContentIntegrityConflict() throws IOException {
        List<Attachments.Download> downloads = realm.postfach().attachments().delivered(sentWithTwoAttachments());
        Path file = downloads.get(1).ciphertext();
        byte[] ciphertext = Files.readAllBytes(file);
        ciphertext[ciphertext.length - 5] ^= 1;
        Files.write(file, ciphertext);
        PostfachException refused = TestPostfach.refusal(() -> link.store(citizen, citizen.id(), DocumentSafe.Folder.TOP, 1, downloads, List.of()));
        assertThat(refused.status() + " " + refused.code()).isEqualTo("409 content_integrity");
        assertThat(downloads).allSatisfy(d -> assertThat(d.ciphertext()).doesNotExist());
    }

    @Test
    void givenOneAttachmentsSpoolUnreadableThenTheOthersTemporaryFilesAreRemovedToo() throws IOException {
        List<Attachments.Download> downloads = realm.postfach().attachments().delivered(sentWithTwoAttachments());
        Files.delete(downloads.get(0).ciphertext());
        assertThatThrownBy(() -> link.store(citizen, citizen.id(), DocumentSafe.Folder.TOP, 1, downloads, List.of()))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(downloads.get(1).ciphertext()).as("never opened, removed all the same").doesNotExist();
    }

    @Test
    void givenTheSecondAttachmentUnreadableWhenSpoolingThenTheFirstsTemporaryFileIsRemoved() throws IOException {
        Path probe = Files.createTempFile("probe-", ".tmp");
        Files.delete(probe);
        assertThat(probe.getParent().getFileName()).as("the module's build directory, not the shared /tmp")
                .isEqualTo(Path.of("target"));
        Delivery.Sent sent = sentWithTwoAttachments();
        List<StoredAttachment> attachments = realm.store.attachments(TestPostfach.REALM, sent.senderCopy().id());
        assertThat(attachments).hasSize(2);
        realm.store.contents.remove(attachments.get(1).id());
        long before = temporaryFiles();
        assertThatThrownBy(() -> realm.postfach().attachments().delivered(sent)).isInstanceOf(IOException.class);
        assertThat(temporaryFiles()).isEqualTo(before);
    }

    @Test
    void givenASafeThatRefusesTheSetThenEveryTemporaryFileIsRemoved() throws IOException {
        List<Attachments.Download> downloads = realm.postfach().attachments().delivered(sentWithTwoAttachments());
        SafeLink refusing = SafeLink.of((RealmModel) null, new RecordingSafe() {
            @Override
            public List<String> store(RealmModel realm, SafeOwner owner, Folder folder, int minLoa,
                                      List<NewDocument> documents) {
                throw new Refused(413, "quota_exceeded", "full");
            }
        });
        PostfachException refused = TestPostfach.refusal(() -> refusing.store(citizen, citizen.id(), DocumentSafe.Folder.TOP, 1, downloads, List.of()));
        assertThat(refused.code()).isEqualTo("quota_exceeded");
        assertThat(downloads).allSatisfy(d -> assertThat(d.ciphertext()).doesNotExist());
    }

    @Test
    void givenAnOrganisationsMailboxThenItsOwnSafeIsAskedWithTheActingMemberAndAnAuthorityHasNone() throws IOException {
        Party organisation = realm.organisation("o1", "Muster GmbH");
        link.stageFromSafe(organisation, "admin-1", "doc", 1, realm.postfach().attachments());
        link.store(organisation, null, DocumentSafe.Folder.topNamed("Bescheide"), 1,
                realm.postfach().attachments().delivered(sentWithTwoAttachments()), List.of());
        assertThat(safe.owners).containsExactly(DocumentSafe.SafeOwner.organisation("o1", "admin-1"),
                new DocumentSafe.SafeOwner(DocumentSafe.ORGANISATION, "o1", null));
        PostfachException none = TestPostfach.refusal(() -> link.stageFromSafe(authority, "staff-1", "doc", 1,
                realm.postfach().attachments()));
        assertThat(none.status() + " " + none.code()).isEqualTo("409 safe_unavailable");
        assertThat(safe.owners).hasSize(2);
    }
}
