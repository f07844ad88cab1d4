package de.servicekonto.dokumentensafe.jpa;

import de.servicekonto.crypto.DataKeyStore;
import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.crypto.KeyOwner;
import de.servicekonto.crypto.WrappedDataKey;
import de.servicekonto.dokumentensafe.keycloak.SafeLifecycle;
import de.servicekonto.dokumentensafe.spi.SafeStore;
import de.servicekonto.dokumentensafe.spi.SafeStoreFactory;
import de.servicekonto.dokumentensafe.spi.StoredDocument;
import de.servicekonto.dokumentensafe.spi.StoredFolder;
import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.dokumentensafe.spi.StoredUpload;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Blob;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Hibernate;
import org.keycloak.Config;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** The {@link SafeStore} on Keycloak's database (tables {@code SK_DS_*}, changelog {@code sk-dokumentensafe-changelog.xml}). */
public final class JpaSafeStore implements SafeStore {

    private final EntityManager em;

    JpaSafeStore(EntityManager em) {
        this.em = em;
    }

    // --- safes and keys ---

    @Override
    public Optional<StoredSafe> safe(String realmId, String ownerKind, String ownerId) {
        return entity(realmId, ownerKind, ownerId).map(JpaSafeStore::record);
    }

    private Optional<SafeEntity> entity(String realmId, String ownerKind, String ownerId) {
        return em.createNamedQuery("skDsSafeOfOwner", SafeEntity.class).setParameter("realm", realmId)
                .setParameter("kind", ownerKind).setParameter("owner", ownerId).getResultStream().findFirst();
    }

    @Override
    public StoredSafe safeOrCreate(String realmId, String ownerKind, String ownerId) {
        return safe(realmId, ownerKind, ownerId).orElseGet(() -> {
            // In the request's transaction: a refused upload rolls the new safe back with it. Two first uploads at
            // once collide on the unique owner constraint; the shared RequestRunner answers the loser 409.
            SafeEntity row = new SafeEntity(UUID.randomUUID().toString(), realmId, ownerKind, ownerId, System.currentTimeMillis());
            em.persist(row);
            em.flush();
            return record(row);
        });
    }

    @Override
    public DataKeyStore dataKeyStore() {
        return new SafeKeys();
    }

    @Override
    public void lockSafe(String realmId, String safeId) {
        SafeEntity row = em.find(SafeEntity.class, safeId, LockModeType.PESSIMISTIC_WRITE);
        if (row == null || !row.getRealmId().equals(realmId)) {
            throw new IllegalStateException("safe gone");
        }
    }

    @Override
    public void deleteSafe(StoredSafe safe) {
        for (String query : List.of("skDsDeleteSegmentsOfSafe", "skDsDeleteUploadsOfSafe", "skDsDeleteDocumentsOfSafe")) {
            em.createNamedQuery(query).setParameter("realm", safe.realmId()).setParameter("safe", safe.id()).executeUpdate();
        }
        em.createNamedQuery("skDsDeleteFoldersOfSafe").setParameter("realm", safe.realmId()).setParameter("safe", safe.id())
                .executeUpdate();
        SafeEntity row = em.find(SafeEntity.class, safe.id());
        if (row != null) {
            em.remove(row);
        }
        em.flush();
    }

    @Override
    public void deleteRealm(String realmId) {
        em.createNamedQuery("skDsDeleteSegmentsOfRealm").setParameter("realm", realmId).executeUpdate();
        em.createNamedQuery("skDsDeleteUploadsOfRealm").setParameter("realm", realmId).executeUpdate();
        em.createNamedQuery("skDsDeleteDocumentsOfRealm").setParameter("realm", realmId).executeUpdate();
        em.createNamedQuery("skDsDeleteFoldersOfRealm").setParameter("realm", realmId).executeUpdate();
        em.createNamedQuery("skDsDeleteSafesOfRealm").setParameter("realm", realmId).executeUpdate();
    }

    // --- documents ---

    @Override
    public long usedBytes(String realmId, String safeId) {
        return ((Number) em.createNamedQuery("skDsUsedBytes").setParameter("realm", realmId).setParameter("safe", safeId)
                .getSingleResult()).longValue();
    }

    @Override
    public long documentCount(String realmId, String safeId) {
        return ((Number) em.createNamedQuery("skDsDocumentCount").setParameter("realm", realmId).setParameter("safe", safeId)
                .getSingleResult()).longValue();
    }

