package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our HKDF (JDK only, so the core runs on whatever JCA provider the server has, also in Keycloak's FIPS mode) gives
 * the same keys as RFC 5869's test vectors, BouncyCastle's {@code HKDFBytesGenerator} and Tink's {@code Hkdf}.
 */
class HkdfTest {

    private static final HexFormat HEX = HexFormat.of();

    /** One HKDF-SHA256 implementation: input key, salt, info, length. */
    interface Implementation {
        byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) throws GeneralSecurityException;
    }

    static Stream<Arguments> implementations() {
        return Stream.of(
                Arguments.of("ours", (Implementation) Hkdf::sha256),
                Arguments.of("BouncyCastle", (Implementation) HkdfTest::bouncyCastle),
                Arguments.of("Tink", (Implementation) (ikm, salt, info, length) ->
                        tink("HmacSha256", ikm, salt, info, length)));
    }

    /** RFC 5869, appendix A.1 to A.3 (the SHA-256 cases), for each implementation. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void givenRfc5869TestCasesThenTheirOutput(String name, Implementation hkdf) throws Exception {
        assertThat(HEX.formatHex(hkdf.derive(HEX.parseHex("0b".repeat(22)), HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42))).as("A.1").isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
        assertThat(HEX.formatHex(hkdf.derive(sequence(0x00, 80), sequence(0x60, 80), sequence(0xb0, 80), 82)))
                .as("A.2").isEqualTo("b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                        + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                        + "cc30c58179ec3e87c14c01d5c1f3434f1d87");
        assertThat(HEX.formatHex(hkdf.derive(HEX.parseHex("0b".repeat(22)), new byte[0], new byte[0], 42)))
                .as("A.3").isEqualTo(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }

    @Test
    void givenRandomInputsThenTheSameKeyAsBouncyCastleAndTink() throws Exception {
        Random random = new Random(5869);
        for (int run = 0; run < 500; run++) {
            byte[] ikm = bytes(random, 1 + random.nextInt(64));
            byte[] salt = bytes(random, random.nextInt(48));
            byte[] info = bytes(random, random.nextInt(200));
            int length = 1 + random.nextInt(3 * 32 + 5);

            byte[] ours = Hkdf.sha256(ikm, salt, info, length);

            assertThat(ours).as("run %d", run).isEqualTo(bouncyCastle(ikm, salt, info, length))
                    .isEqualTo(tink("HmacSha256", ikm, salt, info, length));
        }
    }

    @Test
    void givenOtherInfoThenOtherKey() {
        byte[] ikm = TestKeys.filled(1);

        assertThat(Hkdf.sha256(ikm, new byte[16], new byte[] {1}, 32))
                .isNotEqualTo(Hkdf.sha256(ikm, new byte[16], new byte[] {2}, 32));
    }

    @Test
    void givenImpossibleLengthThenRefused() {
        assertThatThrownBy(() -> Hkdf.sha256(new byte[32], null, new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Hkdf.sha256(new byte[32], null, new byte[0], 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bouncyCastle(byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }

    private static byte[] tink(String mac, byte[] ikm, byte[] salt, byte[] info, int length)
            throws GeneralSecurityException {
        return com.google.crypto.tink.subtle.Hkdf.computeHkdf(mac, ikm, salt, info, length);
    }

    private static byte[] sequence(int first, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (first + i);
        }
        return bytes;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
