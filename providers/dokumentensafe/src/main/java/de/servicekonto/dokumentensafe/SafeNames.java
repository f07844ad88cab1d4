package de.servicekonto.dokumentensafe;

import de.servicekonto.rest.ApiException;

/**
 * What a document's or folder's name may be: 1 to {@value #MAX} characters, no path separator, no control character
 * and no invisible format character (Unicode category Cf: bidirectional overrides that would show
 * {@code rechnung\u202Efdp.exe} as {@code rechnungexe.pdf}, zero-width characters that make two names look alike).
 */
final class SafeNames {

    static final int MAX = 255;

    private SafeNames() {
    }

    static String check(String name) {
        if (name == null || name.isBlank() || name.length() > MAX || name.equals(".") || name.equals("..")) {
            throw new ApiException(400, "invalid_name", "a name has 1 to " + MAX + " characters and is not . or ..");
        }
        boolean refused = name.codePoints().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT);
        if (refused) {
            throw new ApiException(400, "invalid_name", "a name has no path separator, control or invisible character");
        }
        return name.strip();
    }
}
