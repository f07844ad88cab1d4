package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoticeRuleTest {

    @Test
    void givenProvisionThenFourthDayAfterItInBerlinByDefault() {
        Instant provided = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(NoticeRule.DEFAULT.deemedNotifiedOn(provided, null)).contains(LocalDate.of(2026, 11, 27));
    }

    @Test
    void givenProvisionLateInTheUtcEveningThenTheBerlinDayCounts() {
        // 23:30 UTC on 31 December is 00:30 on 1 January in Berlin (CET, UTC+1).
        Instant provided = Instant.parse("2026-12-31T23:30:00Z");
        assertThat(NoticeRule.FOURTH_DAY_AFTER_PROVISION.deemedNotifiedOn(provided, null)).contains(LocalDate.of(2027, 1, 5));
        assertThat(NoticeRule.THIRD_DAY_AFTER_PROVISION.deemedNotifiedOn(provided, null)).contains(LocalDate.of(2027, 1, 4));
    }

    @Test
    void givenRetrievalRuleThenNothingBeforeRetrievalAndTheNextDayAfter() {
        Instant provided = Instant.parse("2026-03-28T12:00:00Z");
        assertThat(NoticeRule.DAY_AFTER_RETRIEVAL.deemedNotifiedOn(provided, null)).isEmpty();
        // Retrieved 22:30 UTC on 29 March = 00:30 on 30 March in Berlin (summer time began that night).
        assertThat(NoticeRule.DAY_AFTER_RETRIEVAL.deemedNotifiedOn(provided, Instant.parse("2026-03-29T22:30:00Z")))
                .contains(LocalDate.of(2026, 3, 31));
    }

    @Test
    void givenProvisionRulesThenRetrievalDoesNotChangeTheDay() {
        Instant provided = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(NoticeRule.FOURTH_DAY_AFTER_PROVISION.deemedNotifiedOn(provided, provided.plusSeconds(60)))
                .contains(LocalDate.of(2026, 11, 27));
    }

    @Test
    void givenTheDeemedCutoffThenAnActJustBeforeItIsNotifiedByTodayAndOneAtItIsNot() {
        // Across the change to winter time (25 October 2026) and at a Berlin midnight that is 23:00 UTC.
        for (String at : List.of("2026-10-27T09:00:00Z", "2026-11-23T22:59:59Z", "2026-11-23T23:00:00Z",
                "2027-01-01T00:30:00Z")) {
            Instant now = Instant.parse(at);
            LocalDate today = now.atZone(NoticeRule.ZONE).toLocalDate();
            for (NoticeRule rule : List.of(NoticeRule.FOURTH_DAY_AFTER_PROVISION, NoticeRule.THIRD_DAY_AFTER_PROVISION)) {
                Instant cutoff = rule.deemedIfProvidedBefore(now).orElseThrow();
                assertThat(rule.deemedNotifiedOn(cutoff.minusMillis(1), null).orElseThrow()).as(rule + " " + at)
                        .isBeforeOrEqualTo(today);
                assertThat(rule.deemedNotifiedOn(cutoff, null).orElseThrow()).as(rule + " " + at).isAfter(today);
            }
        }
        assertThat(NoticeRule.DAY_AFTER_RETRIEVAL.deemedIfProvidedBefore(Instant.now())).isEmpty();
    }

    @Test
    void givenSettingsThenKnownNamesOnly() {
        assertThat(NoticeRule.fromSetting(" Fourth-Day ")).contains(NoticeRule.FOURTH_DAY_AFTER_PROVISION);
        assertThat(NoticeRule.fromSetting("third-day")).contains(NoticeRule.THIRD_DAY_AFTER_PROVISION);
        assertThat(NoticeRule.fromSetting("day-after-retrieval")).contains(NoticeRule.DAY_AFTER_RETRIEVAL);
        assertThat(NoticeRule.fromSetting("tomorrow")).isEmpty();
        assertThat(NoticeRule.fromSetting(null)).isEmpty();
        assertThatThrownBy(() -> NoticeRule.DEFAULT.deemedNotifiedOn(null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
