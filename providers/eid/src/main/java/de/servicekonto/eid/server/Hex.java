package de.servicekonto.eid.server;

/** Checks for the hex-encoded identifiers of the eID protocol (session, PSK, RestrictedID). */
final class Hex {

    /** No identifier of the protocol comes close to this (the longest are 64 bytes). */
    static final int MAX_LENGTH = 512;

    private Hex() {
    }

    /** True if the value is a non-empty, even-length hex string of at most {@link #MAX_LENGTH} characters. */
    static boolean isHex(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH || value.length() % 2 != 0) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean hexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hexDigit) {
                return false;
            }
        }
        return true;
    }
}
