package de.servicekonto.activity;

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

    /** Parses the query parameters (null: default). */
    public static Page of(String first, String max) {
        return new Page(parse(first, 0, "first"), parse(max, DEFAULT_MAX, "max"));
    }

    private static int parse(String value, int fallback, String name) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.length() > 7) {
            throw new IllegalArgumentException(name + " is not a number in range");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }
}
