package de.servicekonto.crypto;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One batch of the background rewrap after a rotation of a realm's key ring (docs/crypto.md): the data keys of one
 * store still wrapped with an older key-encryption key are wrapped with the current one; the content encrypted with
 * them stays as it is. Each module with its own {@link DataKeyStore} (Postfach, Dokumentensafe) runs it from its own
 * cluster task.
 */
public final class Rewrap {

    /**
     * @param rewrapped keys now wrapped with the current key
     * @param unreadable keys that did not unwrap with the ring (their key-encryption key is gone: the operator must put
     *                   it back into the vault); skipped, so they do not block the others
     */
    public record Result(int rewrapped, int unreadable) {
        static final Result NONE = new Result(0, 0);
    }

    private Rewrap() {
    }

    /**
     * Rewraps up to {@code limit} keys of the realm. A realm with no key in this store is not even asked for its ring
     * (it may have none: a realm that does not use the module); a realm with keys but no ring (vault secret missing or
     * broken) is left alone, as its content cannot be opened either.
     *
     * @param ring the realm's key ring, read only when needed; throws {@link IllegalStateException} when there is none
     */
    public static Result batch(String realmId, DataKeyStore store, Supplier<KekRing> ring, int limit) {
        Objects.requireNonNull(realmId, "realmId");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        // No key is wrapped with the empty kid: this asks whether the store holds any key of the realm at all.
        if (store.ownersNotWrappedWith(realmId, "", null, 1).isEmpty()) {
            return Result.NONE;
        }
        DataKeys keys;
        try {
            keys = new DataKeys(realmId, ring.get(), store);
        } catch (IllegalStateException e) {
            return Result.NONE;
        }
        int rewrapped = 0;
        int unreadable = 0;
        String after = null;
        // Pages by owner id, so a key that does not unwrap is passed over, not fetched again within the batch.
        while (rewrapped + unreadable < limit) {
            List<String> owners = keys.ownersToRewrap(after, limit - rewrapped - unreadable);
            if (owners.isEmpty()) {
                break;
            }
            for (String owner : owners) {
                try {
                    if (keys.rewrap(owner)) {
                        rewrapped++;
                    }
                } catch (DecryptionException e) {
                    unreadable++;
                }
                after = owner;
            }
        }
        return new Result(rewrapped, unreadable);
    }
}
