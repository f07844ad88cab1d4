package de.servicekonto.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongFunction;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts content too large to hold in memory (attachments) as a stream of AES-256-GCM segments. A stream holds one
 * segment of plaintext and one of ciphertext (about 130 KiB at the default size), however large the content is.
 *
 * <p>Format, version 1:
 *
 * <pre>
 * header:  0x01 | segment size (4 bytes, big-endian) | salt (16 random bytes) | nonce prefix (7 random bytes)
 * then:    segment 0 | segment 1 | ... | last segment
 * segment: ciphertext of (segment size) plaintext bytes | tag (16 bytes); the last one holds 0..segment size bytes
 * </pre>
 *
 * Each stream has a key of its own, derived with HKDF-SHA256 from the data key, the salt and, as info, a fixed label,
 * the whole header and the caller's {@link AssociatedData}: a changed header or other associated data gives another
 * key, and the first segment fails. Segment {@code i} is encrypted with the nonce
 * {@code prefix (7) | i (4 bytes, big-endian) | last (1 byte: 1 for the final segment, else 0)}. GCM authenticates its
 * nonce as it does associated data, so this is the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár
 * ("Online Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015): a segment moved to another
 * position fails, and so does a stream cut at a segment boundary (the new end lacks the final flag), cut inside a
 * segment or extended after its final segment.
 *
 * <p>A decrypting stream hands out each segment's plaintext only after that segment's tag has been checked, and it
 * reports the end of the content only after the final segment has been checked. A failure is a
 * {@link DecryptionException} from {@code read}; everything read before it must then be discarded (for example by
 * aborting the HTTP response), because the content as a whole is not authentic.
 */
public final class StreamCipher {

    static final byte VERSION = 1;
    /** Plaintext bytes per segment (64 KiB): memory per stream is about twice this. */
    public static final int SEGMENT_SIZE = 64 * 1024;
    /** Segment sizes a stream may declare; the upper bound keeps a forged header from demanding large buffers. */
    static final int MIN_SEGMENT_SIZE = 16;
    static final int MAX_SEGMENT_SIZE = 1024 * 1024;
    static final int SALT_BYTES = 16;
    static final int PREFIX_BYTES = 7;
    static final int HEADER_BYTES = 1 + 4 + SALT_BYTES + PREFIX_BYTES;
    /** The segment counter is 4 bytes. */
    static final long MAX_SEGMENTS = 1L << 32;
    private static final byte[] LABEL = "servicekonto stream".getBytes(StandardCharsets.US_ASCII);

    private StreamCipher() {
    }

    /**
     * A stream that encrypts what is written to it into {@code out}. The header is written at once; each segment is
     * written once it is full and more content follows, the final one at {@link OutputStream#close() close}, which
     * also closes {@code out}. Without {@code close} the content is incomplete and will not decrypt.
     * {@code flush} cannot push out a partly filled segment.
     */
    public static OutputStream encryptingStream(OutputStream out, DataKey key, AssociatedData aad) throws IOException {
        return encryptingStream(out, key, aad, SEGMENT_SIZE);
    }

    /** With another segment size, for tests that need many segments. */
    static OutputStream encryptingStream(OutputStream out, DataKey key, AssociatedData aad, int segmentSize)
            throws IOException {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(aad, "aad");
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segment size out of range");
        }
        byte[] header = new byte[HEADER_BYTES];
        header[0] = VERSION;
        writeInt(header, 1, segmentSize);
        System.arraycopy(Gcm.random(SALT_BYTES + PREFIX_BYTES), 0, header, 5, SALT_BYTES + PREFIX_BYTES);
        SecretKey streamKey = streamKey(key, header, aad);
        out.write(header);
        return new EncryptingOutputStream(out, streamKey, Arrays.copyOfRange(header, 5 + SALT_BYTES, HEADER_BYTES),
                segmentSize);
    }

    /**
     * Encrypts all of {@code plaintext} into {@code out} (closed afterwards, the stream complete) as
     * {@link #encryptingStream} does, counting as it goes, and stops with {@code tooLarge}'s exception as soon as more
     * than {@code maxBytes} arrive: an upload is bounded while it streams, without trusting a declared length.
     *
     * @return the plaintext's size
     */
    public static long encryptBounded(InputStream plaintext, OutputStream out, DataKey key, AssociatedData aad,
                                      long maxBytes, LongFunction<? extends RuntimeException> tooLarge) throws IOException {
        long size = 0;
        try (OutputStream encrypting = encryptingStream(out, key, aad)) {
            byte[] buffer = new byte[SEGMENT_SIZE];
            for (int n = plaintext.read(buffer); n > 0; n = plaintext.read(buffer)) {
                size += n;
                if (size > maxBytes) {
                    throw tooLarge.apply(size);
                }
                encrypting.write(buffer, 0, n);
            }
        }
        return size;
    }

    /**
     * A stream of the plaintext encrypted by {@link #encryptingStream} into {@code in}, with the same key and
     * associated data. {@code read} throws {@link DecryptionException} if the content is not authentic: changed,
     * truncated, reordered, extended, encrypted for other associated data or under another key. Closing it closes
     * {@code in}.
     */
    public static InputStream decryptingStream(InputStream in, DataKey key, AssociatedData aad) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(aad, "aad");
        return new DecryptingInputStream(in, key, aad);
    }

    /** The size of the encrypted form of content of this size (for quotas and storage planning). */
    public static long ciphertextLength(long plaintextLength) {
        if (plaintextLength < 0) {
            throw new IllegalArgumentException("negative length");
        }
        long segments = plaintextLength == 0 ? 1 : (plaintextLength + SEGMENT_SIZE - 1) / SEGMENT_SIZE;
        return HEADER_BYTES + plaintextLength + segments * Gcm.TAG_BYTES;
    }

    static SecretKey streamKey(DataKey key, byte[] header, AssociatedData aad) {
        byte[] ikm = key.bytes();
        byte[] derived = null;
        try {
            byte[] salt = Arrays.copyOfRange(header, 5, 5 + SALT_BYTES);
            // Label and header have fixed lengths, so the info string is unambiguous.
            derived = Hkdf.sha256(ikm, salt, Gcm.concat(LABEL, header, aad.encoded()), Gcm.KEY_BYTES);
            return new SecretKeySpec(derived, "AES");
        } finally {
            Arrays.fill(ikm, (byte) 0);
            if (derived != null) {
                Arrays.fill(derived, (byte) 0);
            }
        }
    }

    static byte[] nonce(byte[] prefix, long segment, boolean last) {
        byte[] nonce = new byte[Gcm.NONCE_BYTES];
        System.arraycopy(prefix, 0, nonce, 0, PREFIX_BYTES);
        writeInt(nonce, PREFIX_BYTES, (int) segment);
        nonce[Gcm.NONCE_BYTES - 1] = (byte) (last ? 1 : 0);
        return nonce;
    }

    static void writeInt(byte[] to, int at, int value) {
        to[at] = (byte) (value >>> 24);
        to[at + 1] = (byte) (value >>> 16);
        to[at + 2] = (byte) (value >>> 8);
        to[at + 3] = (byte) value;
    }

    static int readInt(byte[] from, int at) {
        return (from[at] & 0xff) << 24 | (from[at + 1] & 0xff) << 16 | (from[at + 2] & 0xff) << 8 | (from[at + 3] & 0xff);
    }
}
