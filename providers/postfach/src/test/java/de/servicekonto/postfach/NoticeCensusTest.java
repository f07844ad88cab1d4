package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.postfach.spi.Notice;
import de.servicekonto.postfach.spi.NoticeEvent;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NoticeCensusTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private final InMemoryPostfachStore store = new InMemoryPostfachStore();
    private int next;

    private String provided(String realm, NoticeRule rule, Duration ago) {
        String id = "n" + (++next);
        store.addNotice(new Notice(id, realm, "m" + next, "a1", "u1", rule.name(), NOW.minus(ago).toEpochMilli()));
        return id;
    }

    @Test
    void givenNoNoticesThenNothingPendingOrDeemed() {
        assertThat(NoticeCensus.count(store, "r1", NOW)).isEqualTo(new NoticeCensus.Counts(0, 0));
    }

    @Test
    void givenUnretrievedNoticesThenThoseWithinTheirPeriodArePendingAndThoseBeyondItDeemed() {
        provided("r1", NoticeRule.FOURTH_DAY_AFTER_PROVISION, Duration.ofHours(1));
        provided("r1", NoticeRule.FOURTH_DAY_AFTER_PROVISION, Duration.ofDays(3));
        // 23:30 UTC on 30 November is 1 December in Berlin: notified on 5 December, tomorrow. 22:30 UTC is still
        // 30 November there: notified on 4 December, today.
        provided("r1", NoticeRule.FOURTH_DAY_AFTER_PROVISION, Duration.ofDays(3).plusHours(10).plusMinutes(30));
        provided("r1", NoticeRule.FOURTH_DAY_AFTER_PROVISION, Duration.ofDays(3).plusHours(11).plusMinutes(30));
        provided("r1", NoticeRule.FOURTH_DAY_AFTER_PROVISION, Duration.ofDays(4));
        provided("r1", NoticeRule.THIRD_DAY_AFTER_PROVISION, Duration.ofDays(3));
        provided("r1", NoticeRule.DAY_AFTER_RETRIEVAL, Duration.ofDays(30));
        provided("r2", NoticeRule.FOURTH_DAY_AFTER_PROVISION, Duration.ofDays(30));

        assertThat(NoticeCensus.count(store, "r1", NOW)).isEqualTo(new NoticeCensus.Counts(4, 3));
        assertThat(NoticeCensus.count(store, "r2", NOW)).isEqualTo(new NoticeCensus.Counts(0, 1));
    }

    @Test
    void givenARetrievedNoticeThenItIsNeitherPendingNorDeemed() {
        String recent = provided("r1", NoticeRule.FOURTH_DAY_AFTER_PROVISION, Duration.ofHours(1));
        String old = provided("r1", NoticeRule.FOURTH_DAY_AFTER_PROVISION, Duration.ofDays(10));
        String byRetrieval = provided("r1", NoticeRule.DAY_AFTER_RETRIEVAL, Duration.ofDays(10));
        assertThat(NoticeCensus.count(store, "r1", NOW)).isEqualTo(new NoticeCensus.Counts(2, 1));

        store.recordOnce(recent, NoticeEvent.RETRIEVED, NOW.toEpochMilli());
        store.recordOnce(byRetrieval, NoticeEvent.RETRIEVED, NOW.toEpochMilli());
        // Only the e-mail notification: still not retrieved.
        store.recordOnce(old, NoticeEvent.NOTIFIED, NOW.toEpochMilli());
        assertThat(NoticeCensus.count(store, "r1", NOW)).isEqualTo(new NoticeCensus.Counts(0, 1));
        store.recordOnce(old, NoticeEvent.RETRIEVED, NOW.toEpochMilli());
        assertThat(NoticeCensus.count(store, "r1", NOW)).isEqualTo(new NoticeCensus.Counts(0, 0));
    }

    @Test
    void givenTimePassingThenAPendingNoticeBecomesDeemedOnItsDay() {
        provided("r1", NoticeRule.FOURTH_DAY_AFTER_PROVISION, Duration.ZERO);
        assertThat(NoticeCensus.count(store, "r1", NOW.plus(Duration.ofDays(3)))).isEqualTo(new NoticeCensus.Counts(1, 0));
        assertThat(NoticeCensus.count(store, "r1", NOW.plus(Duration.ofDays(4)))).isEqualTo(new NoticeCensus.Counts(0, 1));
    }
}
