package de.servicekonto.postfach;

import static de.servicekonto.postfach.TestPostfach.fachverfahren;
import static de.servicekonto.postfach.TestPostfach.person;
import static de.servicekonto.postfach.TestPostfach.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.postfach.spi.Notice;
import de.servicekonto.postfach.spi.NoticeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Official notices (OZG §9): provision, retrieval, notification, the day they count as notified, the evidence. */
class NoticesTest {

    private final TestPostfach realm = new TestPostfach();
    private final Party citizen = realm.citizen("u1", "Erika Mustermann");
    private final Party authority = realm.authority("a1", "Bürgeramt");
    private final Caller me = person(citizen, 1);

    private Delivery.Sent notice() {
        return realm.send(fachverfahren(authority), authority, citizen, "Bescheid", 1, true);
    }

    private Notice stored(Delivery.Sent sent) {
        return realm.store.notice(TestPostfach.REALM, sent.messageRef()).orElseThrow();
    }

    @Test
    void givenANoticeThenItsProvisionIsRecordedWithTheRealmsRule() {
        Delivery.Sent sent = notice();
        Notice notice = stored(sent);
        assertThat(notice.providedAt()).isEqualTo(realm.now);
        assertThat(notice.rule()).isEqualTo(NoticeRule.DEFAULT.name());
        assertThat(notice.authorityId()).isEqualTo("a1");
        assertThat(notice.recipientId()).isEqualTo("u1");
        assertThat(realm.received(sent).notice()).isTrue();
        assertThat(sent.senderCopy().notice()).isTrue();
    }

