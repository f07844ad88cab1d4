package de.servicekonto.rest;

/**
 * Query parameters of the Servicekonto APIs. Out of bounds is refused, never silently corrected: a client that asks
 * for 1000 entries a page learns that it gets at most 200, instead of receiving fewer than it asked for.
 */
public final class QueryParams {

    /** Digits a bounded number may have at all: enough for every bound we use, far below an {@code int}'s overflow. */
    private static final int MAX_DIGITS = 7;

    private QueryParams() {
    }

    /**
     * The whole number {@code value} of the query parameter {@code name}, {@code fallback} when the parameter is absent
     * or empty ({@code ?max=}, as a form sends an empty field).
     *
     * @throws ApiException 400 {@code invalid_request} naming the parameter and its range, when the value is not a
     *                      whole number of at most {@value #MAX_DIGITS} digits (no sign) from {@code min} to {@code max}
     */
    public static int bounded(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.length() <= MAX_DIGITS && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        }
        throw ApiException.invalid(name + " must be a whole number from " + min + " to " + max);
    }
}
