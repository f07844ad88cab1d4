package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Data already stored stays readable: a wrapped data key, a value and streams written by this module on 2026-12-03
 * (before HKDF was checked against BouncyCastle and Tink), with fixed keys. Random nonces, salts and prefixes are
 * part of each vector. If one of these fails, the change broke every stored message or attachment; introduce a new
 * format version instead (docs/crypto.md, "Formats").
 */
class StoredFormatTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final KekRing RING = KekRing.of("2026-11",
            HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));
    private static final KeyOwner OWNER = new KeyOwner("realm-vector", "owner-vector");
    private static final byte[] DATA_KEY =
            HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
    private static final String ATTACHMENT = "Anlage: Bauantrag Flurstück 12/3, Seite 1 von 1.";

    @Test
    void givenWrappedDataKeyOfVersion1ThenItUnwrapsToTheSameKey() throws Exception {
        WrappedDataKey wrapped = WrappedDataKey.fromBase64(
                "AQcyMDI2LTExCWgG5uRU0VEVOodxpTLTiRq5Z3rwCVYeKoa6OCM9AelrBA1tTzc9AtdxnR51iYT/Ny8dHuW5NfBe3dun");

        assertThat(wrapped.kid()).isEqualTo("2026-11");
        assertThat(wrapped.unwrap(RING, OWNER).bytes()).isEqualTo(DATA_KEY);
    }

    @Test
    void givenValueOfVersion1ThenItDecrypts() throws Exception {
        String value = "Af6BVMLbPG5KC/ygLTtyvBvCPpGYfjrqMxU+z9G3NKxPTjDviYPXII66dkErrcLGgWJGR+BE//IVXxWvcTx62TIG5NtSceJJ"
                + "Qof8BTKMa0aKPw==";

        assertThat(ContentCipher.decryptString(DataKey.of(DATA_KEY), value,
                AssociatedData.of("postfach-message", "m-4711", "subject")))
                .isEqualTo("Ihr Bescheid liegt bereit – Grüße aus dem Rathaus");
    }

    @Test
    void givenStreamOfVersion1WithFourSegmentsThenItDecrypts() throws Exception {
        // Segment size 16: three full segments and a last one of one byte.
        String stream = "0100000010fb03d687c97375239a3b589a2d08e2bc3d7392515e3efcfe43aa53f4614b937ec59283ceee43741d91103f"
                + "572a88614402a4dcecbf8ba9872b8308456d3d023f60ca3245a1acce5c99f6cd235a05c6bd374eed2e34df00870cba5f"
                + "21d2eb99d944e01380d11392dd3e3d8d003d4bacdff151188904a808dc274fbc314531638146fa6e4fb9a0f4ea";

        assertThat(decrypt(stream, "a-0815")).isEqualTo(ATTACHMENT);
    }

    @Test
    void givenStreamOfVersion1WithTheDefaultSegmentSizeThenItDecrypts() throws Exception {
        String stream = "01000100003995e7fa5c42c9ca42814e14ae046ff7b5c51392633ee45bc73cf7968c9e77f47ed5d94988298f016b7cef"
                + "abed5746866fe8d581665c760dacf153cfe134ce1d808e3bcc65ce88bd153620d4a811f7386407beaedb38cccc";

        assertThat(decrypt(stream, "a-0815")).isEqualTo(ATTACHMENT);
    }

    @Test
    void givenEmptyStreamOfVersion1ThenItDecryptsToNothing() throws Exception {
        String stream = "0100010000f10a392bf920450313f39f33d47b1ce8940ad966e1d9598339ddb666a35156a40b32db70c42a4e";

        assertThat(decrypt(stream, "a-0816")).isEmpty();
    }

    private static String decrypt(String hex, String attachmentId) throws Exception {
        try (InputStream in = StreamCipher.decryptingStream(new ByteArrayInputStream(HEX.parseHex(hex)),
                DataKey.of(DATA_KEY), AssociatedData.of("postfach-attachment", attachmentId, "content"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