    @Test
    void givenAnOrdinaryMessageThenNoNotice() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        assertThat(realm.store.notice(TestPostfach.REALM, sent.messageRef())).isEmpty();
    }

    @Test
    void givenTheRecipientOpensThenTheFirstRetrievalIsRecordedOnce() {
        Delivery.Sent sent = notice();
        String id = realm.received(sent).id();
        realm.advance(Duration.ofHours(2));
        long first = realm.now;
        Map<String, Object> opened = realm.postfach().reading().open(me, citizen, id);
        realm.advance(Duration.ofDays(3));
        realm.postfach().reading().open(me, citizen, id);
        assertThat(realm.store.noticeEvents(stored(sent).id()))
                .containsExactly(new NoticeEvent(stored(sent).id(), NoticeEvent.RETRIEVED, first));
        @SuppressWarnings("unchecked")
        Map<String, Object> evidence = (Map<String, Object>) opened.get("notice");
        assertThat(evidence).containsEntry("firstRetrievedAt", Instant.ofEpochMilli(first).toString())
                .containsEntry("notifiedAt", null).containsEntry("rule", "FOURTH_DAY_AFTER_PROVISION");
    }

    @Test
    void givenTheAuthorityReadsItsSentCopyThenNoRetrieval() {
        Delivery.Sent sent = notice();
        realm.postfach().reading().open(fachverfahren(authority), authority, sent.senderCopy().id());
        assertThat(realm.store.events).isEmpty();
    }

    @Test
    void givenTheFourthDayRuleThenDeemedNotifiedFourDaysAfterProvisionInBerlin() {
        Delivery.Sent sent = notice(); // 2026-01-01T00:00Z, in Berlin 01:00 on 1 January
        Map<String, Object> evidence = realm.postfach().notices().evidence(fachverfahren(authority), authority, sent.senderCopy().id());
        assertThat(evidence).containsEntry("providedAt", "2026-01-01T00:00:00Z").containsEntry("deemedNotifiedAt", "2026-01-05")
                .containsEntry("messageRef", sent.messageRef()).containsEntry("authority", "a1").containsEntry("recipient", "u1")
                .containsEntry("messageId", sent.senderCopy().id());
    }

    @Test
    void givenTheRetrievalRuleThenNotNotifiedUntilRetrievedThenTheDayAfter() {
        realm.settings = new PostfachSettings(PostfachSettings.DEFAULT_MAX_ATTACHMENT_BYTES, 5, PostfachSettings.DEFAULT_UNDO,
                NoticeRule.DAY_AFTER_RETRIEVAL, 1000);
        Delivery.Sent sent = notice();
        Notices notices = realm.postfach().notices();
        assertThat(notices.evidence(fachverfahren(authority), authority, sent.senderCopy().id()))
                .containsEntry("deemedNotifiedAt", null).containsEntry("rule", "DAY_AFTER_RETRIEVAL");
        realm.advance(Duration.ofDays(10));
        realm.postfach().reading().open(me, citizen, realm.received(sent).id());
        assertThat(realm.postfach().notices().evidence(fachverfahren(authority), authority, sent.senderCopy().id()))
                .containsEntry("deemedNotifiedAt", "2026-01-12");
    }

    @Test
    void givenTheRuleChangedLaterThenANoticeKeepsTheRuleItWasProvidedUnder() {
        Delivery.Sent sent = notice();
        realm.settings = new PostfachSettings(PostfachSettings.DEFAULT_MAX_ATTACHMENT_BYTES, 5, PostfachSettings.DEFAULT_UNDO,
                NoticeRule.THIRD_DAY_AFTER_PROVISION, 1000);
        assertThat(realm.postfach().notices().evidence(fachverfahren(authority), authority, sent.senderCopy().id()))
                .containsEntry("rule", "FOURTH_DAY_AFTER_PROVISION");
    }

    @Test
    void givenTheEmailAcceptedThenNotifiedAtOnce() {
        Delivery.Sent sent = notice();
        realm.advance(Duration.ofMinutes(1));
        long first = realm.now;
        Notices notices = realm.postfach().notices();
        notices.notice(sent.messageRef()).ifPresent(n -> notices.notified(n.id()));
        realm.advance(Duration.ofMinutes(1));
        realm.postfach().notices().notified(stored(sent).id());
        assertThat(realm.postfach().notices().evidence(me, citizen, realm.received(sent).id()))
                .containsEntry("notifiedAt", Instant.ofEpochMilli(first).toString());
    }

    @Test
    void givenTheRecipientsCopyThenTheSameEvidenceAsTheAuthoritys() {
        Delivery.Sent sent = notice();
        realm.postfach().reading().open(me, citizen, realm.received(sent).id());
        Map<String, Object> authoritys = realm.postfach().notices().evidence(fachverfahren(authority), authority, sent.senderCopy().id());
        Map<String, Object> citizens = realm.postfach().notices().evidence(me, citizen, realm.received(sent).id());
        assertThat(citizens).containsEntry("firstRetrievedAt", authoritys.get("firstRetrievedAt"))
                .containsEntry("messageRef", authoritys.get("messageRef"));
        assertThat(citizens.get("messageId")).isNotEqualTo(authoritys.get("messageId"));
    }

    @Test
    void givenAnOrdinaryMessageOrACitizensSentCopyThenNotANotice() {
        Delivery.Sent ordinary = realm.send(fachverfahren(authority), authority, citizen, "Nachricht");
        PostfachException e = refusal(() -> realm.postfach().notices().evidence(me, citizen, realm.received(ordinary).id()));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("not_a_notice");
        Delivery.Sent mine = realm.send(me, citizen, authority, "Antrag");
        assertThat(refusal(() -> realm.postfach().notices().evidence(me, citizen, mine.senderCopy().id())).code())
                .isEqualTo("not_a_notice");
    }

    @Test
    void givenANoticeAboveTheSessionsLevelThenItsEvidenceNeedsTheLevelToo() {
        Delivery.Sent sent = realm.send(fachverfahren(authority), authority, citizen, "Bescheid", 3, true);
        assertThat(refusal(() -> realm.postfach().notices().evidence(me, citizen, realm.received(sent).id())).code())
                .isEqualTo("step_up_required");
    }
}
