package de.servicekonto.postfach;

import static de.servicekonto.postfach.TestPostfach.fachverfahren;
import static de.servicekonto.postfach.TestPostfach.person;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.postfach.spi.NoticeEvent;
import de.servicekonto.postfach.spi.StoredAttachment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Uploads checked and encrypted, delivered re-encrypted for the recipient, downloaded by either side. */
class AttachmentsTest {

    private static final byte[] PDF = "%PDF-1.7\nInhalt des Bescheids".getBytes(StandardCharsets.US_ASCII);
    private final TestPostfach realm = new TestPostfach();
    private final Party citizen = realm.citizen("u1", "Erika Mustermann");
    private final Party authority = realm.authority("a1", "Bürgeramt");
    private final Party staff = realm.citizen("s1", "Sachbearbeiterin");

    {
        realm.parties.staff(staff, authority);
    }

    private Map<String, Object> stage(Party owner, String filename, String type, long length, byte[] content) throws IOException {
        return realm.postfach().attachments().stage(owner, filename, type, length, new ByteArrayInputStream(content));
    }

    private PostfachException refused(Party owner, String filename, String type, long length, byte[] content) {
        try {
            stage(owner, filename, type, length, content);
        } catch (PostfachException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    private static byte[] download(Attachments.Download download) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        download.writeTo(out);
        assertThat(download.ciphertext()).doesNotExist();
        return out.toByteArray();
    }

    @Test
    void givenAnUploadThenStagedEncryptedWithItsCheckedType() throws IOException {
        Map<String, Object> staged = stage(citizen, "Nachweis.pdf", "application/pdf; charset=binary", PDF.length, PDF);
        assertThat(staged).containsEntry("filename", "Nachweis.pdf").containsEntry("mimeType", "application/pdf")
                .containsEntry("size", (long) PDF.length);
        StoredAttachment stored = realm.store.attachments.get((String) staged.get("id"));
        assertThat(stored.staged()).isTrue();
        assertThat(stored.filenameEnc()).doesNotContain("Nachweis");
        assertThat(new String(realm.store.contents.get(stored.id()), StandardCharsets.ISO_8859_1)).doesNotContain("Bescheid");
    }

    @Test
    void givenASentAttachmentThenBothSidesDownloadTheSameBytesEachUnderItsOwnKey() throws IOException {
        String id = (String) stage(citizen, "Nachweis.pdf", "application/pdf", PDF.length, PDF).get("id");
        Delivery.Sent sent = realm.postfach().delivery().send(person(citizen, 1), citizen,
                new Delivery.Draft(authority, "Antrag", "Anbei", List.of(id), 1, false, null));
        assertThat(sent.senderCopy().attachments()).isEqualTo(1);
        String received = realm.received(sent).id();

        Map<String, Object> opened = realm.postfach().reading().open(person(staff, 1), authority, received);
        @SuppressWarnings("unchecked")
        Map<String, Object> listed = ((List<Map<String, Object>>) opened.get("attachments")).get(0);
        assertThat(listed).containsEntry("filename", "Nachweis.pdf").containsEntry("size", (long) PDF.length);
        String theirs = (String) listed.get("id");
        assertThat(theirs).isNotEqualTo(id);

        Attachments.Download atAuthority = realm.postfach().attachments().download(person(staff, 1), authority, received, theirs);
        assertThat(atAuthority.filename()).isEqualTo("Nachweis.pdf");
        assertThat(atAuthority.mimeType()).isEqualTo("application/pdf");
        assertThat(download(atAuthority)).isEqualTo(PDF);
        assertThat(download(realm.postfach().attachments().download(person(citizen, 1), citizen, sent.senderCopy().id(), id)))
                .isEqualTo(PDF);
        assertThat(realm.store.contents.get(id)).isNotEqualTo(realm.store.contents.get(theirs));
    }

    @Test
    void givenAnAttachmentOfAnotherMessageThenNotFound() throws IOException {
        String id = (String) stage(citizen, "a.pdf", "application/pdf", PDF.length, PDF).get("id");
        Delivery.Sent with = realm.postfach().delivery().send(person(citizen, 1), citizen,
                new Delivery.Draft(authority, "Mit", "x", List.of(id), 1, false, null));
        Delivery.Sent without = realm.send(person(citizen, 1), citizen, authority, "Ohne");
        PostfachException e = assertRefused(() -> realm.postfach().attachments()
                .download(person(citizen, 1), citizen, without.senderCopy().id(), id));
        assertThat(e.code()).isEqualTo("not_found");
        assertThat(assertRefused(() -> realm.postfach().attachments()
                .download(person(citizen, 1), citizen, with.senderCopy().id(), "../x")).code()).isEqualTo("not_found");
    }

    @Test
    void givenAnAttachmentAlreadySentThenItCannotBeSentAgainNorTwiceInOneMessage() throws IOException {
        String id = (String) stage(citizen, "a.pdf", "application/pdf", PDF.length, PDF).get("id");
        assertThat(TestPostfach.refusal(() -> realm.postfach().delivery().send(person(citizen, 1), citizen,
                new Delivery.Draft(authority, "Doppelt", "x", List.of(id, id), 1, false, null))).code()).isEqualTo("unknown_attachment");
        realm.postfach().delivery().send(person(citizen, 1), citizen, new Delivery.Draft(authority, "A", "x", List.of(id), 1, false, null));
        assertThat(TestPostfach.refusal(() -> realm.postfach().delivery().send(person(citizen, 1), citizen,
                new Delivery.Draft(authority, "B", "x", List.of(id), 1, false, null))).code()).isEqualTo("unknown_attachment");
    }

    @Test
    void givenAnotherMailboxesUploadThenUnknownAttachment() throws IOException {
        Party other = realm.citizen("u2", "Max");
        String theirs = (String) stage(other, "a.pdf", "application/pdf", PDF.length, PDF).get("id");
        realm.send(person(citizen, 1), citizen, authority, "Mailbox anlegen");
        assertThat(TestPostfach.refusal(() -> realm.postfach().delivery().send(person(citizen, 1), citizen,
                new Delivery.Draft(authority, "A", "x", List.of(theirs), 1, false, null))).code()).isEqualTo("unknown_attachment");
    }

    @Test
    void givenANoticesAttachmentDownloadedThenTheNoticeIsRetrieved() throws IOException {
        String id = (String) stage(authority, "Bescheid.pdf", "application/pdf", PDF.length, PDF).get("id");
        Delivery.Sent notice = realm.postfach().delivery().send(fachverfahren(authority), authority,
                new Delivery.Draft(citizen, "Bescheid", "Anbei", List.of(id), 1, true, null));
        String received = realm.received(notice).id();
        String copy = realm.store.attachments(TestPostfach.REALM, received).get(0).id();
        download(realm.postfach().attachments().download(person(citizen, 1), citizen, received, copy));
        assertThat(realm.store.events.values()).extracting(NoticeEvent::type).containsExactly(NoticeEvent.RETRIEVED);
    }

    @Test
    void givenADisallowedOrDisguisedTypeThen415() {
        PostfachException type = refused(citizen, "a.exe", "application/x-msdownload", 2, "MZ".getBytes());
        assertThat(type.status()).isEqualTo(415);
        assertThat(type.code()).isEqualTo("attachment_type_not_allowed");
        PostfachException disguised = refused(citizen, "a.pdf", "application/pdf", 10, "MZ\u0090\u0000xxxxx".getBytes());
        assertThat(disguised.status()).isEqualTo(415);
        assertThat(realm.store.attachments).isEmpty();
        assertThat(realm.store.mailboxes).as("a refused upload leaves no mailbox").isEmpty();
    }

    @Test
    void givenTooLargeThen413DeclaredOrCounted() {
        realm.settings = new PostfachSettings(16, 5, PostfachSettings.DEFAULT_UNDO, NoticeRule.DEFAULT, 1000);
        assertThat(refused(citizen, "a.pdf", "application/pdf", 17, PDF).code()).isEqualTo("attachment_too_large");
        assertThat(refused(citizen, "a.pdf", "application/pdf", -1, PDF).code()).isEqualTo("attachment_too_large");
        assertThat(realm.store.attachments).isEmpty();
    }

    @Test
    void givenAnEmptyUploadThenInvalid() {
        assertThat(refused(citizen, "a.pdf", "application/pdf", 0, new byte[0]).code()).isEqualTo("invalid_request");
        assertThat(refused(citizen, "a.pdf", "application/pdf", -1, new byte[0]).code()).isEqualTo("invalid_request");
    }

    @Test
    void givenABadFilenameThenRefused() {
        assertThat(refused(citizen, null, "application/pdf", PDF.length, PDF).code()).isEqualTo("invalid_request");
        assertThat(refused(citizen, "../a.pdf", "application/pdf", PDF.length, PDF).code()).isEqualTo("invalid_request");
        assertThat(refused(citizen, "a\\b.pdf", "application/pdf", PDF.length, PDF).code()).isEqualTo("invalid_request");
        assertThat(refused(citizen, "x".repeat(PostfachSettings.MAX_FILENAME + 1), "application/pdf", PDF.length, PDF).code())
                .isEqualTo("invalid_request");
        assertThat(refused(citizen, "Rechnung\u202Efdp.exe", "application/pdf", PDF.length, PDF).code())
                .isEqualTo("invisible_characters");
    }

    @Test
    void givenTooManyUploadsWaitingThen429() throws IOException {
        realm.settings = new PostfachSettings(PostfachSettings.DEFAULT_MAX_ATTACHMENT_BYTES, 1, PostfachSettings.DEFAULT_UNDO,
                NoticeRule.DEFAULT, 1000);
        for (int i = 0; i < realm.settings.maxStagedAttachments(); i++) {
            stage(citizen, "a" + i + ".pdf", "application/pdf", PDF.length, PDF);
        }
        PostfachException e = refused(citizen, "zu viel.pdf", "application/pdf", PDF.length, PDF);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.code()).isEqualTo("too_many_staged_attachments");
    }

    private static PostfachException assertRefused(IoAction action) {
        try {
            action.run();
        } catch (PostfachException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("not refused");
    }

    private interface IoAction {
        void run() throws IOException;
    }
}
