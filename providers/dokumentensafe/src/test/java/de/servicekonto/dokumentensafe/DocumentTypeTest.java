package de.servicekonto.dokumentensafe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentTypeTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void givenDeclaredTypesThenOnlyTheListWithParametersAndCaseIgnored() {
        assertThat(DocumentType.declared("Application/PDF; foo=bar")).contains(DocumentType.PDF);
        assertThat(DocumentType.declared("text/html")).isEmpty();
        assertThat(DocumentType.declared("application/x-msdownload")).isEmpty();
        assertThat(DocumentType.declared(null)).isEmpty();
        assertThat(DocumentType.declared("x".repeat(300))).isEmpty();
    }

    @Test
    void givenContentThenItMustLookLikeTheDeclaredTypeAndNeverLikeAProgram() {
        assertThat(DocumentType.PDF.matches(ascii("%PDF-1.7"))).isTrue();
        assertThat(DocumentType.PDF.matches(ascii("MZ\u0090\u0000"))).isFalse();
        assertThat(DocumentType.DOCX.matches(new byte[] {'P', 'K', 3, 4, 20})).isTrue();
        assertThat(DocumentType.DOC.matches(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
                (byte) 0xB1, 0x1A, (byte) 0xE1})).isTrue();
        assertThat(DocumentType.PNG.matches(ascii("GIF89a"))).isFalse();
        assertThat(DocumentType.TEXT.matches(ascii("Hallo Welt"))).isTrue();
        assertThat(DocumentType.TEXT.matches(ascii("MZ this is a program"))).isFalse();
        assertThat(DocumentType.TEXT.matches(ascii("#!/bin/sh\nrm -rf /"))).isFalse();
        assertThat(DocumentType.TEXT.matches(new byte[] {'a', 0, 'b'})).isFalse();
        assertThat(DocumentType.XML.matches(ascii("\uFEFF  <?xml version=\"1.0\"?>".replace("\uFEFF", "\u00EF\u00BB\u00BF"))))
                .isTrue();
        assertThat(DocumentType.XML.matches(ascii("not xml"))).isFalse();
        assertThat(DocumentType.ZIP.matches(new byte[0])).isFalse();
    }

    @Test
    void givenRealmAttributesThenLimitsWithSafeDefaults() {
        assertThat(SafeSettings.read(name -> null)).isEqualTo(new SafeSettings(SafeSettings.DEFAULT_QUOTA,
                SafeSettings.DEFAULT_MAX_FILE, Duration.ofDays(30)));
        Map<String, String> attributes = Map.of(SafeSettings.QUOTA, "1000", SafeSettings.MAX_FILE, "5000",
                SafeSettings.UNDO_DAYS, "-3");
        SafeSettings settings = SafeSettings.read(attributes::get);
        assertThat(settings.maxFileBytes()).as("never above the quota").isEqualTo(1000);
        assertThat(settings.undoPeriod()).as("a bad value keeps the default").isEqualTo(Duration.ofDays(30));
        assertThat(SafeSettings.read(Map.of(SafeSettings.QUOTA, "viel")::get).quotaBytes()).isEqualTo(SafeSettings.DEFAULT_QUOTA);
    }
}
