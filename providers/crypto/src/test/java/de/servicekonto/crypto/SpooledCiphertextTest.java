package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SpooledCiphertextTest {

    private static final DataKey KEY = DataKey.generate();
    private static final AssociatedData AAD = AssociatedData.of("test", "doc-1", "content");

    @Test
    void givenCiphertextThenTheFileHoldsItAndIsGoneOnceDecrypted() throws Exception {
        byte[] plain = "Bescheid vom 1. Dezember".repeat(5000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        StreamCipher.encryptBounded(new ByteArrayInputStream(plain), sealed, KEY, AAD, plain.length, n -> new IllegalStateException());

        SpooledCiphertext spooled = SpooledCiphertext.copy(new ByteArrayInputStream(sealed.toByteArray()), "sk-test-");
        assertThat(Files.readAllBytes(spooled.file())).isEqualTo(sealed.toByteArray());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        spooled.decryptTo(out, KEY, AAD);
        assertThat(out.toByteArray()).isEqualTo(plain);
        assertThat(spooled.file()).doesNotExist();
    }

    @Test
    void givenOtherAssociatedDataThenDecryptionFailsAndTheFileIsGoneAnyway() throws Exception {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        StreamCipher.encryptBounded(new ByteArrayInputStream(new byte[100]), sealed, KEY, AAD, 100, n -> new IllegalStateException());
        SpooledCiphertext spooled = SpooledCiphertext.copy(new ByteArrayInputStream(sealed.toByteArray()), "sk-test-");
        assertThatThrownBy(() -> spooled.decryptTo(new ByteArrayOutputStream(), KEY, AssociatedData.of("test", "doc-2", "content")))
                .isInstanceOf(DecryptionException.class);
        assertThat(spooled.file()).doesNotExist();
    }

    @Test
    void givenAFailingSourceThenNoFileIsLeft() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection lost");
            }
        };
        assertThatThrownBy(() -> SpooledCiphertext.copy(broken, "sk-test-broken-")).isInstanceOf(IOException.class);
    }
}
