package de.servicekonto.trustlevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LevelValidityTest {

    private static final Map<Integer, Integer> MAX_AGE = Map.of(1, 43200, 2, 7200, 3, 1800);
    private static final Map<Integer, Integer> IDLE = Map.of(1, 3600, 2, 1800, 3, 300);
    private static final Map<Integer, Long> ALL_AT_1000 = Map.of(1, 1000L, 2, 1000L, 3, 1000L);

    @Test
    void givenAllLevelsWithinTheirAgeAndRecentlyUsedThenHighestIsValid() {
        assertThat(LevelValidity.highestValidLevel(ALL_AT_1000, Map.of(1, 2500L, 2, 2500L, 3, 2500L), MAX_AGE, IDLE, 2800))
                .isEqualTo(3);
    }

    @Test
    void givenHochOlderThanThirtyMinutesThenSubstanziellRemainsEvenIfUsed() {
        assertThat(LevelValidity.highestValidLevel(ALL_AT_1000, Map.of(1, 2801L, 2, 2801L, 3, 2801L), MAX_AGE, IDLE, 2801))
                .isEqualTo(2);
    }

    @Test
    void givenHochUnusedForMoreThanFiveMinutesThenSubstanziellRemains() {
        assertThat(LevelValidity.highestValidLevel(ALL_AT_1000, Map.of(1, 1400L, 2, 1400L, 3, 1000L), MAX_AGE, IDLE, 1301 + 100))
                .isEqualTo(2);
    }

    @Test
    void givenExpiredMiddleLevelThenNothingAboveItCounts() {
        // hoch reached later than substanziell, but substanziell expired: hoch must not be asserted either.
        assertThat(LevelValidity.highestValidLevel(Map.of(1, 0L, 2, 0L, 3, 7000L), Map.of(), MAX_AGE, Map.of(), 7201))
                .isEqualTo(1);
    }

    @Test
    void givenNoIdleLimitsThenOnlyTheMaximumAgeCounts() {
        assertThat(LevelValidity.highestValidLevel(ALL_AT_1000, Map.of(), MAX_AGE, Map.of(), 2800)).isEqualTo(3);
    }

    @Test
    void givenLevelWithoutMaximumAgeThenItCountsAsExpired() {
        assertThat(LevelValidity.highestValidLevel(Map.of(1, 100L, 4, 100L), Map.of(), MAX_AGE, Map.of(), 101)).isEqualTo(1);
    }

    @Test
    void givenNoLevelsThenZero() {
        assertThat(LevelValidity.highestValidLevel(Map.of(), Map.of(), MAX_AGE, IDLE, 5)).isZero();
    }
}
