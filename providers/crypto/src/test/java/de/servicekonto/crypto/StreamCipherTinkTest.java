package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.aead.internal.InsecureNonceAesGcmJce;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Our stream format against Google Tink's streaming AEAD ({@code AesGcmHkdfStreaming}). The segments are Tink's: the
 * same AES-GCM, the same nonce ({@code prefix (7) | segment number (4, big-endian) | final flag (1)}), a key per
 * stream from HKDF-SHA256 over a random salt. The framing is not: Tink's header is {@code length (1) | salt (key size)
 * | prefix (7)} and its info is the associated data alone, ours is {@code 0x01 | segment size (4) | salt (16) |
 * prefix (7)} with the label and the whole header in the info; Tink counts segment sizes in ciphertext and shortens
 * the first by the header, ours counts plaintext and keeps all segments full. So each side's segments decrypt with
 * the other's primitives (below), while Tink's stream reader refuses our streams as a whole. docs/crypto.md.
 */
class StreamCipherTinkTest {

    private static final DataKey KEY = DataKey.of(TestKeys.filled(7));
    private static final AssociatedData AAD = AssociatedData.of("postfach-attachment", "a-1", "content");
    private static final byte[] LABEL = "servicekonto stream".getBytes(StandardCharsets.US_ASCII);

    @Test
    void givenOurStreamThenEverySegmentDecryptsWithTinksAesGcmUnderTheKeyTinksHkdfDerives() throws Exception {
        int segmentSize = 32;
        byte[] content = content(7 * segmentSize + 5);
        byte[] stream = encrypt(content, segmentSize);

        // Header, read here by hand: version, segment size, salt (16), nonce prefix (7).
        byte[] header = Arrays.copyOfRange(stream, 0, 28);
        assertThat(header[0]).isEqualTo((byte) 1);
        assertThat(ByteBuffer.wrap(header, 1, 4).getInt()).isEqualTo(segmentSize);
        byte[] salt = Arrays.copyOfRange(header, 5, 21);
        byte[] prefix = Arrays.copyOfRange(header, 21, 28);
        byte[] info = Gcm.concat(LABEL, header, AAD.encoded());
        InsecureNonceAesGcmJce gcm = new InsecureNonceAesGcmJce(
                com.google.crypto.tink.subtle.Hkdf.computeHkdf("HmacSha256", KEY.bytes(), salt, info, 32));

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        int at = header.length;
        for (int segment = 0; at < stream.length; segment++) {
            int length = Math.min(segmentSize + 16, stream.length - at);
            boolean last = at + length == stream.length;
            byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt(segment).put((byte) (last ? 1 : 0)).array();
            plain.write(gcm.decrypt(nonce, Arrays.copyOfRange(stream, at, at + length), new byte[0]));
            at += length;
        }

        assertThat(plain.toByteArray()).isEqualTo(content);
    }

    @Test
    void givenTinksStreamThenOurNonceAndAesGcmDecryptEverySegment() throws Exception {
        byte[] ikm = TestKeys.filled(9);
        byte[] aad = "postfach-attachment a-2".getBytes(StandardCharsets.UTF_8);
        int ciphertextSegment = 64;
        AesGcmHkdfStreaming tink = new AesGcmHkdfStreaming(ikm, "HmacSha256", 32, ciphertextSegment, 0);
        byte[] content = content(300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encrypting = tink.newEncryptingStream(out, aad)) {
            encrypting.write(content);
        }
        byte[] stream = out.toByteArray();

        // Tink's header: its length (1 + 32 + 7), the salt (as long as the key), the nonce prefix.
        int headerLength = stream[0];
        assertThat(headerLength).isEqualTo(tink.getHeaderLength()).isEqualTo(40);
        byte[] salt = Arrays.copyOfRange(stream, 1, 33);
        byte[] prefix = Arrays.copyOfRange(stream, 33, 40);
        // Tink's key: HKDF-SHA256 with the associated data as info, here by our HKDF.
        SecretKeySpec key = new SecretKeySpec(Hkdf.sha256(ikm, salt, aad, 32), "AES");

        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        int at = headerLength;
        for (long segment = 0; at < stream.length; segment++) {
            int length = Math.min(segment == 0 ? ciphertextSegment - headerLength : ciphertextSegment, stream.length - at);
            boolean last = at + length == stream.length;
            Cipher cipher = Gcm.decryptor(key, StreamCipher.nonce(prefix, segment, last), null);
            plain.write(cipher.doFinal(stream, at, length));
            at += length;
        }

        assertThat(plain.toByteArray()).isEqualTo(content);
    }

    @Test
    void givenOurStreamThenTinksReaderRefusesItsHeader() throws Exception {
        byte[] stream = encrypt(content(100), StreamCipher.SEGMENT_SIZE);
        AesGcmHkdfStreaming tink = new AesGcmHkdfStreaming(KEY.bytes(), "HmacSha256", 32, 4096, 0);

        assertThatThrownBy(() -> {
            try (InputStream in = tink.newDecryptingStream(new ByteArrayInputStream(stream), AAD.encoded())) {
                in.readAllBytes();
            }
        }).isInstanceOf(IOException.class);
    }

    private static byte[] encrypt(byte[] content, int segmentSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream encrypting = StreamCipher.encryptingStream(out, KEY, AAD, segmentSize)) {
            encrypting.write(content);
        }
        return out.toByteArray();
    }

    private static byte[] content(int length) {
        byte[] content = new byte[length];
        new Random(length).nextBytes(content);
        return content;
    }
}