    @Override
    public StoredDocument addDocument(StoredDocument d) {
        DocumentEntity row = new DocumentEntity(d.id(), d.realmId(), d.safeId(), d.folderId(), d.nameEnc(), d.mimeType(),
                d.size(), d.createdAt(), d.minLoa());
        em.persist(row);
        em.flush();
        return record(row);
    }

    @Override
    public Optional<StoredDocument> document(String realmId, String safeId, String id) {
        return documentEntity(realmId, safeId, id).map(JpaSafeStore::record);
    }

    private Optional<DocumentEntity> documentEntity(String realmId, String safeId, String id) {
        return em.createNamedQuery("skDsDocument", DocumentEntity.class).setParameter("realm", realmId)
                .setParameter("safe", safeId).setParameter("id", id).getResultStream().findFirst();
    }

    private DocumentEntity documentEntity(StoredDocument d) {
        return documentEntity(d.realmId(), d.safeId(), d.id()).orElseThrow(() -> new IllegalStateException("document gone"));
    }

    // --- content segments ---

    @Override
    public void addSegment(String realmId, String safeId, String contentId, int index, InputStream ciphertext, long length) {
        // A stream of known length: Hibernate hands it to the driver (setBinaryStream), which copies it into the
        // database in pieces; a segment is never one array in memory. The flush writes it while the stream is open.
        em.persist(new SegmentEntity(UUID.randomUUID().toString(), realmId, safeId, contentId, index,
                Hibernate.getLobHelper().createBlob(ciphertext, length)));
        em.flush();
    }

    @Override
    public int segmentCount(String realmId, String safeId, String contentId) {
        return ((Number) em.createNamedQuery("skDsSegmentCount").setParameter("realm", realmId).setParameter("safe", safeId)
                .setParameter("content", contentId).getSingleResult()).intValue();
    }

    @Override
    public Optional<byte[]> segmentPiece(String realmId, String safeId, String contentId, int index, long offset, int max)
            throws IOException {
        Optional<SegmentEntity> row = em.createNamedQuery("skDsSegment", SegmentEntity.class).setParameter("realm", realmId)
                .setParameter("safe", safeId).setParameter("content", contentId).setParameter("index", index)
                .getResultStream().findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        try {
            // A range of the BLOB: PostgreSQL seeks in the large object, H2 skips to the offset in its LOB storage.
            Blob blob = row.get().getContent();
            long length = blob.length();
            if (offset >= length) {
                return Optional.of(new byte[0]);
            }
            return Optional.of(blob.getBytes(offset + 1, (int) Math.min(max, length - offset)));
        } catch (SQLException e) {
            throw new IOException("document content not readable", e);
        }
    }

    @Override
    public void deleteSegments(String realmId, String safeId, String contentId) {
        em.createNamedQuery("skDsDeleteSegments").setParameter("realm", realmId).setParameter("safe", safeId)
                .setParameter("content", contentId).executeUpdate();
    }

    // --- upload sessions ---

    @Override
    public void addUpload(StoredUpload u) {
        em.persist(new UploadEntity(u.id(), u.realmId(), u.safeId(), u.folderId(), u.nameEnc(), u.mimeType(), u.size(),
                u.parts(), u.received(), u.createdAt(), u.expiresAt()));
        em.flush();
    }

    @Override
    public Optional<StoredUpload> upload(String realmId, String safeId, String id) {
        return em.createNamedQuery("skDsUpload", UploadEntity.class).setParameter("realm", realmId).setParameter("safe", safeId)
                .setParameter("id", id).getResultStream().findFirst().map(JpaSafeStore::record);
    }

    @Override
    public long uploadCount(String realmId, String safeId) {
        return ((Number) em.createNamedQuery("skDsUploadCount").setParameter("realm", realmId).setParameter("safe", safeId)
                .getSingleResult()).longValue();
    }

    @Override
    public long reservedBytes(String realmId, String safeId) {
        return ((Number) em.createNamedQuery("skDsReservedBytes").setParameter("realm", realmId).setParameter("safe", safeId)
                .getSingleResult()).longValue();
    }

    @Override
    public boolean partReceived(StoredUpload upload, int index) {
        return em.createNamedQuery("skDsPartReceived").setParameter("id", upload.id()).setParameter("realm", upload.realmId())
                .setParameter("safe", upload.safeId()).setParameter("index", index).setParameter("next", index + 1)
                .executeUpdate() == 1;
    }

