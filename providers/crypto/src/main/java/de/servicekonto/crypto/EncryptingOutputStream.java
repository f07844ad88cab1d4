package de.servicekonto.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * The writing side of {@link StreamCipher}. A full segment is held back until more content arrives, because only
 * then is it known not to be the final one; so non-final segments are always full, and the final one is written at
 * {@link #close()}.
 */
final class EncryptingOutputStream extends OutputStream {

    private final OutputStream out;
    private final SecretKey streamKey;
    private final byte[] noncePrefix;
    private final byte[] plain;
    private final byte[] sealed;
    private int filled;
    private long segment;
    private boolean closed;
    private boolean failed;

    EncryptingOutputStream(OutputStream out, SecretKey streamKey, byte[] noncePrefix, int segmentSize) {
        this.out = out;
        this.streamKey = streamKey;
        this.noncePrefix = noncePrefix;
        this.plain = new byte[segmentSize];
        this.sealed = new byte[segmentSize + Gcm.TAG_BYTES];
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (filled == plain.length) {
            seal(false);
        }
        plain[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        while (len > 0) {
            if (filled == plain.length) {
                seal(false);
            }
            int n = Math.min(len, plain.length - filled);
            System.arraycopy(b, off, plain, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    /** Flushes what has been sealed; the open segment stays here until it is full or the stream is closed. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    /** Writes the final segment (unless a write failed) and closes the underlying stream. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (!failed) {
                seal(true);
            }
        } finally {
            Arrays.fill(plain, (byte) 0);
            out.close();
        }
    }

    private void seal(boolean last) throws IOException {
        if (segment >= StreamCipher.MAX_SEGMENTS) {
            throw new IOException("content too large for one encrypted stream");
        }
        Cipher cipher = Gcm.encryptor(streamKey, StreamCipher.nonce(noncePrefix, segment, last), null);
        int n;
        try {
            n = cipher.doFinal(plain, 0, filled, sealed, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
        try {
            out.write(sealed, 0, n);
        } catch (IOException | RuntimeException e) {
            // Part of the segment may be out; the content can only be written anew, from the start.
            failed = true;
            throw e;
        }
        segment++;
        filled = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("encrypting stream closed");
        }
        if (failed) {
            throw new IOException("encrypting stream failed earlier; write the content anew");
        }
    }
}
