package de.servicekonto.stammdaten.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CensusCursorTest {

    private static final int PAGE = 1000;

    /** The positions written to our table, in order; the realm is written only through removeLegacy. */
    private final List<Integer> stored = new ArrayList<>();
    private int legacyRemovals;

    /** One census run as AccountCensus runs it: the stored position in, the page read, the next position out. */
    private OptionalInt run(OptionalInt position, String legacy, int accounts) {
        CensusCursor cursor = CensusCursor.of(position, legacy, () -> legacyRemovals++, stored::add);
        int read = Math.max(0, Math.min(PAGE, accounts - cursor.position()));
        int before = stored.size();
        cursor.advance(read, PAGE);
        return stored.size() > before ? OptionalInt.of(stored.get(stored.size() - 1)) : position;
    }

    @Test
    void givenARealmOfOnePageThenNothingIsEverWritten() {
        OptionalInt position = OptionalInt.empty();
        for (int run = 0; run < 5; run++) {
            position = run(position, null, 999);
        }
        assertThat(stored).isEmpty();
        assertThat(legacyRemovals).isZero();
    }

    @Test
    void givenARealmOfManyPagesThenEachRunMovesOnInOurTableAndStartsAgainAfterTheLast() {
        OptionalInt position = OptionalInt.empty();
        for (int run = 0; run < 7; run++) {
            position = run(position, null, 2500);
        }
        // 0 → 1000 → 2000 → (500 read) 0 → 1000 → 2000 → 0 → 1000
        assertThat(stored).containsExactly(1000, 2000, 0, 1000, 2000, 0, 1000);
        assertThat(legacyRemovals).isZero();
    }

    @Test
    void givenAnUnchangedPositionThenNoWrite() {
        CensusCursor cursor = CensusCursor.of(OptionalInt.of(0), null, () -> legacyRemovals++, stored::add);
        cursor.advance(10, PAGE);
        assertThat(stored).isEmpty();
    }

    @Test
    void givenTheFormerRealmAttributeThenTheCensusContinuesFromItAndRemovesItOnce() {
        OptionalInt position = run(OptionalInt.empty(), "3000", 4500);
        assertThat(stored).containsExactly(4000);
        assertThat(legacyRemovals).isEqualTo(1);
        run(position, null, 4500);
        assertThat(stored).containsExactly(4000, 0);
        assertThat(legacyRemovals).isEqualTo(1);
    }

    @Test
    void givenAStoredPositionThenALeftoverRealmAttributeIsRemovedButNotFollowed() {
        CensusCursor cursor = CensusCursor.of(OptionalInt.of(2000), "7000", () -> legacyRemovals++, stored::add);
        assertThat(cursor.position()).isEqualTo(2000);
        assertThat(legacyRemovals).isEqualTo(1);
    }

    @Test
    void givenAnUnreadableFormerAttributeThenFromTheStart() {
        assertThat(CensusCursor.of(OptionalInt.empty(), "x", () -> legacyRemovals++, stored::add).position()).isZero();
        assertThat(CensusCursor.of(OptionalInt.empty(), "-5", () -> legacyRemovals++, stored::add).position()).isZero();
    }
}
