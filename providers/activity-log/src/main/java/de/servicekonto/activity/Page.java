package de.servicekonto.activity;

import de.servicekonto.rest.QueryParams;

/**
 * A page of the activity log as the caller asks for it ({@code first}, {@code max}); out of bounds is refused, not
 * silently corrected.
 */
public record Page(int first, int max) {

    public static final int DEFAULT_MAX = 50;
    public static final int MAX_MAX = 200;
    public static final int MAX_FIRST = 100_000;

    public Page {
        if (first < 0 || first > MAX_FIRST) {
            throw new IllegalArgumentException("first must be between 0 and " + MAX_FIRST);
        }
        if (max < 1 || max > MAX_MAX) {
            throw new IllegalArgumentException("max must be between 1 and " + MAX_MAX);
        }
    }

    /** Reads the query parameters (absent or empty: the default); 400 {@code invalid_request} out of bounds. */
    public static Page of(String first, String max) {
        return new Page(QueryParams.bounded("first", first, 0, 0, MAX_FIRST),
                QueryParams.bounded("max", max, DEFAULT_MAX, 1, MAX_MAX));
    }
}
