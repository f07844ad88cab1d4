package de.servicekonto.spi;

/**
 * A number an operator sets (a realm attribute such as a limit, a period or a retention): the value when it is a
 * whole number within its bounds, otherwise the default. A typo or an out-of-range value never switches a limit off
 * or stops a task; the default is what the operator's documentation names. Query parameters of a request are another
 * matter: those are refused with 400 ({@code QueryParams} of the REST plumbing), since a client can be told.
 */
public final class BoundedSetting {

    /** Digits a setting may have: every bound we use fits, and no {@code long} overflows. */
    private static final int MAX_DIGITS = 18;

    private BoundedSetting() {
    }

    /**
     * @param value    the setting as written (surrounding blanks ignored), or null when unset
     * @param fallback the default for an unset, unreadable (a sign, a decimal point, letters) or out-of-range value
     * @return the value if it is a whole number from {@code min} to {@code max}, else {@code fallback}
     */
    public static long of(String value, long min, long max, long fallback) {
        if (value == null) {
            return fallback;
        }
        String digits = value.strip();
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return fallback;
        }
        long number = Long.parseLong(digits);
        return number >= min && number <= max ? number : fallback;
    }

    /** {@link #of(String, long, long, long)} for a setting within {@code int}. */
    public static int of(String value, int min, int max, int fallback) {
        return (int) of(value, (long) min, (long) max, (long) fallback);
    }
}
