package de.servicekonto.crypto;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The data keys of one realm's owners: created on first use, unwrapped for use, rewrapped after a rotation of the
 * realm's key-encryption keys, destroyed with the owner. Thread-safe if the store is.
 */
public final class DataKeys {

    private final String realmId;
    private final KekRing ring;
    private final DataKeyStore store;

    public DataKeys(String realmId, KekRing ring, DataKeyStore store) {
        this.realmId = Objects.requireNonNull(realmId, "realmId");
        this.ring = Objects.requireNonNull(ring, "ring");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * The owner's data key, created (and stored wrapped under the current key-encryption key) if they have none yet.
     * Use it for new content.
     */
    public DataKey getOrCreate(String ownerId) throws DecryptionException {
        KeyOwner owner = new KeyOwner(realmId, ownerId);
        Optional<WrappedDataKey> existing = store.get(owner);
        if (existing.isPresent()) {
            return existing.get().unwrap(ring, owner);
        }
        DataKey fresh = DataKey.generate();
        WrappedDataKey wrapped = WrappedDataKey.wrap(fresh, ring, owner);
        WrappedDataKey stored = store.create(owner, wrapped);
        // Another request may have created the owner's key first; everyone must use that one.
        return stored.equals(wrapped) ? fresh : stored.unwrap(ring, owner);
    }

    /** The owner's data key, or empty if they have none (never had content, or it was shredded). */
    public Optional<DataKey> find(String ownerId) throws DecryptionException {
        KeyOwner owner = new KeyOwner(realmId, ownerId);
        Optional<WrappedDataKey> wrapped = store.get(owner);
        return wrapped.isPresent() ? Optional.of(wrapped.get().unwrap(ring, owner)) : Optional.empty();
    }

    /**
     * Crypto-shredding: destroys the owner's data key, so all content encrypted with it is unreadable for good, also
     * where content rows or files are left behind. Call it when the account is deleted.
     *
     * @return whether the owner had a key
     */
    public boolean shred(String ownerId) {
        return store.destroy(new KeyOwner(realmId, ownerId));
    }

    /**
     * Owners whose key is not yet wrapped under the current key-encryption key, ordered by owner id, after
     * {@code afterOwnerId} (null: from the start), at most {@code limit}. An empty list after a full pass means the
     * older key-encryption keys are no longer needed.
     */
    public List<String> ownersToRewrap(String afterOwnerId, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return store.ownersNotWrappedWith(realmId, ring.currentKid(), afterOwnerId, limit);
    }

    /**
     * Wraps the owner's data key under the current key-encryption key. The content encrypted with it is not touched.
     *
     * @return true if the key was rewrapped; false if the owner has no key, it is already current, or it was changed
     *         or destroyed concurrently (a destroyed key stays destroyed)
     * @throws DecryptionException if the stored key does not unwrap (for example {@link UnknownKeyException})
     */
    public boolean rewrap(String ownerId) throws DecryptionException {
        KeyOwner owner = new KeyOwner(realmId, ownerId);
        Optional<WrappedDataKey> wrapped = store.get(owner);
        if (wrapped.isEmpty() || wrapped.get().kid().equals(ring.currentKid())) {
            return false;
        }
        return store.replace(owner, wrapped.get(), wrapped.get().rewrap(ring, owner));
    }

    @Override
    public String toString() {
        return "DataKeys[realm=" + realmId + ", " + ring + "]";
    }
}
