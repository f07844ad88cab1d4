package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WrappedDataKeyTest {

    private static final KekRing RING = KekRing.of("k1", TestKeys.filled(1));
    private static final KeyOwner ERIKA = new KeyOwner("realm-a", "user-erika");
    private static final KeyOwner MAX = new KeyOwner("realm-a", "user-max");
    private static final AssociatedData AAD = AssociatedData.of("message", "1", "body");

    @Test
    void givenWrappedKeyThenUnwrapsToTheSameKey() throws Exception {
        DataKey key = DataKey.generate();
        WrappedDataKey wrapped = WrappedDataKey.wrap(key, RING, ERIKA);

        DataKey unwrapped = wrapped.unwrap(RING, ERIKA);

        assertThat(unwrapped.bytes()).isEqualTo(key.bytes());
        assertThat(wrapped.kid()).isEqualTo("k1");
    }

    @Test
    void givenSameKeyWrappedTwiceThenDifferentBytes() {
        DataKey key = DataKey.generate();

        assertThat(WrappedDataKey.wrap(key, RING, ERIKA)).isNotEqualTo(WrappedDataKey.wrap(key, RING, ERIKA));
    }

    @Test
    void serialisedFormHasVersionKidNonceAndSealedKey() throws Exception {
        WrappedDataKey wrapped = WrappedDataKey.wrap(DataKey.generate(), RING, ERIKA);
        byte[] bytes = wrapped.toBytes();

        assertThat(bytes).hasSize(1 + 1 + 2 + 12 + 32 + 16);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(bytes[1]).isEqualTo((byte) 2);
        assertThat(new String(bytes, 2, 2, StandardCharsets.US_ASCII)).isEqualTo("k1");
        assertThat(WrappedDataKey.fromBytes(bytes)).isEqualTo(wrapped);
        assertThat(WrappedDataKey.fromBase64(wrapped.toBase64())).isEqualTo(wrapped);
        assertThat(WrappedDataKey.fromBytes(bytes).unwrap(RING, ERIKA).bytes()).isEqualTo(wrapped.unwrap(RING, ERIKA).bytes());
    }

    @Test
    void givenAnyBitFlippedThenDoesNotUnwrap() throws Exception {
        byte[] bytes = WrappedDataKey.wrap(DataKey.generate(), RING, ERIKA).toBytes();

        // Flipping the kid's bits gives an unknown kid or a malformed kid; every other position fails the tag.
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] changed = bytes.clone();
                changed[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> WrappedDataKey.fromBytes(changed).unwrap(RING, ERIKA))
                        .as("byte %d bit %d", i, bit).isInstanceOf(DecryptionException.class);
            }
        }
    }

    @Test
    void givenKeyCopiedToAnotherOwnerOrRealmThenDoesNotUnwrap() {
        WrappedDataKey wrapped = WrappedDataKey.wrap(DataKey.generate(), RING, ERIKA);

        assertThatThrownBy(() -> wrapped.unwrap(RING, MAX)).isInstanceOf(DecryptionException.class)
                .isNotInstanceOf(UnknownKeyException.class);
        assertThatThrownBy(() -> wrapped.unwrap(RING, new KeyOwner("realm-b", "user-erika")))
                .isInstanceOf(DecryptionException.class);
        // Realm and owner are encoded with lengths, so moving characters between them does not match either.
        assertThatThrownBy(() -> wrapped.unwrap(RING, new KeyOwner("realm-au", "ser-erika")))
                .isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenOtherKeyUnderTheSameKidThenDoesNotUnwrap() {
        WrappedDataKey wrapped = WrappedDataKey.wrap(DataKey.generate(), RING, ERIKA);

        assertThatThrownBy(() -> wrapped.unwrap(KekRing.of("k1", TestKeys.filled(9)), ERIKA))
                .isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenRingWithoutTheKidThenUnknownKeyException() {
        WrappedDataKey wrapped = WrappedDataKey.wrap(DataKey.generate(), RING, ERIKA);

        assertThatThrownBy(() -> wrapped.unwrap(KekRing.of("k2", TestKeys.filled(2)), ERIKA))
                .isInstanceOf(UnknownKeyException.class).hasMessageContaining("k1");
    }

    @Test
    void givenRotationThenRewrapUsesNewKidAndOldContentStillDecrypts() throws Exception {
        DataKey key = DataKey.generate();
        WrappedDataKey old = WrappedDataKey.wrap(key, RING, ERIKA);
        byte[] content = ContentCipher.encrypt(key, "Bescheid".getBytes(StandardCharsets.UTF_8), AAD);
        KekRing rotated = RING.withCurrent("k2", TestKeys.filled(2));

        WrappedDataKey rewrapped = old.rewrap(rotated, ERIKA);

        assertThat(rewrapped.kid()).isEqualTo("k2");
        assertThat(WrappedDataKey.wrap(DataKey.generate(), rotated, ERIKA).kid()).isEqualTo("k2");
        // Once every key is rewrapped, the old KEK can go: the content itself was never re-encrypted.
        KekRing retired = rotated.without("k1");
        assertThat(ContentCipher.decrypt(rewrapped.unwrap(retired, ERIKA), content, AAD)).asString().isEqualTo("Bescheid");
        assertThat(old.unwrap(rotated, ERIKA).bytes()).isEqualTo(key.bytes());
        assertThatThrownBy(() -> old.unwrap(retired, ERIKA)).isInstanceOf(UnknownKeyException.class);
    }

    @Test
    void givenNodeWithTheStagedRingThenItReadsKeysANodeWithTheActivatedRingWrote() throws Exception {
        // docs/crypto.md, rotation step 1 and 2: the new key is known everywhere before anyone wraps with it.
        KekRing staged = KekRing.parse("k1:" + TestKeys.base64(1) + ",k2:" + TestKeys.base64(2));
        KekRing activated = KekRing.parse("k2:" + TestKeys.base64(2) + ",k1:" + TestKeys.base64(1));
        DataKey key = DataKey.generate();

        WrappedDataKey wrappedByActivatedNode = WrappedDataKey.wrap(key, activated, ERIKA);

        assertThat(WrappedDataKey.wrap(key, staged, ERIKA).kid()).isEqualTo("k1");
        assertThat(wrappedByActivatedNode.kid()).isEqualTo("k2");
        assertThat(wrappedByActivatedNode.unwrap(staged, ERIKA).bytes()).isEqualTo(key.bytes());
        assertThatThrownBy(() -> wrappedByActivatedNode.unwrap(RING, ERIKA)).isInstanceOf(UnknownKeyException.class);
    }

    @Test
    void givenKeyAlreadyUnderCurrentKidThenRewrapIsNoOp() throws Exception {
        WrappedDataKey wrapped = WrappedDataKey.wrap(DataKey.generate(), RING, ERIKA);

        assertThat(wrapped.rewrap(RING, ERIKA)).isSameAs(wrapped);
    }

    @Test
    void givenMalformedSerialisedFormThenRefused() {
        byte[] good = WrappedDataKey.wrap(DataKey.generate(), RING, ERIKA).toBytes();

        assertThatThrownBy(() -> WrappedDataKey.fromBytes(new byte[0])).isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> WrappedDataKey.fromBytes(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> WrappedDataKey.fromBytes(Arrays.copyOf(good, good.length + 1)))
                .isInstanceOf(DecryptionException.class);
        byte[] otherVersion = good.clone();
        otherVersion[0] = 2;
        assertThatThrownBy(() -> WrappedDataKey.fromBytes(otherVersion)).isInstanceOf(DecryptionException.class)
                .hasMessageContaining("version");
        byte[] badKid = good.clone();
        badKid[2] = '/';
        assertThatThrownBy(() -> WrappedDataKey.fromBytes(badKid)).isInstanceOf(DecryptionException.class);
        assertThatThrownBy(() -> WrappedDataKey.fromBase64("***")).isInstanceOf(DecryptionException.class);
    }

    @Test
    void serialisedFormIsCopiedInAndOut() throws Exception {
        WrappedDataKey wrapped = WrappedDataKey.wrap(DataKey.generate(), RING, ERIKA);
        byte[] out = wrapped.toBytes();
        out[out.length - 1] ^= 1;
        assertThat(wrapped.unwrap(RING, ERIKA)).isNotNull();

        byte[] in = wrapped.toBytes();
        WrappedDataKey read = WrappedDataKey.fromBytes(in);
        in[in.length - 1] ^= 1;
        assertThat(read.unwrap(RING, ERIKA)).isNotNull();
    }

    @Test
    void toStringShowsTheKidOnly() {
        DataKey key = DataKey.generate();
        assertThat(WrappedDataKey.wrap(key, RING, ERIKA)).hasToString("WrappedDataKey[kid=k1]");
        assertThat(key).hasToString("DataKey[redacted]");
    }
}
