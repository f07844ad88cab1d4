package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RewrapTest {

    private static final KekRing RING_1 = KekRing.of("k1", TestKeys.filled(1));
    private static final KekRing RING_2 = RING_1.withCurrent("k2", TestKeys.filled(2));
    private static final AssociatedData AAD = AssociatedData.of("test", "value");

    private final InMemoryDataKeyStore store = new InMemoryDataKeyStore();

    @Test
    void givenRotatedRingThenKeysMoveInBatchesAndContentOpensWithTheNewKeyAlone() throws Exception {
        DataKeys before = new DataKeys("realm-a", RING_1, store);
        String sealed = ContentCipher.encryptString(before.getOrCreate("anna"), "Bescheid", AAD);
        before.getOrCreate("bernd");
        before.getOrCreate("clara");
        new DataKeys("realm-b", RING_1, store).getOrCreate("anna");

        assertThat(Rewrap.batch("realm-a", store, () -> RING_2, 2)).isEqualTo(new Rewrap.Result(2, 0));
        assertThat(Rewrap.batch("realm-a", store, () -> RING_2, 2)).isEqualTo(new Rewrap.Result(1, 0));
        assertThat(Rewrap.batch("realm-a", store, () -> RING_2, 2)).isEqualTo(new Rewrap.Result(0, 0));

        assertThat(store.keys()).allSatisfy((owner, key) ->
                assertThat(key.kid()).isEqualTo(owner.realmId().equals("realm-a") ? "k2" : "k1"));
        DataKeys after = new DataKeys("realm-a", RING_2.without("k1"), store);
        assertThat(ContentCipher.decryptString(after.find("anna").orElseThrow(), sealed, AAD)).isEqualTo("Bescheid");
    }

    @Test
    void givenKeyWhoseRingKeyIsGoneThenItIsCountedAndTheOthersAreStillRewrapped() throws Exception {
        KekRing lost = KekRing.of("k0", TestKeys.filled(9));
        new DataKeys("realm-a", lost, store).getOrCreate("anna");
        new DataKeys("realm-a", RING_1, store).getOrCreate("bernd");

        // anna's k0 is not in the ring, bernd's k1 is: the batch passes anna and still reaches bernd.
        assertThat(Rewrap.batch("realm-a", store, () -> RING_2, 10)).isEqualTo(new Rewrap.Result(1, 1));
        assertThat(store.keys().get(new KeyOwner("realm-a", "anna")).kid()).isEqualTo("k0");
        assertThat(store.keys().get(new KeyOwner("realm-a", "bernd")).kid()).isEqualTo("k2");
    }

    @Test
    void givenRealmWithoutKeysThenItsRingIsNotRead() {
        AtomicInteger reads = new AtomicInteger();
        assertThat(Rewrap.batch("realm-a", store, () -> {
            reads.incrementAndGet();
            return RING_2;
        }, 10)).isEqualTo(new Rewrap.Result(0, 0));
        assertThat(reads).hasValue(0);
    }

    @Test
    void givenRealmWithKeysButNoRingThenNothingChanges() throws Exception {
        new DataKeys("realm-a", RING_1, store).getOrCreate("anna");
        assertThat(Rewrap.batch("realm-a", store, () -> {
            throw new IllegalStateException("the vault has no secret");
        }, 10)).isEqualTo(new Rewrap.Result(0, 0));
        assertThat(store.keys().get(new KeyOwner("realm-a", "anna")).kid()).isEqualTo("k1");
    }
}
