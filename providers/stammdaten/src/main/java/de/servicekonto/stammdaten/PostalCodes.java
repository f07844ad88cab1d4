package de.servicekonto.stammdaten;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** German postal codes (Postleitzahlen): five digits, 01001 to 99998. */
public final class PostalCodes {

    private static final Pattern FIVE_DIGITS = Pattern.compile("^[0-9]{5}$");
    /** How Germany is written in the country attribute: ISO codes, the eID's "D", the name. */
    private static final Set<String> GERMANY = Set.of("DE", "D", "DEU", "DEUTSCHLAND", "GERMANY");

    private PostalCodes() {
    }

    public static boolean isGermany(String country) {
        return country != null && GERMANY.contains(country.strip().toUpperCase(Locale.ROOT));
    }

    public static boolean isGerman(String postalCode) {
        if (postalCode == null || !FIVE_DIGITS.matcher(postalCode.strip()).matches()) {
            return false;
        }
        int code = Integer.parseInt(postalCode.strip());
        return code >= 1001 && code <= 99998;
    }
}
