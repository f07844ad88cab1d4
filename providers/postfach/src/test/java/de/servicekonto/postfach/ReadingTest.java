package de.servicekonto.postfach;

import static de.servicekonto.postfach.TestPostfach.fachverfahren;
import static de.servicekonto.postfach.TestPostfach.person;
import static de.servicekonto.postfach.TestPostfach.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.postfach.spi.StoredMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Folders and counts, paging by cursor, the search window, threads, locked messages, integrity. */
class ReadingTest {

    private final TestPostfach realm = new TestPostfach();
    private final Party citizen = realm.citizen("u1", "Erika Mustermann");
    private final Party authority = realm.authority("a1", "Bürgeramt");
    private final Party otherAuthority = realm.authority("a2", "Finanzamt");

    private Reading reading() {
        return realm.postfach().reading();
    }

    /** {@code n} messages from the authority, one a minute, subjects "Nachricht 0" … */
    private List<Delivery.Sent> receive(int n, Party from) {
        List<Delivery.Sent> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            realm.advance(Duration.ofMinutes(1));
            sent.add(realm.send(fachverfahren(from), from, citizen, "Nachricht " + i));
        }
        return sent;
    }

    private static Reading.Query inbox(int limit, PageCursor cursor) {
        return new Reading.Query(Folders.INBOX, limit, cursor, null, null, 0, Long.MAX_VALUE);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> messages(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("messages");
    }

    private static List<Object> subjects(Map<String, Object> page) {
        return messages(page).stream().map(m -> m.get("subject")).toList();
    }

    @Test
    void givenNoMailboxYetThenEmptyFoldersAndAnEmptyPage() {
        assertThat(reading().folders(citizen)).hasSize(4).allSatisfy(f ->
                assertThat(f).containsEntry("total", 0L).containsEntry("unread", 0L).containsEntry("totalCapped", false));
        Map<String, Object> page = reading().list(person(citizen, 1), citizen, inbox(20, null));
        assertThat(messages(page)).isEmpty();
        assertThat(page).containsEntry("next", null).doesNotContainKey("scanned");
    }

    @Test
    void givenMessagesThenTotalAndUnreadPerFolder() {
        List<Delivery.Sent> sent = receive(3, authority);
        realm.postfach().actions().markRead(person(citizen, 1), citizen, realm.received(sent.get(0)).id(), true);
        realm.postfach().actions().archive(person(citizen, 1), citizen, realm.received(sent.get(1)).id());
        realm.send(person(citizen, 1), citizen, authority, "Antwort");
        List<Map<String, Object>> folders = reading().folders(citizen);
        assertThat(folders).extracting(f -> f.get("folder")).containsExactly("inbox", "sent", "archive", "trash");
        assertThat(folders.get(0)).containsEntry("total", 2L).containsEntry("unread", 1L);
        assertThat(folders.get(1)).containsEntry("total", 1L).containsEntry("unread", 0L);
        assertThat(folders.get(2)).containsEntry("total", 1L).containsEntry("unread", 1L);
        assertThat(folders.get(3)).containsEntry("total", 0L);
    }

    @Test
    void givenMoreMessagesThanTheCountLimitThenTheLimitMarkedAsCapped() {
        realm.settings = new PostfachSettings(PostfachSettings.DEFAULT_MAX_ATTACHMENT_BYTES, 5, PostfachSettings.DEFAULT_UNDO,
                NoticeRule.DEFAULT, 3);
        receive(5, authority);
        Map<String, Object> inbox = reading().folders(citizen).get(0);
        assertThat(inbox).containsEntry("total", 3L).containsEntry("totalCapped", true)
                .containsEntry("unread", 3L).containsEntry("unreadCapped", true);
        Map<String, Object> exact = reading().folders(citizen).get(1);
        assertThat(exact).containsEntry("totalCapped", false);
    }

    @Test
    void givenPagesThenNewestFirstEachMessageOnceAndNoCursorAtTheEnd() {
        receive(25, authority);
        List<Object> seen = new ArrayList<>();
        PageCursor cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = reading().list(person(citizen, 1), citizen, inbox(10, cursor));
            seen.addAll(subjects(page));
            cursor = page.get("next") == null ? null : PageCursor.decode((String) page.get("next"));
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("Nachricht 24");
        assertThat(seen.get(24)).isEqualTo("Nachricht 0");
    }

    @Test
    void givenExactlyOnePageThenNoCursor() {
        receive(10, authority);
        Map<String, Object> page = reading().list(person(citizen, 1), citizen, inbox(10, null));
        assertThat(messages(page)).hasSize(10);
        assertThat(page.get("next")).isNull();
    }

    @Test
    void givenMessagesAtTheSameMillisecondThenTheCursorStillSeparatesThem() {
        for (int i = 0; i < 5; i++) {
            realm.send(fachverfahren(authority), authority, citizen, "Gleichzeitig " + i);
        }
        Map<String, Object> first = reading().list(person(citizen, 1), citizen, inbox(2, null));
        Map<String, Object> second = reading().list(person(citizen, 1), citizen,
                inbox(3, PageCursor.decode((String) first.get("next"))));
        List<Object> all = new ArrayList<>(subjects(first));
        all.addAll(subjects(second));
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void givenSinceAndUntilThenOnlyTheWindow() {
        receive(10, authority); // minutes 1..10 after START
        long since = TestPostfach.START + Duration.ofMinutes(3).toMillis();
        long until = TestPostfach.START + Duration.ofMinutes(6).toMillis();
        Map<String, Object> page = reading().list(person(citizen, 1), citizen,
                new Reading.Query(Folders.INBOX, 20, null, null, null, since, until));
        assertThat(subjects(page)).containsExactly("Nachricht 5", "Nachricht 4", "Nachricht 3", "Nachricht 2");
        assertThat(page.get("next")).isNull();
    }

    @Test
    void givenASearchThenSubjectAndSenderMatchIgnoringCase() {
        receive(3, authority);
        realm.advance(Duration.ofMinutes(1));
        realm.send(fachverfahren(otherAuthority), otherAuthority, citizen, "Steuerbescheid 2026");
        Map<String, Object> bySubject = reading().list(person(citizen, 1), citizen,
                new Reading.Query(Folders.INBOX, 20, null, "STEUER", null, 0, Long.MAX_VALUE));
        assertThat(subjects(bySubject)).containsExactly("Steuerbescheid 2026");
        assertThat(bySubject).containsEntry("scanned", 4).containsEntry("next", null);
        Map<String, Object> bySender = reading().list(person(citizen, 1), citizen,
                new Reading.Query(Folders.INBOX, 20, null, null, "bürgeramt", 0, Long.MAX_VALUE));
        assertThat(subjects(bySender)).hasSize(3);
    }

    @Test
    void givenASearchOverALargeFolderThenAtMostTheWindowIsScannedAndACursorContinues() {
        receive(SearchWindow.MAX_SCANNED + 20, authority); // "Nachricht 0" … "Nachricht 519"
        Map<String, Object> first = reading().list(person(citizen, 1), citizen,
                new Reading.Query(Folders.INBOX, 20, null, "Nachricht 7", null, 0, Long.MAX_VALUE));
        // Newest first, 519 down to 20 are scanned: of those only 70 … 79 match, the page is not full.
        assertThat(first).containsEntry("scanned", SearchWindow.MAX_SCANNED);
        assertThat(subjects(first)).hasSize(10).first().isEqualTo("Nachricht 79");
        assertThat(first.get("next")).isNotNull();
        Map<String, Object> rest = reading().list(person(citizen, 1), citizen, new Reading.Query(Folders.INBOX, 20,
                PageCursor.decode((String) first.get("next")), "Nachricht 7", null, 0, Long.MAX_VALUE));
        assertThat(subjects(rest)).containsExactly("Nachricht 7");
        assertThat(rest).containsEntry("scanned", 20).containsEntry("next", null);
    }

    @Test
    void givenASearchWhosePageFillsThenItStopsEarlyWithACursor() {
        receive(60, authority);
        Map<String, Object> page = reading().list(person(citizen, 1), citizen,
                new Reading.Query(Folders.INBOX, 5, null, "nachricht", null, 0, Long.MAX_VALUE));
        assertThat(subjects(page)).hasSize(5);
        assertThat(page).containsEntry("scanned", 5);
        assertThat(page.get("next")).isNotNull();
    }

    @Test
    void givenAMessageAboveTheSessionsLevelThenListedLockedWithoutSubjectButWithSender() {
        realm.send(fachverfahren(authority), authority, citizen, "Geheim", 3, false);
        Map<String, Object> listed = messages(reading().list(person(citizen, 1), citizen, inbox(20, null))).get(0);
        assertThat(listed).containsEntry("locked", true).doesNotContainKey("subject")
                .containsEntry("senderName", "Bürgeramt").containsEntry("minimumTrustLevel", "hoch");
        Map<String, Object> open = messages(reading().list(person(citizen, 3), citizen, inbox(20, null))).get(0);
        assertThat(open).containsEntry("locked", false).containsEntry("subject", "Geheim");
    }

    @Test
    void givenOpeningAboveTheSessionsLevelThenStepUpAndNothingRecorded() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Bescheid", 3, true);
        PostfachException e = refusal(() -> reading().open(person(citizen, 2), citizen, realm.received(sent).id()));
        assertThat(e.code()).isEqualTo("step_up_required");
        assertThat(realm.store.events).isEmpty();
    }

    @Test
    void givenAThreadThenOldestFirstWithLockedMessagesShownLocked() {
        Delivery.Sent question = realm.send(fachverfahren(authority), authority, citizen, "Rückfrage", 2, false);
        realm.advance(Duration.ofMinutes(1));
        Delivery.Sent answer = realm.reply(person(citizen, 2), citizen, realm.received(question).id(), "Antwort", 2);
        realm.advance(Duration.ofMinutes(1));
        realm.send(fachverfahren(authority), authority, citizen, "Anderes Thema");
        List<Map<String, Object>> thread = reading().thread(person(citizen, 1), citizen, answer.senderCopy().id());
        assertThat(thread).extracting(m -> m.get("direction")).containsExactly("in", "out");
        assertThat(thread).allSatisfy(m -> assertThat(m).containsEntry("locked", true));
    }

    @Test
    void givenATrashedMessageThenNotInItsThread() {
        Delivery.Sent question = realm.send(fachverfahren(authority), authority, citizen, "Rückfrage");
        Delivery.Sent answer = realm.reply(person(citizen, 1), citizen, realm.received(question).id(), "Antwort", 1);
        realm.postfach().actions().delete(person(citizen, 1), citizen, realm.received(question).id());
        assertThat(reading().thread(person(citizen, 1), citizen, answer.senderCopy().id())).hasSize(1);
    }

    @Test
    void givenAMessageOpenedThenBodyAndAttachmentsButNoNoticeForAnOrdinaryMessage() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        Map<String, Object> open = reading().open(person(citizen, 1), citizen, realm.received(sent).id());
        assertThat(open).containsEntry("body", "Text").containsEntry("attachments", List.of()).containsEntry("notice", false);
    }

    @Test
    void givenARowWhoseLevelWasLoweredInTheDatabaseThenItFailsItsIntegrityCheck() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Geheim", 3, false);
        StoredMessage row = realm.received(sent);
        // An attacker with database access lowers the minimum level to read it with a niedrig session.
        realm.store.replace(new StoredMessage(row.id(), row.realmId(), row.mailboxId(), row.messageRef(), row.threadId(),
                row.folder(), null, null, row.direction(), row.senderKind(), row.senderId(), row.recipientKind(),
                row.recipientId(), row.senderNameEnc(), row.subjectEnc(), row.bodyEnc(), row.createdAt(), null, 1,
                row.notice(), 0, row.contentFormat()));
        PostfachException e = refusal(() -> reading().open(person(citizen, 1), citizen, row.id()));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("content_integrity");
        Map<String, Object> listed = messages(reading().list(person(citizen, 1), citizen, inbox(20, null))).get(0);
        assertThat(listed).containsEntry("contentIntegrity", "failed").containsEntry("locked", true)
                .doesNotContainKey("subject").containsEntry("senderName", null);
    }

    @Test
    void givenACopyMovedToAnotherMailboxThenItFailsItsIntegrityCheck() {
        Delivery.Sent mine = realm.send(fachverfahren(authority), authority, citizen, "Meins");
        Party other = realm.citizen("u2", "Max");
        Delivery.Sent theirs = realm.send(fachverfahren(authority), authority, other, "Seins");
        StoredMessage row = realm.received(theirs);
        String myMailbox = realm.received(mine).mailboxId();
        realm.store.replace(new StoredMessage(row.id(), row.realmId(), myMailbox, row.messageRef(), row.threadId(),
                row.folder(), null, null, row.direction(), row.senderKind(), row.senderId(), row.recipientKind(),
                row.recipientId(), row.senderNameEnc(), row.subjectEnc(), row.bodyEnc(), row.createdAt(), null,
                row.minLoa(), row.notice(), 0, row.contentFormat()));
        assertThat(refusal(() -> reading().open(person(citizen, 1), citizen, row.id())).code()).isEqualTo("content_integrity");
    }

    @Test
    void givenAShreddedOwnerKeyThenAMessageLeftBehindIsNotFound() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        realm.store.keys.clear();
        assertThat(refusal(() -> reading().open(person(citizen, 1), citizen, realm.received(sent).id())).code())
                .isEqualTo("not_found");
    }
}
