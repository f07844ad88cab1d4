package de.servicekonto.organisations;

import java.util.regex.Pattern;

/** Bounds for every text a caller sends: trimmed, length-limited, no control characters. */
public final class Text {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}\\.[^@\\s.]{2,63}");

    private Text() {
    }

    /** The trimmed value; {@code null} or blank is refused when required and returned as {@code null} otherwise. */
    public static String field(String name, String value, int max, boolean required) {
        String stripped = value == null ? "" : value.strip();
        if (stripped.isEmpty()) {
            if (required) {
                throw OrganisationException.invalid(name + " is required");
            }
            return null;
        }
        if (stripped.length() > max) {
            throw OrganisationException.invalid(name + " is longer than " + max + " characters");
        }
        if (CONTROL.matcher(stripped).find()) {
            throw OrganisationException.invalid(name + " contains control characters");
        }
        return stripped;
    }

    /** An e-mail address in lower case (the shape only; delivery proves the rest). */
    public static String email(String name, String value, boolean required) {
        String address = field(name, value, 254, required);
        if (address == null) {
            return null;
        }
        if (!EMAIL.matcher(address).matches()) {
            throw OrganisationException.invalid(name + " is not an e-mail address");
        }
        return address.toLowerCase(java.util.Locale.ROOT);
    }

    /** A German postal code: five digits. */
    public static String postalCode(String name, String value) {
        String code = field(name, value, 5, true);
        if (!code.matches("[0-9]{5}")) {
            throw OrganisationException.invalid(name + " must be five digits");
        }
        return code;
    }
}
