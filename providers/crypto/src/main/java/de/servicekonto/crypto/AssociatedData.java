package de.servicekonto.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a ciphertext is bound to, for example {@code AssociatedData.of("postfach-message", messageId, "subject")}.
 * It is authenticated but not stored: decryption succeeds only with the same parts in the same order, so a
 * ciphertext copied to another record or field fails instead of showing there.
 *
 * <p>Each part is encoded as its UTF-8 length (4 bytes, big-endian) followed by its bytes, so different lists of
 * parts never encode alike ({@code ("ab", "c")} is not {@code ("a", "bc")}). The owner need not be a part: each
 * owner has a data key of their own, so another owner's key already fails.
 */
public final class AssociatedData {

    private final byte[] encoded;
    private final int parts;

    private AssociatedData(byte[] encoded, int parts) {
        this.encoded = encoded;
        this.parts = parts;
    }

    /** At least one part; parts may be empty strings but not null. */
    public static AssociatedData of(String... parts) {
        Objects.requireNonNull(parts, "parts");
        if (parts.length == 0) {
            throw new IllegalArgumentException("associated data needs at least one part (record, field, ...)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            byte[] bytes = Objects.requireNonNull(part, "part").getBytes(StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.write(bytes, 0, bytes.length);
        }
        return new AssociatedData(out.toByteArray(), parts.length);
    }

    /** The encoding; callers must not change it. */
    byte[] encoded() {
        return encoded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AssociatedData that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /** Parts may be identifiers of personal records, so they are not shown. */
    @Override
    public String toString() {
        return "AssociatedData[" + parts + " parts]";
    }
}
