package de.servicekonto.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * The reading side of {@link StreamCipher}. It reads one sealed segment at a time, plus one byte ahead: that byte
 * tells whether more follows, and so whether the segment must carry the final flag. Nothing is handed out before
 * its segment is authenticated, and end of stream is reported only after the final segment is.
 */
final class DecryptingInputStream extends InputStream {

    private final InputStream in;
    private final DataKey key;
    private final AssociatedData aad;
    private SecretKey streamKey;
    private byte[] noncePrefix;
    private byte[] sealed;
    private byte[] plain;
    private int position;
    private int limit;
    private long segment;
    private boolean aheadRead;
    private byte ahead;
    private boolean finished;
    private boolean closed;
    private IOException failure;

    DecryptingInputStream(InputStream in, DataKey key, AssociatedData aad) {
        this.in = in;
        this.key = key;
        this.aad = aad;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return plain[position++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            ensureOpen();
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, limit - position);
        System.arraycopy(plain, position, b, off, n);
        position += n;
        return n;
    }

    /** The authenticated plaintext already at hand. */
    @Override
    public int available() throws IOException {
        ensureOpen();
        return limit - position;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (plain != null) {
            Arrays.fill(plain, (byte) 0);
        }
        in.close();
    }

    /** True when plaintext is at hand, false at the authenticated end. */
    private boolean fill() throws IOException {
        ensureOpen();
        if (failure != null) {
            throw failure;
        }
        try {
            while (position == limit) {
                if (finished) {
                    return false;
                }
                if (streamKey == null) {
                    readHeader();
                }
                openSegment();
            }
            return true;
        } catch (IOException e) {
            // Stays failed: a later read must not continue behind a broken or half-read segment.
            failure = e;
            position = 0;
            limit = 0;
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
            throw e;
        }
    }

    private void readHeader() throws IOException {
        byte[] header = in.readNBytes(StreamCipher.HEADER_BYTES);
        if (header.length < StreamCipher.HEADER_BYTES) {
            throw new DecryptionException("encrypted stream truncated in its header");
        }
        if (header[0] != StreamCipher.VERSION) {
            throw new DecryptionException("encrypted stream of unknown version " + (header[0] & 0xff));
        }
        int segmentSize = StreamCipher.readInt(header, 1);
        if (segmentSize < StreamCipher.MIN_SEGMENT_SIZE || segmentSize > StreamCipher.MAX_SEGMENT_SIZE) {
            throw new DecryptionException("encrypted stream declares an impossible segment size");
        }
        noncePrefix = Arrays.copyOfRange(header, 1 + 4 + StreamCipher.SALT_BYTES, StreamCipher.HEADER_BYTES);
        streamKey = StreamCipher.streamKey(key, header, aad);
        sealed = new byte[segmentSize + Gcm.TAG_BYTES];
        plain = new byte[segmentSize];
    }

    private void openSegment() throws IOException {
        int n = 0;
        if (aheadRead) {
            sealed[0] = ahead;
            aheadRead = false;
            n = 1;
        }
        n += in.readNBytes(sealed, n, sealed.length - n);
        boolean last = true;
        if (n == sealed.length) {
            int next = in.read();
            if (next >= 0) {
                ahead = (byte) next;
                aheadRead = true;
                last = false;
            }
        }
        if (n < Gcm.TAG_BYTES) {
            throw new DecryptionException("encrypted stream truncated in segment " + segment);
        }
        if (segment >= StreamCipher.MAX_SEGMENTS) {
            throw new DecryptionException("encrypted stream has more segments than the format allows");
        }
        Cipher cipher = Gcm.decryptor(streamKey, StreamCipher.nonce(noncePrefix, segment, last), null);
        try {
            limit = cipher.doFinal(sealed, 0, n, plain, 0);
        } catch (AEADBadTagException e) {
            throw new DecryptionException("encrypted stream failed authentication at segment " + segment
                    + " (changed, truncated, reordered, other key or other associated data)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        position = 0;
        segment++;
        finished = last;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("decrypting stream closed");
        }
    }
}
