package de.servicekonto.dokumentensafe;

import de.servicekonto.crypto.DataKey;
import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.crypto.StreamCipher;
import de.servicekonto.dokumentensafe.spi.SafeStore;
import de.servicekonto.dokumentensafe.spi.StoredDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * A download reads the segments back a piece at a time ({@link Stored}), each piece possibly in a transaction of its
 * own, and decrypts them while it streams: no temporary file, at most one piece in memory.
 */
final class SafeContent {

    private static final String TEMP_PREFIX = "sk-safe-";
    /**
     * The most ciphertext a download reads at once: one piece per short transaction, so a download holds about
     * 1 MiB however large the document (PostgreSQL reads a large object's range directly; H2 skips to it).
     */
    static final int MAX_PIECE = 1024 * 1024;
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
     * The stored content of {@code row}, to be read later a piece at a time ({@link Stored#open}): the number of
     * segments is taken now, in the transaction that checked who may read it, so a segment added afterwards cannot
     * extend the document.
     */
    Stored stored(StoredDocument row) {
        return new Stored(context.realmId(), row.safeId(), row.id(), row.size(),
                context.store().segmentCount(context.realmId(), row.safeId(), row.id()),
                (int) Math.min(MAX_PIECE, context.settings().partSize()));
    }

    /**
     * A document's content as it was when its download began.
     *
     * @param segments  how many segments it had
     * @param pieceSize the most ciphertext one read takes into memory
     */
    record Stored(String realmId, String safeId, String documentId, long size, int segments, int pieceSize) {

        /**
         * The plaintext as a stream that reads one piece of ciphertext at a time through {@code reads} and decrypts it
         * segment by segment; nothing goes to disk and at most one piece is held. A segment that fails authentication,
         * a missing segment or a size that does not match throws {@link DecryptionException} from {@code read}, the
         * size check when the last segment ends, so a reader never takes a shortened document for the whole one. A
         * document deleted, put in the trash or shredded while it is read throws {@link Documents.Gone}.
         */
        InputStream open(DataKey key, SafeCrypto crypto, Owner owner, ContentReads reads) throws DecryptionException {
            if (segments == 0) {
                throw new DecryptionException("the content has no segments");
            }
            return new Plaintext(this, key, crypto, owner, reads);
        }

        /**
         * Up to {@link #pieceSize} bytes of segment {@code index}'s ciphertext from {@code offset}, checked against
         * the document's row first: each read may run in a transaction of its own, and between two of them the
         * document may have gone (trash, purge, the account's or organisation's removal).
         */
        byte[] piece(SafeStore store, int index, long offset) throws IOException {
            StoredDocument row = store.document(realmId, safeId, documentId).orElse(null);
            if (row == null || row.deleted()) {
                throw new Documents.Gone();
            }
            if (row.size() != size) {
                throw new DecryptionException("the recorded size changed while the content was read");
            }
            return store.segmentPiece(realmId, safeId, documentId, index, offset, pieceSize)
                    .orElseThrow(() -> new DecryptionException("a segment of the content is missing"));
        }
    }

    /** {@link Stored#open}'s stream: the segments decrypted in order, their total held against the recorded size. */
    private static final class Plaintext extends InputStream {
        private final Stored stored;
        private final DataKey key;
        private final SafeCrypto crypto;
        private final Owner owner;
        private final ContentReads reads;
        private InputStream segment;
        private int next;
        private long read;

        Plaintext(Stored stored, DataKey key, SafeCrypto crypto, Owner owner, ContentReads reads) {
            this.stored = stored;
            this.key = key;
            this.crypto = crypto;
            this.owner = owner;
            this.reads = reads;
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
                    if (next == stored.segments()) {
                        if (read != stored.size()) {
                            throw new DecryptionException("the content is shorter than its recorded size");
                        }
                        return -1;
                    }
                    segment = StreamCipher.decryptingStream(new Ciphertext(stored, next, reads), key,
                            crypto.segmentAad(owner, stored.documentId(), next, next == stored.segments() - 1));
                    next++;
                }
                int n = segment.read(b, off, len);
                if (n < 0) {
                    segment = null;
                    continue;
                }
                read += n;
                if (read > stored.size()) {
                    throw new DecryptionException("the content is longer than its recorded size");
                }
                return n;
            }
        }
    }

    /** One segment's ciphertext, fetched a piece at a time; a piece shorter than asked for is the segment's end. */
    private static final class Ciphertext extends InputStream {
        private final Stored stored;
        private final int index;
        private final ContentReads reads;
        private byte[] piece = new byte[0];
        private int at;
        private long offset;
        private boolean end;

        Ciphertext(Stored stored, int index, ContentReads reads) {
            this.stored = stored;
            this.index = index;
            this.reads = reads;
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
            while (at == piece.length) {
                if (end) {
                    return -1;
                }
                long from = offset;
                piece = reads.read(store -> stored.piece(store, index, from));
                at = 0;
                offset += piece.length;
                end = piece.length < stored.pieceSize();
            }
            int n = Math.min(len, piece.length - at);
            System.arraycopy(piece, at, b, off, n);
            at += n;
            return n;
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
