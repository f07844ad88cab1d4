package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.stammdaten.lifecycle.Inactivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InactivityTest {

    private static final Instant LAST = Instant.parse("2024-01-01T00:00:00Z");
    private final Inactivity rule = Inactivity.DEFAULT;

    @Test
    void givenDefaultRuleThenWarningsSixAndThreeMonthsBeforeDeletionAfterTwoYears() {
        assertThat(rule.due(LAST, 0, null, true, LAST.plus(Duration.ofDays(500)))).isEmpty();
        assertThat(rule.due(LAST, 0, null, true, LAST.plus(Duration.ofDays(549))).orElseThrow().warningsDue()).isEqualTo(1);
        Instant first = LAST.plus(Duration.ofDays(549));
        assertThat(rule.due(LAST, 1, first, true, LAST.plus(Duration.ofDays(600)))).as("first warning already sent").isEmpty();
        assertThat(rule.due(LAST, 1, first, true, LAST.plus(Duration.ofDays(640))).orElseThrow().warningsDue()).isEqualTo(2);
        Instant second = LAST.plus(Duration.ofDays(640));
        Inactivity.Action delete = rule.due(LAST, 2, second, true, LAST.plus(Duration.ofDays(731))).orElseThrow();
        assertThat(delete.delete()).isTrue();
    }

    @Test
    void givenAccountSilentPastBothWarningsAtOnceThenOneWarningCountsForBoth() {
        assertThat(rule.due(LAST, 0, null, true, LAST.plus(Duration.ofDays(700))).orElseThrow().warningsDue()).isEqualTo(2);
    }

    @Test
    void givenWarningsThatCouldNotGoOutThenNoDeletionAndALateWarningPostponesIt() {
        Instant overdue = LAST.plus(Duration.ofDays(800));
        Inactivity.Action late = rule.due(LAST, 0, null, true, overdue).orElseThrow();
        assertThat(late.delete()).as("never deleted unwarned").isFalse();
        assertThat(late.deletion()).isEqualTo(overdue.plus(Duration.ofDays(91)));
        // Warned late: the deletion waits the shortest warning period from that warning.
        assertThat(rule.due(LAST, 2, overdue, true, overdue.plus(Duration.ofDays(90)))).isEmpty();
        assertThat(rule.due(LAST, 2, overdue, true, overdue.plus(Duration.ofDays(92))).orElseThrow().delete()).isTrue();
    }

    @Test
    void givenAccountWithoutAddressThenDeletedOnTheDateWithoutWarnings() {
        assertThat(rule.due(LAST, 0, null, false, LAST.plus(Duration.ofDays(700)))).isEmpty();
        assertThat(rule.due(LAST, 0, null, false, LAST.plus(Duration.ofDays(730))).orElseThrow().delete()).isTrue();
    }

    @Test
    void givenRealmAttributesThenParsedOrDefault() {
        Inactivity short_ = Inactivity.of("PT8S", "PT3S, PT6S");
        assertThat(short_.deleteAfter()).isEqualTo(Duration.ofSeconds(8));
        assertThat(short_.warnBefore()).containsExactly(Duration.ofSeconds(6), Duration.ofSeconds(3));
        assertThat(Inactivity.of("nonsense", "P1D")).isEqualTo(Inactivity.DEFAULT);
        assertThat(Inactivity.of("P10D", "P20D")).as("warning after deletion").isEqualTo(Inactivity.DEFAULT);
        assertThat(Inactivity.of(null, null)).isEqualTo(Inactivity.DEFAULT);
        assertThat(new Inactivity(Duration.ofSeconds(8), List.of()).due(LAST, 0, null, true, LAST.plusSeconds(9)).orElseThrow().delete()).isTrue();
    }
}
