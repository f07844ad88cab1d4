package de.servicekonto.crypto;

import java.util.Arrays;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One owner's 256-bit AES data key, in plaintext, in memory only. It is never stored as such: the
 * {@link DataKeyStore} keeps it {@link WrappedDataKey wrapped} under the realm's key-encryption key. Get one from
 * {@link DataKeys}; hold it no longer than the request that needs it.
 */
public final class DataKey {

    private final SecretKey key;

    private DataKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** A fresh random key (for a new owner). */
    public static DataKey generate() {
        byte[] bytes = Gcm.random(Gcm.KEY_BYTES);
        try {
            return new DataKey(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The key with these bytes (after unwrapping); the bytes are copied. */
    static DataKey of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != Gcm.KEY_BYTES) {
            throw new IllegalArgumentException("a data key has " + Gcm.KEY_BYTES + " bytes");
        }
        return new DataKey(bytes);
    }

    SecretKey secretKey() {
        return key;
    }

    /** A copy of the key bytes, for key derivation and wrapping; callers overwrite it when done. */
    byte[] bytes() {
        return key.getEncoded();
    }

    @Override
    public String toString() {
        return "DataKey[redacted]";
    }
}
