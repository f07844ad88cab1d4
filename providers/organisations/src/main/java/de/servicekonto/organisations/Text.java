package de.servicekonto.organisations;

import java.util.regex.Pattern;

/**
 * Bounds for every text a caller sends: trimmed, length-limited, no Unicode control or format characters (category
 * Cc, Cf: for example U+202E RIGHT-TO-LEFT OVERRIDE or the zero-width space and joiners, which can make a name look
 * like another in a mail), nor line or paragraph separators.
 */
public final class Text {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", Pattern.UNICODE_CHARACTER_CLASS);
    /** Something a mail reader might turn into a link: a scheme or a "www." host. */
    private static final Pattern LINK = Pattern.compile("://|\\bwww\\.|\\b(?:https?|ftp|mailto|javascript|data):",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);
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
            throw OrganisationException.invalid(name + " contains control or invisible formatting characters");
        }
        return stripped;
    }

    /**
     * An organisation's or authority's name: a {@link #field} that also holds no web address, because the name is
     * shown in invitation mails sent in the Servicekonto's name.
     */
    public static String name(String name, String value, int max) {
        String text = field(name, value, max, true);
        if (LINK.matcher(text).find()) {
            throw OrganisationException.invalid(name + " must not contain a web address");
        }
        return text;
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
