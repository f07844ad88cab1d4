package de.servicekonto.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One owner's 256-bit AES data key, in plaintext, in memory only. It is never stored as such: the
 * {@link DataKeyStore} keeps it {@link WrappedDataKey wrapped} under the realm's key-encryption key. Get one from
 * {@link DataKeys}; hold it no longer than the request that needs it.
 */
public final class DataKey {

    private final SecretKey key;
    /**
     * The AES-GCM cipher of this key for values ({@link ContentCipher}), made on first use and initialised anew
     * (fresh nonce, associated data) for every value: a page of a mailbox opens some 60 values under one key, and a
     * {@code Cipher} per value spent more on the provider look-up and on the AES key schedule (the JDK's AES keeps
     * the schedule while the key stays the same) than on the decryption. It lives as long as this object, i.e. one
     * request. Guarded by {@code this}.
     */
    private Cipher cipher;

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

    /** What is done with the cipher once it is initialised for one value. */
    interface CipherCall<T> {
        T apply(Cipher cipher) throws GeneralSecurityException;
    }

    /**
     * Runs {@code call} with this key's cipher initialised for {@code mode}, {@code nonce} and {@code aad}; one value
     * at a time, so a key shared between threads stays correct.
     */
    synchronized <T> T withCipher(int mode, byte[] nonce, byte[] aad, CipherCall<T> call) throws GeneralSecurityException {
        if (cipher == null) {
            cipher = Gcm.cipher();
        }
        Gcm.init(cipher, mode, key, nonce, aad);
        return call.apply(cipher);
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
