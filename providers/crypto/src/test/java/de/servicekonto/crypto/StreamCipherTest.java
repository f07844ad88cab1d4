package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamCipherTest {

    private static final int S = StreamCipher.SEGMENT_SIZE;
    private static final int TAG = 16;
    private static final int HEADER = StreamCipher.HEADER_BYTES;
    /** A small segment size for the structural tests, so segments are easy to cut and move. */
    private static final int SMALL = 32;
    private static final DataKey KEY = DataKey.generate();
    private static final AssociatedData AAD = AssociatedData.of("postfach-attachment", "a-1");

    @ParameterizedTest
    @ValueSource(ints = {0, 1, S - 1, S, S + 1, 2 * S, 5 * 1024 * 1024 + 123})
    void givenContentOfThisSizeThenRoundTripsWithPredictedLength(int size) throws Exception {
        byte[] plain = content(size);

        byte[] sealed = encrypt(plain, KEY, AAD);

        assertThat(sealed).hasSize((int) StreamCipher.ciphertextLength(size));
        assertThat(decrypt(sealed, KEY, AAD)).isEqualTo(plain);
    }

    @Test
    void givenABoundThenEncryptBoundedCountsAndStopsOnceContentExceedsIt() throws Exception {
        byte[] plain = content(3 * S + 7);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        assertThat(StreamCipher.encryptBounded(new ByteArrayInputStream(plain), sealed, KEY, AAD, plain.length,
                size -> new IllegalStateException("too large"))).isEqualTo(plain.length);
        assertThat(decrypt(sealed.toByteArray(), KEY, AAD)).isEqualTo(plain);

        assertThatThrownBy(() -> StreamCipher.encryptBounded(new ByteArrayInputStream(plain), new ByteArrayOutputStream(),
                KEY, AAD, plain.length - 1, size -> new IllegalStateException("too large: " + size)))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("too large: ");
    }

    @Test
    void segmentsAreFullExceptTheLast() throws Exception {
        assertThat(StreamCipher.ciphertextLength(0)).isEqualTo(HEADER + TAG);
        assertThat(StreamCipher.ciphertextLength(S)).isEqualTo(HEADER + S + TAG);
        assertThat(StreamCipher.ciphertextLength(S + 1)).isEqualTo(HEADER + S + 1 + 2L * TAG);
        assertThat(encrypt(content(100), KEY, AAD, SMALL)).hasSize(HEADER + 100 + 4 * TAG);
        assertThatThrownBy(() -> StreamCipher.ciphertextLength(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenSmallWritesAndSingleByteReadsThenRoundTrips() throws Exception {
        byte[] plain = content(3 * SMALL + 7);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = StreamCipher.encryptingStream(sink, KEY, AAD, SMALL)) {
            for (byte b : plain) {
                out.write(b);
            }
        }

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (InputStream in = StreamCipher.decryptingStream(new ByteArrayInputStream(sink.toByteArray()), KEY, AAD)) {
            assertThat(in.read(new byte[1], 0, 0)).isZero();
            for (int b = in.read(); b >= 0; b = in.read()) {
                read.write(b);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(read.toByteArray()).isEqualTo(plain);
    }

    @Test
    void givenSameContentTwiceThenDifferentCiphertext() throws Exception {
        byte[] plain = content(500);

        assertThat(encrypt(plain, KEY, AAD)).isNotEqualTo(encrypt(plain, KEY, AAD));
    }

    @Test
    void givenOtherAssociatedDataOrOtherKeyThenFirstReadFails() throws Exception {
        byte[] sealed = encrypt(content(1000), KEY, AAD);

        assertThatThrownBy(() -> decrypt(sealed, KEY, AssociatedData.of("postfach-attachment", "a-2")))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> decrypt(sealed, DataKey.generate(), AAD)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenAnyBitFlippedThenDecryptionFails() throws Exception {
        byte[] sealed = encrypt(content(40), KEY, AAD, 16);
        assertThat(sealed).hasSize(HEADER + 16 + TAG + 16 + TAG + 8 + TAG);

        // Header (version, segment size, salt, nonce prefix), every segment's ciphertext and tag.
        for (int i = 0; i < sealed.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = sealed.clone();
                changed[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> decrypt(changed, KEY, AAD)).as("byte %d bit %d", i, bit)
                        .isInstanceOf(DecryptionException.class);
            }
        }
    }

    @Test
    void givenLastSegmentDroppedThenFailsInsteadOfEndingEarly() throws Exception {
        byte[] sealed = encrypt(content(3 * SMALL + 4), KEY, AAD, SMALL);
        byte[] withoutLast = Arrays.copyOf(sealed, HEADER + 3 * (SMALL + TAG));

        assertThatThrownBy(() -> decrypt(withoutLast, KEY, AAD)).isInstanceOf(DecryptionException.class)
                .hasMessageContaining("segment 2");
    }

    @Test
    void givenContentOfWholeSegmentsCutAtTheLastBoundaryThenFails() throws Exception {
        // Content of exactly 3 segments: the third is final. Cut after the second, which is not.
        byte[] sealed = encrypt(content(3 * SMALL), KEY, AAD, SMALL);
        assertThat(sealed).hasSize(HEADER + 3 * (SMALL + TAG));

        assertThatThrownBy(() -> decrypt(Arrays.copyOf(sealed, HEADER + 2 * (SMALL + TAG)), KEY, AAD))
                .isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenStreamCutInsideASegmentOrInTheHeaderThenFails() throws Exception {
        byte[] sealed = encrypt(content(3 * SMALL + 4), KEY, AAD, SMALL);

        for (int length : new int[] {0, 1, HEADER - 1, HEADER, HEADER + 1, HEADER + TAG, HEADER + SMALL + TAG + 5,
                sealed.length - 1}) {
            assertThatThrownBy(() -> decrypt(Arrays.copyOf(sealed, length), KEY, AAD)).as("cut at %d", length)
                    .isInstanceOf(DecryptionException.class);
        }
    }

    @Test
    void givenEmptyContentWithItsOnlySegmentRemovedThenFails() throws Exception {
        byte[] sealed = encrypt(new byte[0], KEY, AAD);

        assertThatThrownBy(() -> decrypt(Arrays.copyOf(sealed, HEADER), KEY, AAD)).isInstanceOf(DecryptionException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void givenSegmentsSwappedDuplicatedOrRemovedThenFails() throws Exception {
        byte[] sealed = encrypt(content(4 * SMALL + 4), KEY, AAD, SMALL);
        byte[][] segments = split(sealed, SMALL);
        assertThat(segments).hasNumberOfRows(6); // header + 5 segments

        assertThatThrownBy(() -> decrypt(join(segments, 0, 2, 1, 3, 4, 5), KEY, AAD)).isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> decrypt(join(segments, 0, 1, 1, 2, 3, 4, 5), KEY, AAD))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> decrypt(join(segments, 0, 1, 3, 4, 5), KEY, AAD)).isInstanceOf(DecryptionException.class);
        // The final segment moved up: it is final but not at its position.
        assertThatThrownBy(() -> decrypt(join(segments, 0, 1, 2, 5), KEY, AAD)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenDataAppendedAfterTheFinalSegmentThenFails() throws Exception {
        byte[] plain = content(2 * SMALL);
        byte[] sealed = encrypt(plain, KEY, AAD, SMALL);
        byte[][] segments = split(sealed, SMALL);

        assertThatThrownBy(() -> decrypt(concat(sealed, new byte[] {0}), KEY, AAD)).isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> decrypt(concat(sealed, segments[2]), KEY, AAD)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenSegmentFromAnotherStreamOfTheSameOwnerAndRecordThenFails() throws Exception {
        byte[][] first = split(encrypt(content(3 * SMALL), KEY, AAD, SMALL), SMALL);
        byte[][] second = split(encrypt(content(3 * SMALL), KEY, AAD, SMALL), SMALL);

        // Same position, same key, same associated data: the stream keys differ by their random salts.
        assertThatThrownBy(() -> decrypt(concat(first[0], first[1], second[2], first[3]), KEY, AAD))
                .isInstanceOf(DecryptionException.class);
        // Another stream's header in front of this one's segments.
        assertThatThrownBy(() -> decrypt(concat(second[0], first[1], first[2], first[3]), KEY, AAD))
                .isInstanceOf(DecryptionException.class);
    }

    @Test
    void authenticatedSegmentsAreHandedOutButTheEndIsNeverReportedForATruncatedStream() throws Exception {
        byte[] plain = content(3 * SMALL + 4);
        byte[] sealed = encrypt(plain, KEY, AAD, SMALL);
        InputStream in = StreamCipher.decryptingStream(
                new ByteArrayInputStream(Arrays.copyOf(sealed, HEADER + 3 * (SMALL + TAG))), KEY, AAD);

        byte[] first = in.readNBytes(2 * SMALL);
        assertThat(first).isEqualTo(Arrays.copyOf(plain, 2 * SMALL));
        assertThatThrownBy(in::read).isInstanceOf(DecryptionException.class);
        // The failure stays: no later read continues or reports a clean end.
        assertThatThrownBy(in::read).isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> in.read(new byte[10])).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenForgedHeaderWithHugeOrTinySegmentSizeThenRefusedBeforeAllocating() throws Exception {
        byte[] sealed = encrypt(content(10), KEY, AAD);
        for (int size : new int[] {0, StreamCipher.MIN_SEGMENT_SIZE - 1, StreamCipher.MAX_SEGMENT_SIZE + 1, -1}) {
            byte[] forged = sealed.clone();
            StreamCipher.writeInt(forged, 1, size);
            assertThatThrownBy(() -> decrypt(forged, KEY, AAD)).isInstanceOf(DecryptionException.class)
                    .hasMessageContaining("segment size");
        }
    }

    @Test
    void givenUnknownVersionThenRefused() throws Exception {
        byte[] sealed = encrypt(content(10), KEY, AAD);
        sealed[0] = 2;

        assertThatThrownBy(() -> decrypt(sealed, KEY, AAD)).isInstanceOf(DecryptionException.class)
                .hasMessageContaining("version 2");
    }

    @Test
    void encryptingStreamHoldsBackAtMostOneSegment() throws Exception {
        CountingOutputStream sink = new CountingOutputStream();
        OutputStream out = StreamCipher.encryptingStream(sink, KEY, AAD);
        assertThat(sink.count).isEqualTo(HEADER);
        byte[] chunk = content(1000);

        long written = 0;
        for (int i = 0; i < 10 * S / chunk.length; i++) {
            out.write(chunk);
            written += chunk.length;
            long sealedSegments = sink.count == HEADER ? 0 : (sink.count - HEADER) / (S + TAG);
            assertThat(written - sealedSegments * S).as("plaintext held back after %d bytes", written)
                    .isBetween(1L, (long) S);
        }
        out.flush();
        assertThat(sink.flushed).isTrue();
        assertThat(sink.closed).isFalse();
        out.close();
        assertThat(sink.closed).isTrue();
        assertThat(sink.count).isEqualTo(StreamCipher.ciphertextLength(written));
    }

    @Test
    void decryptingStreamReadsAtMostOneSegmentAhead() throws Exception {
        int size = 10 * S + 99;
        byte[] sealed = encrypt(content(size), KEY, AAD);
        CountingInputStream source = new CountingInputStream(new ByteArrayInputStream(sealed));
        InputStream in = StreamCipher.decryptingStream(source, KEY, AAD);
        assertThat(source.count).as("nothing read before the first read").isZero();

        byte[] buffer = new byte[777];
        long read = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            read += n;
            long segmentsNeeded = (read + S - 1) / S;
            // The segments handed out so far, plus the one byte looked ahead to see whether more follows.
            assertThat(source.count).as("ciphertext consumed after %d bytes", read)
                    .isLessThanOrEqualTo(HEADER + segmentsNeeded * (S + TAG) + 1);
            assertThat(in.available()).isLessThanOrEqualTo(S);
        }
        assertThat(read).isEqualTo(size);
        in.close();
        assertThat(source.closed).isTrue();
    }

    @Test
    void givenEncryptingStreamNotClosedThenContentDoesNotDecrypt() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = StreamCipher.encryptingStream(sink, KEY, AAD, SMALL);
        out.write(content(5 * SMALL));
        out.flush();

        assertThatThrownBy(() -> decrypt(sink.toByteArray(), KEY, AAD)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void closedStreamsRefuseUseAndCloseTwiceQuietly() throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = StreamCipher.encryptingStream(sink, KEY, AAD);
        out.write(1);
        out.close();
        out.close();
        assertThatThrownBy(() -> out.write(2)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> out.write(new byte[3])).isInstanceOf(IOException.class);
        assertThat(sink.size()).isEqualTo(StreamCipher.ciphertextLength(1));

        InputStream in = StreamCipher.decryptingStream(new ByteArrayInputStream(sink.toByteArray()), KEY, AAD);
        in.close();
        in.close();
        assertThatThrownBy(in::read).isInstanceOf(IOException.class);
    }

    @Test
    void givenTargetFailsMidwayThenEncryptingStreamRefusesFurtherWritesAndWritesNoFinalSegment() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        // Accepts the header and one sealed segment, then fails like a lost connection.
        OutputStream target = new FilterOutputStream(received) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (received.size() > HEADER) {
                    throw new IOException("connection lost");
                }
                received.write(b, off, len);
            }
        };
        OutputStream out = StreamCipher.encryptingStream(target, KEY, AAD, SMALL);
        out.write(content(SMALL + 1));
        assertThat(received.size()).isEqualTo(HEADER + SMALL + TAG);

        assertThatThrownBy(() -> out.write(content(SMALL))).isInstanceOf(IOException.class).hasMessage("connection lost");
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("failed earlier");
        out.close();

        assertThat(received.size()).isEqualTo(HEADER + SMALL + TAG);
        assertThatThrownBy(() -> decrypt(received.toByteArray(), KEY, AAD)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenSourceFailsMidwayThenDecryptingStreamStaysFailed() throws Exception {
        byte[] sealed = encrypt(content(4 * SMALL), KEY, AAD, SMALL);
        // Delivers the header and a segment and a half, then fails once; a retry would start mid-segment.
        int failAt = HEADER + SMALL + TAG + SMALL / 2;
        InputStream source = new FilterInputStream(new ByteArrayInputStream(sealed)) {
            private int delivered;
            private boolean failedOnce;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (!failedOnce && delivered == failAt) {
                    failedOnce = true;
                    throw new IOException("connection lost");
                }
                int n = super.read(b, off, failedOnce ? len : Math.min(len, failAt - delivered));
                delivered += Math.max(n, 0);
                return n;
            }
        };
        InputStream in = StreamCipher.decryptingStream(source, KEY, AAD);

        assertThat(in.readNBytes(SMALL)).hasSize(SMALL);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("connection lost");
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessage("connection lost");
    }

    @Test
    void givenSegmentSizeOutOfRangeThenEncryptionRefused() {
        assertThatThrownBy(() -> StreamCipher.encryptingStream(new ByteArrayOutputStream(), KEY, AAD, 8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamCipher.encryptingStream(new ByteArrayOutputStream(), KEY, AAD, 2 * 1024 * 1024))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonceCarriesPrefixCounterAndFinalFlag() {
        byte[] prefix = {1, 2, 3, 4, 5, 6, 7};

        assertThat(StreamCipher.nonce(prefix, 0x01020304L, false)).containsExactly(1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 0);
        assertThat(StreamCipher.nonce(prefix, 0xffffffffL, true))
                .containsExactly(1, 2, 3, 4, 5, 6, 7, -1, -1, -1, -1, 1);
    }

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] encrypt(byte[] plain, DataKey key, AssociatedData aad) throws IOException {
        return encrypt(plain, key, aad, S);
    }

    private static byte[] encrypt(byte[] plain, DataKey key, AssociatedData aad, int segmentSize) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = StreamCipher.encryptingStream(sink, key, aad, segmentSize)) {
            out.write(plain);
        }
        return sink.toByteArray();
    }

    private static byte[] decrypt(byte[] sealed, DataKey key, AssociatedData aad) throws IOException {
        try (InputStream in = StreamCipher.decryptingStream(new ByteArrayInputStream(sealed), key, aad)) {
            return in.readAllBytes();
        }
    }

    /** Header, then each sealed segment of a stream with this segment size. */
    private static byte[][] split(byte[] sealed, int segmentSize) {
        int segments = (sealed.length - HEADER + segmentSize + TAG - 1) / (segmentSize + TAG);
        byte[][] parts = new byte[segments + 1][];
        parts[0] = Arrays.copyOf(sealed, HEADER);
        for (int i = 0; i < segments; i++) {
            int from = HEADER + i * (segmentSize + TAG);
            parts[i + 1] = Arrays.copyOfRange(sealed, from, Math.min(sealed.length, from + segmentSize + TAG));
        }
        return parts;
    }

    private static byte[] join(byte[][] parts, int... order) {
        byte[][] chosen = new byte[order.length][];
        for (int i = 0; i < order.length; i++) {
            chosen[i] = parts[order[i]];
        }
        return concat(chosen);
    }

    private static byte[] concat(byte[]... parts) {
        return Gcm.concat(parts);
    }

    private static final class CountingOutputStream extends FilterOutputStream {
        long count;
        boolean flushed;
        boolean closed;

        CountingOutputStream() {
            super(OutputStream.nullOutputStream());
        }

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;
        boolean closed;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
