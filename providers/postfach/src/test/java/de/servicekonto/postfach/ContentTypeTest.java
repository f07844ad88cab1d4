package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentTypeTest {

    private static final byte[] PDF = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] EXE = {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};

    @Test
    void givenDeclaredTypeAndMatchingBytesThenAccepted() {
        assertThat(ContentType.match("application/pdf", PDF, PDF.length)).contains(ContentType.PDF);
        assertThat(ContentType.match("Image/PNG; charset=binary", PNG, PNG.length)).contains(ContentType.PNG);
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0};
        assertThat(ContentType.match("image/jpeg", jpeg, jpeg.length)).contains(ContentType.JPEG);
        byte[] tiff = {'I', 'I', 42, 0};
        assertThat(ContentType.match("image/tiff", tiff, tiff.length)).contains(ContentType.TIFF_LE);
    }

    @Test
    void givenRenamedOrForeignContentThenRefused() {
        assertThat(ContentType.match("application/pdf", EXE, EXE.length)).isEmpty();
        assertThat(ContentType.match("image/png", PDF, PDF.length)).isEmpty();
        assertThat(ContentType.match("application/x-msdownload", EXE, EXE.length)).isEmpty();
        assertThat(ContentType.match("application/pdf", PDF, 3)).as("too short to know").isEmpty();
        assertThat(ContentType.match(null, PDF, PDF.length)).isEmpty();
    }

    @Test
    void givenDeclaredTypesThenOnlyTheListIsAllowed() {
        assertThat(ContentType.isAllowed("application/pdf")).isTrue();
        assertThat(ContentType.isAllowed("text/html")).isFalse();
        assertThat(ContentType.isAllowed("application/pdf" + "x".repeat(300))).isFalse();
        assertThat(ContentType.allowedMimeTypes()).containsExactly("application/pdf", "image/png", "image/jpeg", "image/tiff");
    }
}
