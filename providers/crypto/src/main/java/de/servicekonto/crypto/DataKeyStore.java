package de.servicekonto.crypto;

import java.util.List;
import java.util.Optional;

/**
 * Where the wrapped data keys live, one per owner; each capability that encrypts content implements it (the Postfach
 * with a JPA entity). It sees wrapped keys only and never a key-encryption key.
 *
 * <p><b>Crypto-shredding.</b> {@link #destroy} is what makes an owner's encrypted content unreadable for good: once
 * the wrapped key is gone, no key in the vault opens that content again. Implementations must therefore delete the
 * row (not mark it), in the same transaction as the account's deletion, and must never bring a destroyed key back, in
 * particular not in {@link #replace}. Backups still hold the wrapped key until they expire; see
 * {@code docs/crypto.md} for how a key-encryption key rotation closes that gap.
 *
 * <p>Suggested columns: realm id, owner id (unique together), kid (indexed, for {@link #ownersNotWrappedWith}), and
 * {@link WrappedDataKey#toBytes()} (binary, at most 94 bytes).
 */
public interface DataKeyStore {

    /** The owner's wrapped data key, if they have one. */
    Optional<WrappedDataKey> get(KeyOwner owner);

    /**
     * Stores the key unless the owner already has one, and returns the key stored for the owner afterwards: the
     * given one, or the one another request stored first. Implementations make this atomic (a unique constraint on
     * realm id and owner id, for instance), so two first messages arriving together do not give one owner two keys.
     */
    WrappedDataKey create(KeyOwner owner, WrappedDataKey key);

    /**
     * Replaces the owner's key by {@code replacement} only if it still equals {@code expected} (after a rewrap).
     *
     * @return false, and nothing changed, if the key is another one by now or was destroyed meanwhile
     */
    boolean replace(KeyOwner owner, WrappedDataKey expected, WrappedDataKey replacement);

    /**
     * Deletes the owner's wrapped key (crypto-shredding).
     *
     * @return whether there was one
     */
    boolean destroy(KeyOwner owner);

    /**
     * Owners of the realm whose key is wrapped with another key-encryption key than {@code kid}, ordered by owner id,
     * starting after {@code afterOwnerId} (null: from the start), at most {@code limit}. Used to rewrap keys after a
     * rotation in batches.
     */
    List<String> ownersNotWrappedWith(String realmId, String kid, String afterOwnerId, int limit);
}
