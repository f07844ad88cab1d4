package de.servicekonto.stammdaten.lifecycle;

import java.util.OptionalInt;
import java.util.function.IntConsumer;

/**
 * Where the census of a realm reads its next page, and where it goes on after reading one: the next page, or after
 * the last (a short page) the first again. The position is kept in our table ({@code CensusPositions}), not in the
 * realm: a realm attribute write invalidates the realm in every node's cache, and in a realm of more than one page
 * the position changes every run. It is written only when it changes (no row means 0: a realm of one page is never
 * written).
 */
final class CensusCursor {

    /** Where the census kept its position before (a realm attribute); read once, then removed. */
    static final String LEGACY_ATTRIBUTE = "sk.lifecycle.censusPosition";

    private final int start;
    private final IntConsumer store;

    private CensusCursor(int start, IntConsumer store) {
        this.start = start;
        this.store = store;
    }

    /**
     * @param stored       the position in our table, if the realm has one
     * @param legacy       the former realm attribute's value, or null; used when nothing is stored yet
     * @param removeLegacy removes the former attribute (one realm write, once)
     * @param store        writes a new position to our table
     */
    static CensusCursor of(OptionalInt stored, String legacy, Runnable removeLegacy, IntConsumer store) {
        int start = stored.isPresent() ? stored.getAsInt() : parse(legacy);
        if (legacy != null) {
            removeLegacy.run();
        }
        return new CensusCursor(Math.max(0, start), store);
    }

    /** The index of the first account of this run's page. */
    int position() {
        return start;
    }

    /** After a page of {@code read} accounts of at most {@code pageSize}: stores where the next run starts, if that moved. */
    void advance(int read, int pageSize) {
        int next = read < pageSize ? 0 : start + read;
        if (next != start) {
            store.accept(next);
        }
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
