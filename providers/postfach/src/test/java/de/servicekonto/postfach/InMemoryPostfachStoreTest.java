package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.postfach.spi.Mailbox;
import de.servicekonto.postfach.spi.NoticeEvent;
import de.servicekonto.postfach.spi.PendingMail;
import de.servicekonto.postfach.spi.StoredAttachment;
import de.servicekonto.postfach.spi.StoredMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The store contract as the rules rely on it, on the in-memory store: scoping by realm and mailbox, the keyset order,
 * bounded counts, writes by intent. {@code JpaPostfachStore} answers the same with its named queries.
 */
class InMemoryPostfachStoreTest {

    private static final String REALM = "r1";
    private final InMemoryPostfachStore store = new InMemoryPostfachStore();

    private StoredMessage message(Mailbox box, String id, long createdAt, String folder) {
        return new StoredMessage(id, box.realmId(), box.id(), "ref-" + id, "thread-1", folder, null, null, "IN",
                "AUTHORITY", "a1", "USER", "u1", null, "s", "b", createdAt, null, 1, false, 0, 2);
    }

    @Test
    void givenAnOwnerThenOneMailboxPerRealmKindAndOwner() {
        Mailbox first = store.mailboxOrCreate(REALM, "USER", "u1");
        assertThat(store.mailboxOrCreate(REALM, "USER", "u1")).isEqualTo(first);
        assertThat(store.mailbox(REALM, "USER", "u1")).contains(first);
        assertThat(store.mailbox("r2", "USER", "u1")).isEmpty();
        assertThat(store.mailbox(REALM, "ORGANISATION", "u1")).isEmpty();
        assertThat(store.mailboxOrCreate(REALM, "ORGANISATION", "u1")).isNotEqualTo(first);
    }

    @Test
    void givenAMessageIdThenOnlyItsRealmAndMailboxFindIt() {
        Mailbox mine = store.mailboxOrCreate(REALM, "USER", "u1");
        Mailbox other = store.mailboxOrCreate(REALM, "USER", "u2");
        store.add(message(mine, "m1", 10, "INBOX"));
        assertThat(store.message(REALM, mine.id(), "m1")).isPresent();
        assertThat(store.message(REALM, other.id(), "m1")).isEmpty();
        assertThat(store.message("r2", mine.id(), "m1")).isEmpty();
        store.markRead(REALM, other.id(), "m1", 99L);
        store.trash(REALM, other.id(), "m1", 99L);
        assertThat(store.message(REALM, mine.id(), "m1").orElseThrow().folder()).isEqualTo("INBOX");
        assertThat(store.message(REALM, mine.id(), "m1").orElseThrow().readAt()).isNull();
    }

    @Test
    void givenMessagesThenPagesAreNewestFirstStrictlyBeforeTheCursor() {
        Mailbox box = store.mailboxOrCreate(REALM, "USER", "u1");
        store.add(message(box, "a", 10, "INBOX"));
        store.add(message(box, "b", 20, "INBOX"));
        store.add(message(box, "c", 20, "INBOX"));
        store.add(message(box, "d", 30, "INBOX"));
        store.add(message(box, "e", 40, "ARCHIVE"));
        assertThat(store.page(REALM, box.id(), "INBOX", Long.MAX_VALUE, "~", 10)).extracting(StoredMessage::id)
                .containsExactly("d", "c", "b", "a");
        assertThat(store.page(REALM, box.id(), "INBOX", Long.MAX_VALUE, "~", 2)).extracting(StoredMessage::id)
                .containsExactly("d", "c");
        // Same time as the cursor: only smaller ids.
        assertThat(store.page(REALM, box.id(), "INBOX", 20, "c", 10)).extracting(StoredMessage::id)
                .containsExactly("b", "a");
        assertThat(store.page(REALM, box.id(), "INBOX", 20, "~", 10)).extracting(StoredMessage::id)
                .containsExactly("c", "b", "a");
    }

