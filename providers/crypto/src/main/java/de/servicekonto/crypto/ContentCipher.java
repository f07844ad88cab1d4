package de.servicekonto.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/**
 * Encrypts values held in memory as a whole (a message's subject and body, an attribute) with AES-256-GCM under an
 * owner's {@link DataKey}. For attachments and other large content use {@link StreamCipher}.
 *
 * <p>Format, version 1:
 *
 * <pre>
 * 0x01 | nonce (12 random bytes) | ciphertext | tag (16 bytes)
 * </pre>
 *
 * The GCM associated data is a fixed label, the version byte and the caller's {@link AssociatedData}, so a value
 * decrypts only where it was written (same record, same field). Random nonces allow 2^32 values per data key
 * (NIST SP 800-38D §8.3), far more than one owner's mailbox holds.
 */
public final class ContentCipher {

    static final byte VERSION = 1;
    /** Version, nonce and tag: what a value grows by. */
    public static final int OVERHEAD = 1 + Gcm.NONCE_BYTES + Gcm.TAG_BYTES;
    private static final byte[] LABEL = "servicekonto value".getBytes(StandardCharsets.US_ASCII);

    private ContentCipher() {
    }

    public static byte[] encrypt(DataKey key, byte[] plaintext, AssociatedData aad) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(aad, "aad");
        byte[] nonce = Gcm.random(Gcm.NONCE_BYTES);
        byte[] out = new byte[OVERHEAD + plaintext.length];
        out[0] = VERSION;
        System.arraycopy(nonce, 0, out, 1, Gcm.NONCE_BYTES);
        try {
            key.withCipher(Cipher.ENCRYPT_MODE, nonce, gcmAad(aad),
                    cipher -> cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + Gcm.NONCE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        return out;
    }

    /**
     * @throws DecryptionException if the value was changed, belongs to another record or field (other associated
     *                             data), another owner (other key), or is not in a known format
     */
    public static byte[] decrypt(DataKey key, byte[] ciphertext, AssociatedData aad) throws DecryptionException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(aad, "aad");
        if (ciphertext.length < OVERHEAD) {
            throw new DecryptionException("encrypted value too short");
        }
        if (ciphertext[0] != VERSION) {
            throw new DecryptionException("encrypted value of unknown version " + (ciphertext[0] & 0xff));
        }
        byte[] nonce = new byte[Gcm.NONCE_BYTES];
        System.arraycopy(ciphertext, 1, nonce, 0, Gcm.NONCE_BYTES);
        try {
            return key.withCipher(Cipher.DECRYPT_MODE, nonce, gcmAad(aad),
                    cipher -> cipher.doFinal(ciphertext, 1 + Gcm.NONCE_BYTES, ciphertext.length - 1 - Gcm.NONCE_BYTES));
        } catch (AEADBadTagException e) {
            throw new DecryptionException("encrypted value failed authentication (changed, moved or other key)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /** The text's UTF-8 bytes encrypted, in standard base64 (for text columns). */
    public static String encryptString(DataKey key, String plaintext, AssociatedData aad) {
        Objects.requireNonNull(plaintext, "plaintext");
        return Base64.getEncoder().encodeToString(encrypt(key, plaintext.getBytes(StandardCharsets.UTF_8), aad));
    }

    /** The reverse of {@link #encryptString}. */
    public static String decryptString(DataKey key, String base64, AssociatedData aad) throws DecryptionException {
        Objects.requireNonNull(base64, "base64");
        byte[] ciphertext;
        try {
            ciphertext = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("encrypted value is not base64");
        }
        return new String(decrypt(key, ciphertext, aad), StandardCharsets.UTF_8);
    }

    private static byte[] gcmAad(AssociatedData aad) {
        return Gcm.concat(LABEL, new byte[] {VERSION}, aad.encoded());
    }
}