    @Override
    public boolean deleteUpload(StoredUpload upload) {
        return em.createNamedQuery("skDsDeleteUpload").setParameter("id", upload.id()).setParameter("realm", upload.realmId())
                .setParameter("safe", upload.safeId()).executeUpdate() == 1;
    }

    @Override
    public List<StoredUpload> expiredUploads(String realmId, long before, int limit) {
        return em.createNamedQuery("skDsExpiredUploads", UploadEntity.class).setParameter("realm", realmId)
                .setParameter("before", before).setMaxResults(limit).getResultStream().map(JpaSafeStore::record).toList();
    }

    @Override
    public List<StoredDocument> documents(String realmId, String safeId, String folderId, boolean inTrash, int first, int max) {
        TypedQuery<DocumentEntity> query;
        if (inTrash) {
            query = em.createNamedQuery("skDsDocumentsInTrash", DocumentEntity.class);
        } else if (folderId == null) {
            query = em.createNamedQuery("skDsDocumentsAtTop", DocumentEntity.class);
        } else {
            query = em.createNamedQuery("skDsDocumentsOfFolder", DocumentEntity.class).setParameter("folder", folderId);
        }
        return query.setParameter("realm", realmId).setParameter("safe", safeId).setFirstResult(first).setMaxResults(max)
                .getResultStream().map(JpaSafeStore::record).toList();
    }

    @Override
    public List<StoredDocument> recentDocuments(String realmId, String safeId, int max) {
        return em.createNamedQuery("skDsRecentDocuments", DocumentEntity.class).setParameter("realm", realmId)
                .setParameter("safe", safeId).setMaxResults(max).getResultStream().map(JpaSafeStore::record).toList();
    }

    @Override
    public void renameDocument(StoredDocument document, String nameEnc) {
        documentEntity(document).setNameEnc(nameEnc);
    }

    @Override
    public void moveDocument(StoredDocument document, String folderId) {
        documentEntity(document).setFolderId(folderId);
    }

    @Override
    public void trashDocument(StoredDocument document, long at) {
        documentEntity(document).setDeletedAt(at);
    }

    @Override
    public void restoreDocument(StoredDocument document) {
        documentEntity(document).setDeletedAt(null);
    }

    @Override
    public void deleteDocument(StoredDocument document) {
        deleteSegments(document.realmId(), document.safeId(), document.id());
        em.remove(documentEntity(document));
    }

    @Override
    public int purgeTrash(String realmId, long before, int limit) {
        List<DocumentEntity> expired = em.createNamedQuery("skDsExpiredInTrash", DocumentEntity.class)
                .setParameter("realm", realmId).setParameter("before", before).setMaxResults(limit).getResultList();
        expired.forEach(d -> deleteDocument(record(d)));
        return expired.size();
    }

    // --- folders ---

    @Override
    public void addFolder(StoredFolder f) {
        em.persist(new FolderEntity(f.id(), f.realmId(), f.safeId(), f.parentId(), f.nameEnc(), f.createdAt()));
    }

    @Override
    public List<StoredFolder> folders(String realmId, String safeId) {
        return em.createNamedQuery("skDsFoldersOfSafe", FolderEntity.class).setParameter("realm", realmId)
                .setParameter("safe", safeId).getResultStream().map(JpaSafeStore::record).toList();
    }

    private FolderEntity folderEntity(StoredFolder folder) {
        FolderEntity row = em.find(FolderEntity.class, folder.id());
        if (row == null || !row.getSafeId().equals(folder.safeId()) || !row.getRealmId().equals(folder.realmId())) {
            throw new IllegalStateException("folder gone");
        }
        return row;
    }

    @Override
    public void renameFolder(StoredFolder folder, String nameEnc) {
        folderEntity(folder).setNameEnc(nameEnc);
    }

    @Override
    public void moveFolder(StoredFolder folder, String parentId) {
        folderEntity(folder).setParentId(parentId);
    }

    @Override
    public boolean folderEmpty(StoredFolder folder) {
        long documents = ((Number) em.createNamedQuery("skDsDocumentsInFolder").setParameter("realm", folder.realmId())
                .setParameter("safe", folder.safeId()).setParameter("folder", folder.id()).getSingleResult()).longValue();
        long folders = ((Number) em.createNamedQuery("skDsSubfolders").setParameter("realm", folder.realmId())
                .setParameter("safe", folder.safeId()).setParameter("parent", folder.id()).getSingleResult()).longValue();
        return documents == 0 && folders == 0;
    }

    @Override
    public void deleteFolder(StoredFolder folder) {
        em.remove(folderEntity(folder));
    }

