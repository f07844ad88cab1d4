package de.servicekonto.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Content in the {@link StreamCipher} format copied out of its store into a temporary file, to be decrypted later
 * while a response streams. Why: a database stream lives only as long as its transaction, and a REST response is
 * written after the transaction ends; the temporary file holds ciphertext only, never plaintext.
 *
 * @param file the temporary file; gone after {@link #decryptTo}
 */
public record SpooledCiphertext(Path file) {

    /** Copies {@code ciphertext} (closed afterwards) into a new temporary file; no file is left behind on failure. */
    public static SpooledCiphertext copy(InputStream ciphertext, String prefix) throws IOException {
        Path temp = Files.createTempFile(prefix, ".enc");
        try (ciphertext) {
            Files.copy(ciphertext, temp, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new SpooledCiphertext(temp);
    }

    /**
     * Writes the plaintext to {@code out} a segment at a time and deletes the file, whatever happens. Content that is
     * not authentic throws {@link DecryptionException} mid-way: what was written is authentic segment by segment.
     */
    public void decryptTo(OutputStream out, DataKey key, AssociatedData aad) throws IOException {
        try (InputStream plain = StreamCipher.decryptingStream(Files.newInputStream(file), key, aad)) {
            plain.transferTo(out);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
