package de.servicekonto.postfach;

import static de.servicekonto.postfach.TestPostfach.fachverfahren;
import static de.servicekonto.postfach.TestPostfach.person;
import static de.servicekonto.postfach.TestPostfach.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.postfach.spi.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Read state, archive, trash, restore and the undo window; each needs the message's level. */
class MessageActionsTest {

    private final TestPostfach realm = new TestPostfach();
    private final Party citizen = realm.citizen("u1", "Erika Mustermann");
    private final Party authority = realm.authority("a1", "Bürgeramt");
    private final Caller me = person(citizen, 1);

    private MessageActions actions() {
        return realm.postfach().actions();
    }

    private StoredMessage stored(String id) {
        return realm.store.messages.get(id);
    }

    private String received(String subject) {
        return realm.received(realm.send(fachverfahren(authority), authority, citizen, subject)).id();
    }

    @Test
    void givenReadThenTheFirstTimeStaysAndUnreadClearsIt() {
        String id = received("Nachricht");
        actions().markRead(me, citizen, id, true);
        long first = stored(id).readAt();
        realm.advance(Duration.ofHours(1));
        actions().markRead(me, citizen, id, true);
        assertThat(stored(id).readAt()).isEqualTo(first).isEqualTo(realm.now - Duration.ofHours(1).toMillis());
        actions().markRead(me, citizen, id, false);
        assertThat(stored(id).readAt()).isNull();
    }

    @Test
    void givenArchiveThenTheArchiveFolderButNotFromTheTrash() {
        String id = received("Nachricht");
        actions().archive(me, citizen, id);
        assertThat(stored(id).folder()).isEqualTo(Folders.ARCHIVE);
        actions().delete(me, citizen, id);
        PostfachException e = refusal(() -> actions().archive(me, citizen, id));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("message_deleted");
    }

    @Test
    void givenDeleteThenTrashRestorableForTheUndoPeriod() {
        String id = received("Nachricht");
        Map<String, Object> answer = actions().delete(me, citizen, id);
        String until = Instant.ofEpochMilli(realm.now).plus(PostfachSettings.DEFAULT_UNDO).toString();
        assertThat(answer).containsEntry("id", id).containsEntry("folder", "trash").containsEntry("restorableUntil", until);
        assertThat(stored(id).folder()).isEqualTo(Folders.TRASH);
        // Deleting again changes nothing: the undo period still counts from the first time.
        realm.advance(Duration.ofDays(1));
        assertThat(actions().delete(me, citizen, id)).containsEntry("restorableUntil", until);
        realm.advance(PostfachSettings.DEFAULT_UNDO.minusDays(2));
        actions().restore(me, citizen, id);
        assertThat(stored(id).folder()).isEqualTo(Folders.INBOX);
        assertThat(stored(id).deletedAt()).isNull();
    }

    @Test
    void givenRestoreThenBackToTheFolderItCameFrom() {
        String id = received("Nachricht");
        actions().archive(me, citizen, id);
        actions().delete(me, citizen, id);
        actions().restore(me, citizen, id);
        assertThat(stored(id).folder()).isEqualTo(Folders.ARCHIVE);
        actions().restore(me, citizen, id); // not in the trash: nothing to do
        assertThat(stored(id).folder()).isEqualTo(Folders.ARCHIVE);
    }

    @Test
    void givenTheUndoPeriodOverThenRestoreIsRefusedAndThePurgeTakesIt() {
        String id = received("Nachricht");
        actions().delete(me, citizen, id);
        realm.advance(PostfachSettings.DEFAULT_UNDO.plusSeconds(1));
        PostfachException e = refusal(() -> actions().restore(me, citizen, id));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("undo_period_expired");
        assertThat(realm.postfach().retention().purge(realm.now)).isEqualTo(1);
        assertThat(stored(id)).isNull();
    }

    @Test
    void givenARealmUndoPeriodThenItIsTheOneApplied() {
        realm.settings = new PostfachSettings(PostfachSettings.DEFAULT_MAX_ATTACHMENT_BYTES, 5, Duration.ofMinutes(5),
                NoticeRule.DEFAULT, 1000);
        String id = received("Nachricht");
        actions().delete(me, citizen, id);
        realm.advance(Duration.ofMinutes(6));
        assertThat(refusal(() -> actions().restore(me, citizen, id)).code()).isEqualTo("undo_period_expired");
    }

    @Test
    void givenAnAuthoritysSentCopyThenItCannotBeDeleted() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        PostfachException e = refusal(() -> actions().delete(fachverfahren(authority), authority, sent.senderCopy().id()));
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo("delete_not_allowed");
        // The citizen's sent copy can.
        Delivery.Sent mine = realm.send(me, citizen, authority, "Antrag");
        actions().delete(me, citizen, mine.senderCopy().id());
        assertThat(stored(mine.senderCopy().id()).folder()).isEqualTo(Folders.TRASH);
    }

    @Test
    void givenANoticeNeverOpenedThenItCannotBeDeletedUntilOpened() {
        Delivery.Sent notice = realm.send(fachverfahren(authority), authority, citizen, "Bescheid", 1, true);
        String id = realm.received(notice).id();
        PostfachException e = refusal(() -> actions().delete(me, citizen, id));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("notice_not_retrieved");
        realm.postfach().reading().open(me, citizen, id);
        actions().delete(me, citizen, id);
        assertThat(stored(id).folder()).isEqualTo(Folders.TRASH);
    }

    @Test
    void givenAMessageAboveTheSessionsLevelThenNoActionAndNothingChanges() {
        String id = realm.received(realm.send(fachverfahren(authority), authority, citizen, "Geheim", 3, false)).id();
        StoredMessage before = stored(id);
        assertThat(refusal(() -> actions().markRead(me, citizen, id, true)).code()).isEqualTo("step_up_required");
        assertThat(refusal(() -> actions().archive(me, citizen, id)).code()).isEqualTo("step_up_required");
        assertThat(refusal(() -> actions().delete(me, citizen, id)).code()).isEqualTo("step_up_required");
        assertThat(refusal(() -> actions().restore(me, citizen, id)).code()).isEqualTo("step_up_required");
        assertThat(stored(id)).isEqualTo(before);
        actions().markRead(person(citizen, 3), citizen, id, true);
        assertThat(stored(id).read()).isTrue();
    }

    @Test
    void givenAnotherMailboxesMessageThenNotFound() {
        String id = received("Nachricht");
        Party other = realm.citizen("u2", "Max");
        assertThat(refusal(() -> actions().markRead(person(other, 1), other, id, true)).code()).isEqualTo("not_found");
        assertThat(stored(id).read()).isFalse();
    }

    @Test
    void givenOneCopyChangedThenTheOtherSidesCopyIsNot() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        actions().delete(me, citizen, realm.received(sent).id());
        assertThat(stored(sent.senderCopy().id()).folder()).isEqualTo(Folders.SENT);
    }
}