    @Override
    public void close() {
    }

    private static StoredSafe record(SafeEntity s) {
        return new StoredSafe(s.getId(), s.getRealmId(), s.getOwnerKind(), s.getOwnerId(), s.getCreatedAt());
    }

    private static StoredDocument record(DocumentEntity d) {
        return new StoredDocument(d.getId(), d.getRealmId(), d.getSafeId(), d.getFolderId(), d.getNameEnc(),
                d.getMimeType(), d.getSize(), d.getCreatedAt(), d.getDeletedAt(), d.getMinLoa());
    }

    private static StoredUpload record(UploadEntity u) {
        return new StoredUpload(u.getId(), u.getRealmId(), u.getSafeId(), u.getFolderId(), u.getNameEnc(), u.getMimeType(),
                u.getSize(), u.getParts(), u.getReceived(), u.getCreatedAt(), u.getExpiresAt());
    }

    private static StoredFolder record(FolderEntity f) {
        return new StoredFolder(f.getId(), f.getRealmId(), f.getSafeId(), f.getParentId(), f.getNameEnc(), f.getCreatedAt());
    }

    /**
     * The data keys, kept in their safe's row: the key owner id is the owner's kind and id ({@code Owner.keyOwner}).
     * "First key wins" is an update that only fills an empty key; destroying empties it (and deleting the safe
     * removes the row with it).
     */
    private final class SafeKeys implements DataKeyStore {

        private Optional<SafeEntity> safeOf(KeyOwner owner) {
            int colon = owner.ownerId().indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            return entity(owner.realmId(), owner.ownerId().substring(0, colon), owner.ownerId().substring(colon + 1));
        }

        @Override
        public Optional<WrappedDataKey> get(KeyOwner owner) {
            Optional<SafeEntity> safe = safeOf(owner);
            if (safe.isEmpty()) {
                return Optional.empty();
            }
            em.refresh(safe.get()); // the key may have been set by a bulk update in this transaction
            String wrapped = safe.get().getWrappedKey();
            if (wrapped == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(WrappedDataKey.fromBase64(wrapped));
            } catch (DecryptionException | IllegalArgumentException e) {
                throw new IllegalStateException("stored data key of a safe is not readable", e);
            }
        }

        @Override
        public WrappedDataKey create(KeyOwner owner, WrappedDataKey key) {
            SafeEntity safe = safeOf(owner).orElseThrow(() -> new IllegalStateException("a data key needs its safe"));
            em.createNamedQuery("skDsSetKey").setParameter("id", safe.getId()).setParameter("kid", key.kid())
                    .setParameter("wrapped", key.toBase64()).executeUpdate();
            return get(owner).orElseThrow(() -> new IllegalStateException("data key not stored"));
        }

        @Override
        public boolean replace(KeyOwner owner, WrappedDataKey expected, WrappedDataKey replacement) {
            return safeOf(owner).map(safe -> em.createNamedQuery("skDsReplaceKey").setParameter("id", safe.getId())
                    .setParameter("kid", replacement.kid()).setParameter("wrapped", replacement.toBase64())
                    .setParameter("expected", expected.toBase64()).executeUpdate() == 1).orElse(false);
        }

        @Override
        public boolean destroy(KeyOwner owner) {
            return safeOf(owner).map(safe -> em.createNamedQuery("skDsDropKey").setParameter("id", safe.getId())
                    .executeUpdate() == 1).orElse(false);
        }

        @Override
        public List<String> ownersNotWrappedWith(String realmId, String kid, String afterOwnerId, int limit) {
            return em.createNamedQuery("skDsKeysNotWrappedWith", String.class).setParameter("realm", realmId)
                    .setParameter("kid", kid).setParameter("after", afterOwnerId == null ? "" : afterOwnerId)
                    .setMaxResults(limit).getResultList();
        }
    }

    /** The JPA store; registers the lifecycle listener, since the store owns the rows a removal must take along. */
    public static final class Factory implements SafeStoreFactory {

        public static final String ID = "sk-jpa";

        @Override
        public SafeStore create(KeycloakSession session) {
            return new JpaSafeStore(session.getProvider(JpaConnectionProvider.class).getEntityManager());
        }

        @Override
        public void init(Config.Scope config) {
        }

        @Override
        public void postInit(KeycloakSessionFactory factory) {
            factory.register(new SafeLifecycle());
        }

        @Override
        public void close() {
        }

        @Override
        public String getId() {
            return ID;
        }
    }
}
