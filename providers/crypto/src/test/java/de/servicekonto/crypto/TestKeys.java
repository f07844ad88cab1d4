package de.servicekonto.crypto;

import java.util.Arrays;
import java.util.Base64;

/** Fixed test keys; obviously not for any real realm. */
final class TestKeys {

    private TestKeys() {
    }

    static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }

    static String base64(int value) {
        return Base64.getEncoder().encodeToString(filled(value));
    }
}
