package de.servicekonto.dokumentensafe.keycloak;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A document's plaintext as an {@link InputStream} for another module, from the safe's download, which writes to an
 * {@link OutputStream}: a thread writes into a pipe of one segment that the reader drains, so no more than that is
 * held. The writer touches only the download's temporary ciphertext file and the cipher, not the session. A failure
 * of the writer (content that does not authenticate) is thrown by the reader at the end, never taken for a shorter
 * document; closing the reader early stops the writer, which then removes its temporary file.
 */
final class PlaintextPipe extends FilterInputStream {

    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int BUFFER = 64 * 1024;
    private final AtomicReference<IOException> failure;
    private final Thread writer;

    private PlaintextPipe(PipedInputStream in, AtomicReference<IOException> failure, Thread writer) {
        super(in);
        this.failure = failure;
        this.writer = writer;
    }

    static InputStream of(Writer source) throws IOException {
        PipedInputStream in = new PipedInputStream(BUFFER);
        PipedOutputStream out = new PipedOutputStream(in);
        AtomicReference<IOException> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                source.writeTo(out);
            } catch (IOException | RuntimeException e) {
                // Recorded before the pipe closes, so the reader sees it instead of a clean end.
                failure.set(e instanceof IOException io ? io : new IOException(e));
            } finally {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the reader went away
                }
            }
        }, "sk-dokumentensafe-plaintext");
        writer.setDaemon(true);
        writer.start();
        return new PlaintextPipe(in, failure, writer);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        return b < 0 ? end() : b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        return n < 0 ? end() : n;
    }

    private int end() throws IOException {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        IOException e = failure.get();
        if (e != null) {
            throw e;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        super.close(); // a writer still writing gets "Pipe closed" and deletes its file
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
