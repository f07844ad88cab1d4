package de.servicekonto.postfach.jpa;

import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.crypto.DataKeyStore;
import de.servicekonto.crypto.KeyOwner;
import de.servicekonto.crypto.WrappedDataKey;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The Postfach's {@link DataKeyStore} on table {@code SK_PF_DATA_KEY}. The row id is a hash of realm and owner, so
 * "first key wins" is the primary key's uniqueness; {@link #destroy} deletes the row (crypto-shredding).
 */
public final class JpaDataKeyStore implements DataKeyStore {

    private final JpaPostfachStore store;
    private final EntityManager em;

    JpaDataKeyStore(JpaPostfachStore store) {
        this.store = store;
        this.em = store.entityManager();
    }

    @Override
    public Optional<WrappedDataKey> get(KeyOwner owner) {
        DataKeyEntity row = em.find(DataKeyEntity.class, id(owner));
        if (row == null || !row.getRealmId().equals(owner.realmId()) || !row.getOwnerId().equals(owner.ownerId())) {
            return Optional.empty();
        }
        try {
            return Optional.of(WrappedDataKey.fromBase64(row.getWrapped()));
        } catch (DecryptionException | IllegalArgumentException e) {
            throw new IllegalStateException("stored data key of an owner is not readable", e);
        }
    }

    @Override
    public WrappedDataKey create(KeyOwner owner, WrappedDataKey key) {
        Optional<WrappedDataKey> existing = get(owner);
        if (existing.isPresent()) {
            return existing.get();
        }
        store.insertSeparately(s -> new DataKeyEntity(id(owner), owner.realmId(), owner.ownerId(), key.kid(), key.toBase64()));
        return get(owner).orElseThrow(() -> new IllegalStateException("data key not stored"));
    }

    @Override
    public boolean replace(KeyOwner owner, WrappedDataKey expected, WrappedDataKey replacement) {
        int updated = em.createNamedQuery("skPfReplaceDataKey").setParameter("id", id(owner))
                .setParameter("kid", replacement.kid()).setParameter("wrapped", replacement.toBase64())
                .setParameter("expected", expected.toBase64()).executeUpdate();
        return updated == 1;
    }

    @Override
    public boolean destroy(KeyOwner owner) {
        DataKeyEntity row = em.find(DataKeyEntity.class, id(owner));
        if (row != null) {
            em.detach(row);
        }
        return em.createNamedQuery("skPfDeleteDataKey").setParameter("id", id(owner)).executeUpdate() == 1;
    }

    @Override
    public List<String> ownersNotWrappedWith(String realmId, String kid, String afterOwnerId, int limit) {
        return em.createNamedQuery("skPfDataKeyOwnersNotWrappedWith", String.class).setParameter("realm", realmId)
                .setParameter("kid", kid).setParameter("after", afterOwnerId == null ? "" : afterOwnerId)
                .setMaxResults(limit).getResultList();
    }

    /** SHA-256 of realm and owner, hex (64 characters): fixed length whatever the ids look like. */
    static String id(KeyOwner owner) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(owner.realmId().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(owner.ownerId().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
