package de.servicekonto.dokumentensafe;

import de.servicekonto.crypto.DataKey;
import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.crypto.StreamCipher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongFunction;

/**
 * A document's content as an ordered list of segments, each at most one part size of plaintext, each encrypted on
 * its own (the crypto module's stream format) with associated data naming the document, its index and whether it is
 * the final one ({@link SafeCrypto#segmentAad}). The rules:
 * <ul>
 *   <li>segments are numbered 0..n-1 without gaps; segment n-1 is sealed "last", every other "more";</li>
 *   <li>the plaintext of all segments together has exactly the document's size.</li>
 * </ul>
 * So a segment moved to another position or document, a dropped or appended segment, a segment cut short and a
 * changed size all fail when read. A segment is encrypted and written as it arrives (a part of an upload session,
 * or a piece of a single upload): completing a session writes no content, and nothing holds a document in memory.
 */
final class SafeContent {

    private static final String TEMP_PREFIX = "sk-safe-";
    private final SafeContext context;

    SafeContent(SafeContext context) {
        this.context = context;
    }

    /**
     * Encrypts {@code plaintext} (at most {@code maxBytes}, else {@code tooLarge}'s exception while it streams) as
     * segment {@code index} of {@code documentId} into a temporary file holding ciphertext only, then streams that
     * into the store. Returns the plaintext's size.
     */
    long writeSegment(Owner owner, DataKey key, String safeId, String documentId, int index, boolean last,
                      InputStream plaintext, long maxBytes, LongFunction<? extends RuntimeException> tooLarge)
            throws IOException {
        Path temp = Files.createTempFile(TEMP_PREFIX, ".enc");
        try {
            long size;
            try (OutputStream out = Files.newOutputStream(temp)) {
                size = context.crypto().encryptSegment(plaintext, out, key, owner, documentId, index, last, maxBytes, tooLarge);
            }
            try (InputStream ciphertext = Files.newInputStream(temp)) {
                context.store().addSegment(context.realmId(), safeId, documentId, index, ciphertext, Files.size(temp));
            }
            return size;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes a whole content of unknown length (a single upload): pieces of one part size sealed "more" while more
     * follows, then an empty final segment sealed "last" (the end is known only once the stream ends, and the flag
     * is part of a segment's key). At most {@code maxBytes} in all. Returns the plaintext's size.
     */
    long writeAll(Owner owner, DataKey key, String safeId, String documentId, InputStream plaintext, long maxBytes,
                  LongFunction<? extends RuntimeException> tooLarge) throws IOException {
        PushbackInputStream in = new PushbackInputStream(plaintext, 1);
        long total = 0;
        int index = 0;
        for (int next = in.read(); next >= 0; next = in.read()) {
            in.unread(next);
            long before = total;
            long room = maxBytes - before;
            long piece = Math.min(context.settings().partSize(), room + 1);
            total += writeSegment(owner, key, safeId, documentId, index++, false, new Bounded(in, piece),
                    room, count -> tooLarge.apply(before + count));
            if (total > maxBytes) {
                throw tooLarge.apply(total);
            }
            if (index >= SafeSettings.MAX_PARTS) {
                throw tooLarge.apply(total + 1);
            }
        }
        writeSegment(owner, key, safeId, documentId, index, true, InputStream.nullInputStream(), 0, tooLarge);
        return total;
    }

    /**
     * Copies the document's segments (ciphertext) out of the store into one temporary file, inside the transaction,
     * since the store's streams end with it; the response decrypts from the file later.
     */
    Spooled spool(String safeId, String documentId, long size) throws IOException {
        int count = context.store().segmentCount(context.realmId(), safeId, documentId);
        long[] lengths = new long[count];
        Path temp = Files.createTempFile(TEMP_PREFIX, ".enc");
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.APPEND)) {
            for (int i = 0; i < count; i++) {
                InputStream segment = context.store().segment(context.realmId(), safeId, documentId, i)
                        .orElseThrow(() -> new DecryptionException("a segment of the content is missing"));
                try (segment) {
                    lengths[i] = segment.transferTo(out);
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new Spooled(temp, lengths, size);
    }

    /**
     * A document's ciphertext in a temporary file, segment after segment.
     *
     * @param lengths each segment's ciphertext length, in order
     * @param size    the document's plaintext size
     */
    record Spooled(Path file, long[] lengths, long size) {

        /**
         * Writes the plaintext to {@code out} segment by segment and deletes the file, whatever happens. A segment that
         * fails authentication, a missing final segment or a size that does not match throws
         * {@link DecryptionException} mid-way: what was written before must be discarded (the response aborted).
         */
        void decryptTo(OutputStream out, DataKey key, SafeCrypto crypto, Owner owner, String documentId) throws IOException {
            try (InputStream plain = open(key, crypto, owner, documentId)) {
                plain.transferTo(out);
            }
        }

        /**
         * The plaintext as a stream that decrypts one segment at a time; closing it deletes the file. The same
         * failures as {@link #decryptTo} are thrown by {@code read}, the size check when the last segment ends, so a
         * reader never takes a shortened document for the whole one.
         */
        InputStream open(DataKey key, SafeCrypto crypto, Owner owner, String documentId) throws IOException {
            if (lengths.length == 0) {
                Files.deleteIfExists(file);
                throw new DecryptionException("the content has no segments");
            }
            InputStream in;
            try {
                in = Files.newInputStream(file);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return new Plaintext(this, in, key, crypto, owner, documentId);
        }
    }

    /** {@link Spooled#open}'s stream: the segments decrypted in order, their total held against the recorded size. */
    private static final class Plaintext extends InputStream {
        private final Spooled spooled;
        private final InputStream file;
        private final DataKey key;
        private final SafeCrypto crypto;
        private final Owner owner;
        private final String documentId;
        private InputStream segment;
        private int next;
        private long read;

        Plaintext(Spooled spooled, InputStream file, DataKey key, SafeCrypto crypto, Owner owner, String documentId) {
            this.spooled = spooled;
            this.file = file;
            this.key = key;
            this.crypto = crypto;
            this.owner = owner;
            this.documentId = documentId;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (true) {
                if (segment == null) {
                    if (next == spooled.lengths().length) {
                        if (read != spooled.size()) {
                            throw new DecryptionException("the content is shorter than its recorded size");
                        }
                        return -1;
                    }
                    segment = StreamCipher.decryptingStream(new Bounded(file, spooled.lengths()[next]), key,
                            crypto.segmentAad(owner, documentId, next, next == spooled.lengths().length - 1));
                    next++;
                }
                int n = segment.read(b, off, len);
                if (n < 0) {
                    segment = null;
                    continue;
                }
                read += n;
                if (read > spooled.size()) {
                    throw new DecryptionException("the content is longer than its recorded size");
                }
                return n;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                file.close();
            } finally {
                Files.deleteIfExists(spooled.file());
            }
        }
    }

    /** At most {@code limit} bytes of a stream, leaving the stream itself open (closing this one does not close it). */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() {
            // The underlying stream goes on: the next segment reads from it.
        }
    }
}
