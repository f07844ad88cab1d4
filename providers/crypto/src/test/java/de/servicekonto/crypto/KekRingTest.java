package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.CharBuffer;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KekRingTest {

    @Test
    void givenSeveralEntriesThenFirstIsCurrentAndAllUnwrap() throws Exception {
        KekRing ring = KekRing.parse("k2:" + TestKeys.base64(2) + ",k1:" + TestKeys.base64(1));

        assertThat(ring.currentKid()).isEqualTo("k2");
        assertThat(ring.kids()).containsExactly("k2", "k1");
        assertThat(ring.contains("k1")).isTrue();
        assertThat(ring.key("k1").getEncoded()).isEqualTo(TestKeys.filled(1));
        assertThat(ring.currentKey().getEncoded()).isEqualTo(TestKeys.filled(2));
    }

    @Test
    void givenLineBreaksAndSpacesAsInAVaultFileThenParsed() {
        KekRing ring = KekRing.parse("\n  2026-11.a:" + TestKeys.base64(3) + "\r\n2026_05-b:" + TestKeys.base64(4)
                + " ,\n");

        assertThat(ring.kids()).containsExactly("2026-11.a", "2026_05-b");
    }

    @Test
    void givenCharBufferFromTheVaultThenParsedWithoutChangingIt() {
        CharBuffer buffer = CharBuffer.wrap(("k1:" + TestKeys.base64(1)).toCharArray());

        assertThat(KekRing.parse(buffer).kids()).containsExactly("k1");
        assertThat(buffer.position()).isZero();
    }

    @Test
    void givenEmptyTextThenRefused() {
        assertThatThrownBy(() -> KekRing.parse("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> KekRing.parse(" ,\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenKeyOfWrongLengthThenRefusedWithoutShowingIt() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        String longKey = Base64.getEncoder().encodeToString(new byte[33]);

        assertThatThrownBy(() -> KekRing.parse("k1:" + shortKey)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> KekRing.parse("k1:" + longKey)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KekRing.of("k1", new byte[31])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KekRing.of("k1", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenMalformedEntriesThenMessageNamesTheEntryButNeverItsText() {
        String secretLooking = "c2VjcmV0LWtleS1tYXRlcmlhbC1zaG91bGQtbm90LWxlYWs=";
        String good = "k1:" + TestKeys.base64(1);

        assertThatThrownBy(() -> KekRing.parse(good + "," + secretLooking)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry 2").hasMessageNotContaining(secretLooking);
        assertThatThrownBy(() -> KekRing.parse("k 1:" + TestKeys.base64(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KekRing.parse("k/1:" + TestKeys.base64(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kid").hasMessageNotContaining(TestKeys.base64(1));
        assertThatThrownBy(() -> KekRing.parse(":" + TestKeys.base64(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KekRing.parse("x".repeat(33) + ":" + TestKeys.base64(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KekRing.parse("k1:not*base64")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base64").hasMessageNotContaining("not*base64").hasNoCause();
        assertThatThrownBy(() -> KekRing.parse("k1:ä" + TestKeys.base64(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenDuplicateKidOrDuplicateKeyThenRefused() {
        assertThatThrownBy(() -> KekRing.parse("k1:" + TestKeys.base64(1) + ",k1:" + TestKeys.base64(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> KekRing.parse("k1:" + TestKeys.base64(1) + ",k2:" + TestKeys.base64(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same key");
    }

    @Test
    void givenTooManyEntriesThenRefused() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i <= KekRing.MAX_KEYS; i++) {
            text.append("k").append(i).append(':').append(TestKeys.base64(i + 1)).append(',');
        }
        assertThatThrownBy(() -> KekRing.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most");
    }

    @Test
    void rotationKeepsOlderKeysForUnwrappingAndRetiresThemExplicitly() {
        KekRing ring = KekRing.of("k1", TestKeys.filled(1));

        KekRing rotated = ring.withCurrent("k2", TestKeys.filled(2));
        assertThat(rotated.kids()).containsExactly("k2", "k1");
        assertThat(ring.kids()).containsExactly("k1");

        KekRing staged = ring.withOlder("k2", TestKeys.filled(2));
        assertThat(staged.currentKid()).isEqualTo("k1");

        assertThat(rotated.without("k1").kids()).containsExactly("k2");
        assertThatThrownBy(() -> rotated.without("k2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenUnknownKidThenUnknownKeyException() {
        KekRing ring = KekRing.of("k1", TestKeys.filled(1));

        assertThatThrownBy(() -> ring.key("k9")).isInstanceOf(UnknownKeyException.class)
                .satisfies(e -> assertThat(((UnknownKeyException) e).kid()).isEqualTo("k9"));
    }

    @Test
    void toStringShowsKidsButNoKeyMaterial() {
        KekRing ring = KekRing.parse("k2:" + TestKeys.base64(2) + ",k1:" + TestKeys.base64(1));

        assertThat(ring.toString()).isEqualTo("KekRing[current=k2, kids=[k2, k1]]")
                .doesNotContain(TestKeys.base64(2)).doesNotContain(TestKeys.base64(1));
    }

    @Test
    void keyBytesAreCopiedSoCallersCanOverwriteTheirs() throws Exception {
        byte[] key = TestKeys.filled(7);
        KekRing ring = KekRing.of("k1", key);
        key[0] = 0;

        assertThat(ring.key("k1").getEncoded()).isEqualTo(TestKeys.filled(7));
    }
}