    @Test
    void givenAListingThenItsRowsCarryNoBodyAndTheMessageItselfDoes() {
        Mailbox box = store.mailboxOrCreate(REALM, "USER", "u1");
        store.add(message(box, "a", 10, "INBOX"));
        assertThat(store.page(REALM, box.id(), "INBOX", Long.MAX_VALUE, "~", 10)).singleElement()
                .satisfies(row -> assertThat(row.bodyEnc()).isNull())
                .satisfies(row -> assertThat(row.subjectEnc()).isEqualTo("s"));
        assertThat(store.thread(REALM, box.id(), "thread-1", 10)).singleElement()
                .satisfies(row -> assertThat(row.bodyEnc()).isNull());
        assertThat(store.message(REALM, box.id(), "a").orElseThrow().bodyEnc()).isEqualTo("b");
    }

    @Test
    void givenAFolderThenCountsStopAtTheBound() {
        Mailbox box = store.mailboxOrCreate(REALM, "USER", "u1");
        for (int i = 0; i < 7; i++) {
            store.add(message(box, "m" + i, i, "INBOX"));
        }
        store.markRead(REALM, box.id(), "m0", 5L);
        assertThat(store.countUpTo(REALM, box.id(), "INBOX", false, 100)).isEqualTo(7);
        assertThat(store.countUpTo(REALM, box.id(), "INBOX", true, 100)).isEqualTo(6);
        assertThat(store.countUpTo(REALM, box.id(), "INBOX", false, 3)).isEqualTo(3);
        assertThat(store.countUpTo(REALM, box.id(), "SENT", false, 3)).isZero();
    }

    @Test
    void givenTrashThenRestoreReturnsToThePreviousFolderAndPurgeTakesOnlyExpired() throws IOException {
        Mailbox box = store.mailboxOrCreate(REALM, "USER", "u1");
        store.add(message(box, "m1", 1, "ARCHIVE"));
        store.add(message(box, "m2", 2, "INBOX"));
        store.trash(REALM, box.id(), "m1", 100);
        store.trash(REALM, box.id(), "m1", 500); // again: unchanged
        StoredMessage trashed = store.message(REALM, box.id(), "m1").orElseThrow();
        assertThat(trashed.folder()).isEqualTo("TRASH");
        assertThat(trashed.previousFolder()).isEqualTo("ARCHIVE");
        assertThat(trashed.deletedAt()).isEqualTo(100L);
        store.restore(REALM, box.id(), "m1");
        StoredMessage restored = store.message(REALM, box.id(), "m1").orElseThrow();
        assertThat(restored.folder()).isEqualTo("ARCHIVE");
        assertThat(restored.previousFolder()).isNull();
        assertThat(restored.deletedAt()).isNull();

        store.trash(REALM, box.id(), "m1", 100);
        store.trash(REALM, box.id(), "m2", 300);
        store.addAttachment(new StoredAttachment("x1", REALM, box.id(), "m1", "f", "application/pdf", 3, 1),
                new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
        assertThat(store.purgeDeleted(REALM, 200, 10)).isEqualTo(1);
        assertThat(store.message(REALM, box.id(), "m1")).isEmpty();
        assertThat(store.attachment(REALM, box.id(), "x1")).isEmpty();
        assertThat(store.message(REALM, box.id(), "m2")).isPresent();
    }

    @Test
    void givenAThreadThenOldestFirstWithoutTrash() {
        Mailbox box = store.mailboxOrCreate(REALM, "USER", "u1");
        store.add(message(box, "m2", 2, "INBOX"));
        store.add(message(box, "m1", 1, "ARCHIVE"));
        store.add(message(box, "m3", 3, "INBOX"));
        store.trash(REALM, box.id(), "m3", 5);
        assertThat(store.thread(REALM, box.id(), "thread-1", 10)).extracting(StoredMessage::id).containsExactly("m1", "m2");
    }

    @Test
    void givenUploadsThenStagedUntilAttachedAndStaleOnesGo() throws IOException {
        Mailbox box = store.mailboxOrCreate(REALM, "USER", "u1");
        store.addAttachment(new StoredAttachment("x1", REALM, box.id(), null, "f", "application/pdf", 3, 10),
                new ByteArrayInputStream(new byte[] {1, 2, 3}), 3);
        store.addAttachment(new StoredAttachment("x2", REALM, box.id(), null, "f", "application/pdf", 3, 20),
                new ByteArrayInputStream(new byte[] {4, 5, 6}), 3);
        assertThat(store.stagedAttachments(REALM, box.id())).isEqualTo(2);
        store.attach(REALM, box.id(), "x1", "m1");
        assertThat(store.stagedAttachments(REALM, box.id())).isEqualTo(1);
        assertThat(store.attachments(REALM, "m1")).extracting(StoredAttachment::id).containsExactly("x1");
        assertThat(store.content(store.attachment(REALM, box.id(), "x1").orElseThrow()).readAllBytes())
                .containsExactly(1, 2, 3);
        assertThat(store.removeStaleStaged(REALM, 30, 10)).isEqualTo(1);
        assertThat(store.attachment(REALM, box.id(), "x2")).isEmpty();
        assertThat(store.attachment(REALM, box.id(), "x1")).isPresent();
    }

    @Test
    void givenEvidenceThenTheFirstOfATypeStays() {
        store.recordOnce("n1", NoticeEvent.RETRIEVED, 10);
        store.recordOnce("n1", NoticeEvent.RETRIEVED, 20);
        store.recordOnce("n1", NoticeEvent.NOTIFIED, 30);
        assertThat(store.noticeEvents("n1")).containsExactlyInAnyOrder(new NoticeEvent("n1", NoticeEvent.RETRIEVED, 10),
                new NoticeEvent("n1", NoticeEvent.NOTIFIED, 30));
    }

    @Test
    void givenPendingMailsThenDueOnesOldestFirstAndFailuresCounted() {
        store.addPendingMail(new PendingMail("ref-b", REALM, "USER", "u1", false, 0, 50));
        store.addPendingMail(new PendingMail("ref-a", REALM, "USER", "u1", true, 0, 10));
        store.addPendingMail(new PendingMail("ref-c", REALM, "USER", "u1", false, 0, 500));
        store.addPendingMail(new PendingMail("ref-x", "r2", "USER", "u1", false, 0, 1));
        assertThat(store.duePendingMails(REALM, 100, 10)).extracting(PendingMail::messageRef).containsExactly("ref-a", "ref-b");
        store.mailAttemptFailed(REALM, "ref-a", 1000);
        PendingMail failed = store.pendingMail(REALM, "ref-a").orElseThrow();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.nextAt()).isEqualTo(1000);
        store.removePendingMail(REALM, "ref-b");
        assertThat(store.duePendingMails(REALM, 100, 10)).isEmpty();
    }

