package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ContentCipherTest {

    private static final DataKey KEY = DataKey.generate();
    private static final AssociatedData SUBJECT = AssociatedData.of("postfach-message", "m-1", "subject");
    private static final AssociatedData BODY = AssociatedData.of("postfach-message", "m-1", "body");

    @Test
    void givenValueThenRoundTrips() throws Exception {
        byte[] plain = "Ihr Bescheid über Wohngeld".getBytes(StandardCharsets.UTF_8);

        byte[] sealed = ContentCipher.encrypt(KEY, plain, SUBJECT);

        assertThat(ContentCipher.decrypt(KEY, sealed, SUBJECT)).isEqualTo(plain);
        assertThat(sealed).hasSize(plain.length + ContentCipher.OVERHEAD);
        assertThat(sealed[0]).isEqualTo((byte) 1);
    }

    @Test
    void givenEmptyAndLargeValuesThenRoundTrip() throws Exception {
        byte[] large = new byte[3 * 1024 * 1024 + 5];
        Arrays.fill(large, (byte) 'x');

        assertThat(ContentCipher.decrypt(KEY, ContentCipher.encrypt(KEY, new byte[0], BODY), BODY)).isEmpty();
        assertThat(ContentCipher.decrypt(KEY, ContentCipher.encrypt(KEY, large, BODY), BODY)).isEqualTo(large);
    }

    @Test
    void givenStringThenBase64RoundTripIncludingNonAscii() throws Exception {
        String text = "Grüße aus dem Bürgeramt – ÄÖÜß €";

        String sealed = ContentCipher.encryptString(KEY, text, BODY);

        assertThat(Base64.getDecoder().decode(sealed)).isNotEmpty();
        assertThat(sealed).doesNotContain("Bürgeramt");
        assertThat(ContentCipher.decryptString(KEY, sealed, BODY)).isEqualTo(text);
    }

    @Test
    void givenOneKeyForManyValuesThenEachOpensOnlyWithItsOwnDataAfterAFailureToo() throws Exception {
        // The key's cipher is initialised anew per value (DataKey#withCipher): what one value leaves behind, a
        // failed tag included, must not carry over to the next, in either direction.
        DataKey key = DataKey.generate();
        byte[] first = ContentCipher.encrypt(key, "erste".getBytes(StandardCharsets.UTF_8), SUBJECT);
        byte[] second = ContentCipher.encrypt(key, "zweite".getBytes(StandardCharsets.UTF_8), BODY);
        byte[] tampered = first.clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> ContentCipher.decrypt(key, tampered, SUBJECT)).isInstanceOf(DecryptionException.class);
        assertThat(ContentCipher.decrypt(key, first, SUBJECT)).isEqualTo("erste".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ContentCipher.decrypt(key, second, SUBJECT)).isInstanceOf(DecryptionException.class);
        assertThat(ContentCipher.decrypt(key, second, BODY)).isEqualTo("zweite".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> ContentCipher.decrypt(KEY, second, BODY)).isInstanceOf(DecryptionException.class);
        byte[] third = ContentCipher.encrypt(key, "dritte".getBytes(StandardCharsets.UTF_8), BODY);
        assertThat(ContentCipher.decrypt(key, third, BODY)).isEqualTo("dritte".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void givenOneKeyUsedByThreadsAtOnceThenEveryValueRoundTrips() throws Exception {
        DataKey key = DataKey.generate();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        byte[] plain = ("Wert " + thread + "/" + i).getBytes(StandardCharsets.UTF_8);
                        if (!Arrays.equals(plain, ContentCipher.decrypt(key, ContentCipher.encrypt(key, plain, BODY), BODY))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void givenSameValueTwiceThenDifferentCiphertext() {
        byte[] plain = "gleich".getBytes(StandardCharsets.UTF_8);

        assertThat(ContentCipher.encrypt(KEY, plain, BODY)).isNotEqualTo(ContentCipher.encrypt(KEY, plain, BODY));
    }

    @Test
    void givenAnyBitFlippedThenDecryptionFails() {
        byte[] sealed = ContentCipher.encrypt(KEY, "Termin am 3. Mai".getBytes(StandardCharsets.UTF_8), BODY);

        // Version byte, every nonce byte, ciphertext and tag.
        for (int i = 0; i < sealed.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = sealed.clone();
                changed[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> ContentCipher.decrypt(KEY, changed, BODY)).as("byte %d bit %d", i, bit)
                        .isInstanceOf(DecryptionException.class);
            }
        }
    }

    @Test
    void givenValueMovedToAnotherFieldOrRecordThenDecryptionFails() {
        byte[] sealed = ContentCipher.encrypt(KEY, "Betreff".getBytes(StandardCharsets.UTF_8), SUBJECT);

        assertThatThrownBy(() -> ContentCipher.decrypt(KEY, sealed, BODY)).isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> ContentCipher.decrypt(KEY, sealed, AssociatedData.of("postfach-message", "m-2", "subject")))
                .isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenAnotherOwnersKeyThenDecryptionFails() {
        byte[] sealed = ContentCipher.encrypt(KEY, "privat".getBytes(StandardCharsets.UTF_8), BODY);

        assertThatThrownBy(() -> ContentCipher.decrypt(DataKey.generate(), sealed, BODY))
                .isInstanceOf(DecryptionException.class).hasMessageNotContaining("privat");
    }

    @Test
    void givenTruncatedOrExtendedValueThenDecryptionFails() {
        byte[] sealed = ContentCipher.encrypt(KEY, "Nachricht".getBytes(StandardCharsets.UTF_8), BODY);

        assertThatThrownBy(() -> ContentCipher.decrypt(KEY, Arrays.copyOf(sealed, sealed.length - 1), BODY))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> ContentCipher.decrypt(KEY, Arrays.copyOf(sealed, sealed.length + 1), BODY))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> ContentCipher.decrypt(KEY, Arrays.copyOf(sealed, ContentCipher.OVERHEAD - 1), BODY))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> ContentCipher.decrypt(KEY, new byte[0], BODY)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenUnknownVersionOrNotBase64ThenDecryptionFails() {
        byte[] sealed = ContentCipher.encrypt(KEY, "x".getBytes(StandardCharsets.UTF_8), BODY);
        sealed[0] = 9;

        assertThatThrownBy(() -> ContentCipher.decrypt(KEY, sealed, BODY)).isInstanceOf(DecryptionException.class)
                .hasMessageContaining("version 9");
        assertThatThrownBy(() -> ContentCipher.decryptString(KEY, "not base64!", BODY))
                .isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenValueCiphertextThenStreamDecryptionRejectsIt() {
        // Formats do not mix: a sealed value is not a stream, even under the same key and associated data.
        byte[] sealed = ContentCipher.encrypt(KEY, new byte[100], BODY);

        assertThatThrownBy(() -> StreamCipher.decryptingStream(new java.io.ByteArrayInputStream(sealed), KEY, BODY)
                .readAllBytes()).isInstanceOf(DecryptionException.class);
    }
}
