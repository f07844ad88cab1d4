package de.servicekonto.crypto;

import java.io.IOException;

/**
 * Data could not be decrypted: it was modified, truncated, reordered, is bound to another owner, record or field, or
 * was encrypted under another key. Callers must treat the data as lost or forged and must not use any part of it.
 *
 * <p>It is an {@link IOException} so that a {@link StreamCipher#decryptingStream decrypting stream} can throw it from
 * {@code read}, where ordinary copy loops already stop on I/O errors. Messages name the kind of failure only, never
 * key material, plaintext or owner ids.
 */
public class DecryptionException extends IOException {

    private static final long serialVersionUID = 1L;

    public DecryptionException(String message) {
        super(message);
    }

    public DecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
