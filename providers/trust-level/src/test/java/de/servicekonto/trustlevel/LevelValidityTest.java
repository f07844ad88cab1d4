package de.servicekonto.trustlevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LevelValidityTest {

    private static final Map<Integer, Integer> MAX_AGE = Map.of(1, 43200, 2, 7200, 3, 1800);

    @Test
    void givenAllLevelsWithinTheirAgeThenHighestIsValid() {
        assertThat(LevelValidity.highestValidLevel(Map.of(1, 1000L, 2, 1000L, 3, 1000L), MAX_AGE, 1000 + 1800)).isEqualTo(3);
    }

    @Test
    void givenHochOlderThanThirtyMinutesThenSubstanziellRemains() {
        assertThat(LevelValidity.highestValidLevel(Map.of(1, 1000L, 2, 1000L, 3, 1000L), MAX_AGE, 1000 + 1801)).isEqualTo(2);
    }

    @Test
    void givenExpiredMiddleLevelThenNothingAboveItCounts() {
        // hoch reached later than substanziell, but substanziell expired: hoch must not be asserted either.
        assertThat(LevelValidity.highestValidLevel(Map.of(1, 0L, 2, 0L, 3, 7000L), MAX_AGE, 7201)).isEqualTo(1);
    }

    @Test
    void givenLevelWithoutMaximumAgeThenItCountsAsExpired() {
        assertThat(LevelValidity.highestValidLevel(Map.of(1, 100L, 4, 100L), MAX_AGE, 101)).isEqualTo(1);
    }

    @Test
    void givenNoLevelsThenZero() {
        assertThat(LevelValidity.highestValidLevel(Map.of(), MAX_AGE, 5)).isZero();
    }
}