    @Test
    void givenAMailboxDeletedThenItsRowsAndPendingMailsGoAndOthersStay() throws IOException {
        Mailbox gone = store.mailboxOrCreate(REALM, "USER", "u1");
        Mailbox stays = store.mailboxOrCreate(REALM, "AUTHORITY", "a1");
        store.add(message(gone, "m1", 1, "INBOX"));
        store.add(message(stays, "m2", 1, "SENT"));
        store.addAttachment(new StoredAttachment("x1", REALM, gone.id(), "m1", "f", "application/pdf", 1, 1),
                new ByteArrayInputStream(new byte[] {1}), 1);
        store.addPendingMail(new PendingMail("ref-m1", REALM, "USER", "u1", true, 0, 1));
        store.deleteMailbox(REALM, gone);
        assertThat(store.mailbox(REALM, "USER", "u1")).isEmpty();
        assertThat(store.message(REALM, gone.id(), "m1")).isEmpty();
        assertThat(store.attachment(REALM, gone.id(), "x1")).isEmpty();
        assertThat(store.pendingMail(REALM, "ref-m1")).isEmpty();
        assertThat(store.message(REALM, stays.id(), "m2")).isPresent();
    }

    @Test
    void givenARealmDeletedThenNothingOfItRemains() {
        Mailbox box = store.mailboxOrCreate(REALM, "USER", "u1");
        Mailbox other = store.mailboxOrCreate("r2", "USER", "u1");
        store.add(message(box, "m1", 1, "INBOX"));
        store.add(message(other, "m2", 1, "INBOX"));
        store.deleteRealm(REALM);
        assertThat(store.mailbox(REALM, "USER", "u1")).isEmpty();
        assertThat(store.messages.keySet()).isEqualTo(java.util.Set.of("m2"));
        assertThat(List.copyOf(store.mailboxes.values())).containsExactly(other);
    }
}
