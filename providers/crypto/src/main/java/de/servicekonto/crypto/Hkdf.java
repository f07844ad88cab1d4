package de.servicekonto.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869), extract then expand. */
final class Hkdf {

    private static final String HMAC = "HmacSHA256";
    private static final int HASH_BYTES = 32;

    private Hkdf() {
    }

    static byte[] sha256(byte[] inputKey, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF output length out of range");
        }
        byte[] prk = null;
        byte[] block = new byte[0];
        try {
            Mac mac = Mac.getInstance(HMAC);
            // RFC 5869 §2.2: a missing salt is a string of HashLen zeros.
            mac.init(new SecretKeySpec(salt == null || salt.length == 0 ? new byte[HASH_BYTES] : salt, HMAC));
            prk = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(prk, HMAC));
            byte[] out = new byte[length];
            int done = 0;
            for (int counter = 1; done < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                block = mac.doFinal();
                int n = Math.min(block.length, length - done);
                System.arraycopy(block, 0, out, done, n);
                done += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        } finally {
            if (prk != null) {
                Arrays.fill(prk, (byte) 0);
            }
            Arrays.fill(block, (byte) 0);
        }
    }
}
