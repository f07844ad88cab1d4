package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.stammdaten.lifecycle.FirstMarks;
import de.servicekonto.stammdaten.lifecycle.UnconfirmedRegistrations;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FirstMarksTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final Instant CREATED = Instant.parse("2024-01-01T00:00:00Z");

    @Test
    void givenFormerLastLoginAttributeThenTheAccountWasLastActiveThen() {
        assertThat(FirstMarks.lastActive("001700000000000", CREATED.toEpochMilli(), NOW))
                .isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void givenNoOrUnreadableLoginThenCreationCountsAndWithoutCreationNow() {
        assertThat(FirstMarks.lastActive(null, CREATED.toEpochMilli(), NOW)).isEqualTo(CREATED);
        assertThat(FirstMarks.lastActive("gestern", CREATED.toEpochMilli(), NOW)).isEqualTo(CREATED);
        assertThat(FirstMarks.lastActive(null, null, NOW)).as("unknown age: not inactive yet").isEqualTo(NOW);
    }

    @Test
    void givenFormerUnconfirmedMarkThenUnconfirmedSinceItUnlessTheAddressIsConfirmed() {
        String mark = UnconfirmedRegistrations.mark(CREATED);
        assertThat(FirstMarks.unconfirmedSince(mark, false)).contains(CREATED);
        assertThat(FirstMarks.unconfirmedSince(mark, true)).isEmpty();
        assertThat(FirstMarks.unconfirmedSince(null, false)).isEmpty();
        assertThat(FirstMarks.unconfirmedSince("x", false)).isEmpty();
    }
}
