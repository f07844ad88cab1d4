package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataKeysTest {

    private static final KekRing RING_1 = KekRing.of("k1", TestKeys.filled(1));
    private static final KekRing RING_2 = RING_1.withCurrent("k2", TestKeys.filled(2));
    private static final AssociatedData BODY = AssociatedData.of("postfach-message", "m-1", "body");
    private static final AssociatedData FILE = AssociatedData.of("postfach-attachment", "a-1");

    private final InMemoryDataKeyStore store = new InMemoryDataKeyStore();

    @Test
    void givenNewOwnerThenKeyIsCreatedOnceAndStoredWrappedOnly() throws Exception {
        DataKeys keys = new DataKeys("realm-a", RING_1, store);

        DataKey first = keys.getOrCreate("erika");
        DataKey again = keys.getOrCreate("erika");

        assertThat(again.bytes()).isEqualTo(first.bytes());
        assertThat(store.keys()).hasSize(1);
        WrappedDataKey stored = store.keys().get(new KeyOwner("realm-a", "erika"));
        assertThat(stored.kid()).isEqualTo("k1");
        assertThat(indexOf(stored.toBytes(), first.bytes())).as("plain key bytes in the store").isNegative();
        assertThat(keys.find("erika")).get().satisfies(k -> assertThat(k.bytes()).isEqualTo(first.bytes()));
        assertThat(keys.find("max")).isEmpty();
    }

    @Test
    void givenOtherOwnersOrRealmsThenEachHasItsOwnKey() throws Exception {
        DataKey erika = new DataKeys("realm-a", RING_1, store).getOrCreate("erika");
        DataKey max = new DataKeys("realm-a", RING_1, store).getOrCreate("max");
        DataKey erikaElsewhere = new DataKeys("realm-b", RING_1, store).getOrCreate("erika");

        assertThat(erika.bytes()).isNotEqualTo(max.bytes()).isNotEqualTo(erikaElsewhere.bytes());
    }

    @Test
    void givenAnotherRequestCreatedTheKeyFirstThenItsKeyIsUsed() throws Exception {
        KeyOwner owner = new KeyOwner("realm-a", "erika");
        DataKey winner = DataKey.generate();
        // A store in which another node's insert lands between our lookup and our insert.
        DataKeyStore racing = new InMemoryDataKeyStore() {
            @Override
            public WrappedDataKey create(KeyOwner o, WrappedDataKey key) {
                super.create(o, WrappedDataKey.wrap(winner, RING_1, o));
                return super.create(o, key);
            }
        };

        DataKey used = new DataKeys("realm-a", RING_1, racing).getOrCreate(owner.ownerId());

        assertThat(used.bytes()).isEqualTo(winner.bytes());
    }

    @Test
    void givenShreddedOwnerThenContentIsUnreadableForGood() throws Exception {
        DataKeys keys = new DataKeys("realm-a", RING_1, store);
        byte[] body = ContentCipher.encrypt(keys.getOrCreate("erika"), "geheim".getBytes(StandardCharsets.UTF_8), BODY);

        assertThat(keys.shred("erika")).isTrue();

        assertThat(keys.find("erika")).isEmpty();
        assertThat(keys.shred("erika")).isFalse();
        // A new key for the same id (a new account) does not open the old content.
        DataKey next = keys.getOrCreate("erika");
        assertThatThrownBy(() -> ContentCipher.decrypt(next, body, BODY)).isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenRotationThenOldContentStaysReadableAndAllKeysAreRewrappedInBatches() throws Exception {
        DataKeys before = new DataKeys("realm-a", RING_1, store);
        List<String> owners = List.of("o1", "o2", "o3", "o4", "o5");
        List<byte[]> bodies = new ArrayList<>();
        List<byte[]> files = new ArrayList<>();
        for (String owner : owners) {
            DataKey key = before.getOrCreate(owner);
            bodies.add(ContentCipher.encrypt(key, owner.getBytes(StandardCharsets.UTF_8), BODY));
            files.add(encryptStream(key, new byte[70_000]));
        }
        new DataKeys("realm-b", RING_1, store).getOrCreate("other-realm");

        DataKeys after = new DataKeys("realm-a", RING_2, store);
        assertThat(after.getOrCreate("new-owner")).isNotNull();
        assertThat(store.keys().get(new KeyOwner("realm-a", "new-owner")).kid()).isEqualTo("k2");

        // Batches of two, as a scheduled task would run them, one transaction per owner.
        int rewrapped = 0;
        String after0 = null;
        for (List<String> batch = after.ownersToRewrap(after0, 2); !batch.isEmpty(); batch = after.ownersToRewrap(after0, 2)) {
            assertThat(batch).hasSizeLessThanOrEqualTo(2);
            for (String owner : batch) {
                assertThat(after.rewrap(owner)).isTrue();
                rewrapped++;
                after0 = owner;
            }
        }
        assertThat(rewrapped).isEqualTo(owners.size());
        assertThat(after.ownersToRewrap(null, 100)).isEmpty();
        assertThat(store.keys().get(new KeyOwner("realm-b", "other-realm")).kid()).as("other realm untouched").isEqualTo("k1");

        // The old KEK can now be retired; all content, never re-encrypted, still opens.
        DataKeys retired = new DataKeys("realm-a", RING_2.without("k1"), store);
        for (int i = 0; i < owners.size(); i++) {
            DataKey key = retired.find(owners.get(i)).orElseThrow();
            assertThat(ContentCipher.decrypt(key, bodies.get(i), BODY)).asString(StandardCharsets.UTF_8)
                    .isEqualTo(owners.get(i));
            assertThat(decryptStream(key, files.get(i))).hasSize(70_000);
        }
    }

    @Test
    void rewrapIsANoOpForCurrentMissingOrConcurrentlyShreddedKeys() throws Exception {
        new DataKeys("realm-a", RING_1, store).getOrCreate("erika");
        DataKeys rotated = new DataKeys("realm-a", RING_2, store);
        rotated.getOrCreate("max");

        assertThat(rotated.rewrap("max")).as("already current").isFalse();
        assertThat(rotated.rewrap("nobody")).isFalse();

        // The account is deleted while the rewrap task works on it: the key must stay destroyed.
        DataKeyStore shreddingMeanwhile = new InMemoryDataKeyStore() {
            {
                keys().putAll(store.keys());
            }

            @Override
            public boolean replace(KeyOwner owner, WrappedDataKey expected, WrappedDataKey replacement) {
                destroy(owner);
                return super.replace(owner, expected, replacement);
            }
        };
        DataKeys racing = new DataKeys("realm-a", RING_2, shreddingMeanwhile);
        assertThat(racing.rewrap("erika")).isFalse();
        assertThat(racing.find("erika")).isEmpty();
    }

    @Test
    void givenKeyWrappedWithARetiredKekThenRewrapReportsTheUnknownKid() throws Exception {
        new DataKeys("realm-a", RING_1, store).getOrCreate("erika");
        DataKeys tooEarly = new DataKeys("realm-a", RING_2.without("k1"), store);

        assertThatThrownBy(() -> tooEarly.rewrap("erika")).isInstanceOf(UnknownKeyException.class)
                .hasMessageContaining("k1");
        assertThatThrownBy(() -> tooEarly.find("erika")).isInstanceOf(UnknownKeyException.class);
    }

    @Test
    void givenKeyRowCopiedToAnotherOwnerThenItDoesNotOpen() throws Exception {
        new DataKeys("realm-a", RING_1, store).getOrCreate("erika");
        store.keys().put(new KeyOwner("realm-a", "mallory"), store.keys().get(new KeyOwner("realm-a", "erika")));

        assertThatThrownBy(() -> new DataKeys("realm-a", RING_1, store).find("mallory"))
                .isInstanceOf(DecryptionException.class);
    }

    @Test
    void givenBadArgumentsThenRefused() {
        DataKeys keys = new DataKeys("realm-a", RING_1, store);

        assertThatThrownBy(() -> keys.getOrCreate(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.getOrCreate("x".repeat(256))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.ownersToRewrap(null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataKeys(null, RING_1, store)).isInstanceOf(NullPointerException.class);
        assertThat(keys.toString()).doesNotContain(TestKeys.base64(1)).contains("k1");
    }

    private static byte[] encryptStream(DataKey key, byte[] plain) throws Exception {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = StreamCipher.encryptingStream(sink, key, FILE)) {
            out.write(plain);
        }
        return sink.toByteArray();
    }

    private static byte[] decryptStream(DataKey key, byte[] sealed) throws Exception {
        try (InputStream in = StreamCipher.decryptingStream(new ByteArrayInputStream(sealed), key, FILE)) {
            return in.readAllBytes();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
