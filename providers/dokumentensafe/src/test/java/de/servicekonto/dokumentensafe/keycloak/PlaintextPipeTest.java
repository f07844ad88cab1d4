package de.servicekonto.dokumentensafe.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The pipe that gives another module a document's plaintext as a stream (KeycloakDocumentSafe.open). */
class PlaintextPipeTest {

    @Test
    void givenAWriterThenTheReaderGetsEveryByteInOrder() throws IOException {
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        try (InputStream in = PlaintextPipe.of(out -> {
            for (int i = 0; i < content.length; i += 1000) {
                out.write(content, i, Math.min(1000, content.length - i));
            }
        })) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void givenAWriterFailingMidwayThenTheReaderFailsInsteadOfSeeingAShorterDocument() throws IOException {
        InputStream in = PlaintextPipe.of(out -> {
            out.write(new byte[100_000]);
            throw new IOException("segment 2 failed authentication");
        });
        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("authentication");
        in.close();
    }

    @Test
    void givenTheReaderClosedEarlyThenTheWriterStopsAndCleansUp() throws IOException {
        AtomicBoolean cleaned = new AtomicBoolean();
        InputStream in = PlaintextPipe.of(out -> {
            try {
                while (true) {
                    out.write(new byte[8192]);
                }
            } finally {
                cleaned.set(true);
            }
        });
        assertThat(in.read(new byte[10])).isPositive();
        in.close();
        assertThat(cleaned).isTrue();
    }
}
