package de.servicekonto.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-GCM through the JCA, and the one source of randomness of this package. */
final class Gcm {

    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    /** 96-bit nonces: the size GCM is defined for without an extra GHASH pass (NIST SP 800-38D §5.2.1.1). */
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Gcm() {
    }

    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A cipher ready to encrypt with this nonce; {@code aad} may be null. */
    static Cipher encryptor(SecretKey key, byte[] nonce, byte[] aad) {
        return init(Cipher.ENCRYPT_MODE, key, nonce, aad);
    }

    /** A cipher ready to decrypt with this nonce; {@code aad} may be null. Tag failures surface at {@code doFinal}. */
    static Cipher decryptor(SecretKey key, byte[] nonce, byte[] aad) {
        return init(Cipher.DECRYPT_MODE, key, nonce, aad);
    }

    private static Cipher init(int mode, SecretKey key, byte[] nonce, byte[] aad) {
        Cipher cipher = cipher();
        try {
            init(cipher, mode, key, nonce, aad);
        } catch (GeneralSecurityException e) {
            throw unavailable(e);
        }
        return cipher;
    }

    /** A new AES-GCM cipher, not yet initialised. */
    static Cipher cipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw unavailable(e);
        }
    }

    /** (Re-)initialises {@code cipher} for one value: mode, key, nonce, then the associated data ({@code aad} may be null). */
    static void init(Cipher cipher, int mode, SecretKey key, byte[] nonce, byte[] aad) throws GeneralSecurityException {
        cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        if (aad != null) {
            cipher.updateAAD(aad);
        }
    }

    static IllegalStateException unavailable(GeneralSecurityException e) {
        // Every Java 17 runtime has AES-GCM with 256-bit keys; this is a broken runtime, not bad data.
        return new IllegalStateException("AES-GCM is not available", e);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
