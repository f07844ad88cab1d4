package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AgesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void givenSixteenthBirthdayTodayThenOldEnoughAndOneDayLaterNot() {
        assertThat(Ages.isAtLeast(LocalDate.of(2010, 11, 23), 16, TODAY)).isTrue();
        assertThat(Ages.isAtLeast(LocalDate.of(2010, 11, 24), 16, TODAY)).isFalse();
    }

    @Test
    void givenBornOnTwentyNinthOfFebruaryThenBirthdayCountsOnFirstOfMarchInOtherYears() {
        assertThat(Ages.isAtLeast(LocalDate.of(2008, 2, 29), 16, LocalDate.of(2024, 2, 29))).isTrue();
        assertThat(Ages.isAtLeast(LocalDate.of(2008, 2, 29), 17, LocalDate.of(2025, 2, 28))).isTrue();
    }

    @Test
    void givenTextThenOnlyIsoDatesParse() {
        assertThat(Ages.parse("1964-08-12")).contains(LocalDate.of(1964, 8, 12));
        assertThat(Ages.parse("12.08.1964")).isEmpty();
        assertThat(Ages.parse("1964-02-30")).isEmpty();
        assertThat(Ages.parse("x".repeat(1000))).isEmpty();
        assertThat(Ages.parse(null)).isEmpty();
    }

    @Test
    void givenFutureOrAncientDatesThenImplausible() {
        assertThat(Ages.implausible(TODAY.plusDays(1), TODAY)).isTrue();
        assertThat(Ages.implausible(LocalDate.of(1899, 12, 31), TODAY)).isTrue();
        assertThat(Ages.implausible(LocalDate.of(1950, 1, 1), TODAY)).isFalse();
    }
}
