package de.servicekonto.dokumentensafe;

import de.servicekonto.crypto.DataKeyStore;
import de.servicekonto.crypto.InMemoryDataKeyStore;
import de.servicekonto.crypto.KeyOwner;
import de.servicekonto.crypto.WrappedDataKey;
import de.servicekonto.dokumentensafe.spi.SafeStore;
import de.servicekonto.dokumentensafe.spi.StoredDocument;
import de.servicekonto.dokumentensafe.spi.StoredFolder;
import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.dokumentensafe.spi.StoredUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The {@link SafeStore} in memory, for the rules' unit tests; it keeps the bytes it was given, as the database does. */
final class InMemorySafeStore implements SafeStore {

    final Map<String, StoredSafe> safes = new LinkedHashMap<>();
    final Map<String, StoredDocument> documents = new LinkedHashMap<>();
    /** Segments by "realm/safe/content/index", as the database keeps them (ciphertext). */
    final Map<String, byte[]> segments = new LinkedHashMap<>();
    final Map<String, StoredUpload> uploads = new LinkedHashMap<>();
    int locks;
    final Map<String, StoredFolder> folders = new LinkedHashMap<>();
    private final InMemoryDataKeyStore dataKeyStore = new InMemoryDataKeyStore();
    final Map<KeyOwner, WrappedDataKey> keys = dataKeyStore.keys();

    @Override
    public Optional<StoredSafe> safe(String realmId, String ownerKind, String ownerId) {
        return safes.values().stream().filter(s -> s.realmId().equals(realmId) && s.ownerKind().equals(ownerKind)
                && s.ownerId().equals(ownerId)).findFirst();
    }

    @Override
    public StoredSafe safeOrCreate(String realmId, String ownerKind, String ownerId) {
        return safe(realmId, ownerKind, ownerId).orElseGet(() -> {
            StoredSafe safe = new StoredSafe(UUID.randomUUID().toString(), realmId, ownerKind, ownerId, 0);
            safes.put(safe.id(), safe);
            return safe;
        });
    }

    @Override
    public DataKeyStore dataKeyStore() {
        return dataKeyStore;
    }

    /**
     * Runs once at the next lockSafe, before it returns: what another request committed while this one waited for
     * the lock (a race, played in order).
     */
    Runnable beforeLockReturns;
    /** Runs once after the next expiredUploads read its list: a request that committed between listing and deleting. */
    Runnable afterExpiredListed;

    @Override
    public void lockSafe(String realmId, String safeId) {
        if (!safes.containsKey(safeId)) {
            throw new IllegalStateException("safe gone");
        }
        locks++;
        Runnable other = beforeLockReturns;
        beforeLockReturns = null;
        if (other != null) {
            other.run();
        }
    }

    @Override
    public void deleteSafe(StoredSafe safe) {
        segments.keySet().removeIf(k -> k.startsWith(safe.realmId() + "/" + safe.id() + "/"));
        uploads.values().removeIf(u -> u.safeId().equals(safe.id()));
        documents.values().removeIf(d -> d.safeId().equals(safe.id()));
        folders.values().removeIf(f -> f.safeId().equals(safe.id()));
        safes.remove(safe.id());
        dataKeyStore.destroy(new KeyOwner(safe.realmId(), safe.ownerKind() + ":" + safe.ownerId()));
    }

    @Override
    public void deleteRealm(String realmId) {
        new ArrayList<>(safes.values()).stream().filter(s -> s.realmId().equals(realmId)).forEach(this::deleteSafe);
    }

    @Override
    public long usedBytes(String realmId, String safeId) {
        return of(realmId, safeId).mapToLong(StoredDocument::size).sum();
    }

    @Override
    public long documentCount(String realmId, String safeId) {
        return of(realmId, safeId).count();
    }

    private java.util.stream.Stream<StoredDocument> of(String realmId, String safeId) {
        return documents.values().stream().filter(d -> d.realmId().equals(realmId) && d.safeId().equals(safeId));
    }

    @Override
    public StoredDocument addDocument(StoredDocument document) {
        if (documents.containsKey(document.id())) {
            throw new IllegalStateException("duplicate key");
        }
        documents.put(document.id(), document);
        return document;
    }

    static String segmentKey(String realmId, String safeId, String contentId, int index) {
        return realmId + "/" + safeId + "/" + contentId + "/" + index;
    }

    @Override
    public void addSegment(String realmId, String safeId, String contentId, int index, InputStream ciphertext, long length) {
        try {
            byte[] bytes = ciphertext.readAllBytes();
            if (bytes.length != length) {
                throw new IllegalArgumentException("length does not match");
            }
            if (segments.putIfAbsent(segmentKey(realmId, safeId, contentId, index), bytes) != null) {
                throw new IllegalStateException("duplicate key");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int segmentCount(String realmId, String safeId, String contentId) {
        return (int) segments.keySet().stream().filter(k -> k.startsWith(realmId + "/" + safeId + "/" + contentId + "/")).count();
    }

    @Override
    public Optional<byte[]> segmentPiece(String realmId, String safeId, String contentId, int index, long offset, int max) {
        return Optional.ofNullable(segments.get(segmentKey(realmId, safeId, contentId, index))).map(bytes ->
                java.util.Arrays.copyOfRange(bytes, (int) Math.min(offset, bytes.length),
                        (int) Math.min(bytes.length, offset + max)));
    }

    @Override
    public void deleteSegments(String realmId, String safeId, String contentId) {
        segments.keySet().removeIf(k -> k.startsWith(realmId + "/" + safeId + "/" + contentId + "/"));
    }

    @Override
    public void addUpload(StoredUpload upload) {
        uploads.put(upload.id(), upload);
    }

    @Override
    public Optional<StoredUpload> upload(String realmId, String safeId, String id) {
        return Optional.ofNullable(uploads.get(id)).filter(u -> u.realmId().equals(realmId) && u.safeId().equals(safeId));
    }

    @Override
    public long uploadCount(String realmId, String safeId) {
        return uploads.values().stream().filter(u -> u.realmId().equals(realmId) && u.safeId().equals(safeId)).count();
    }

    @Override
    public long reservedBytes(String realmId, String safeId) {
        return uploads.values().stream().filter(u -> u.realmId().equals(realmId) && u.safeId().equals(safeId))
                .mapToLong(StoredUpload::size).sum();
    }

    @Override
    public boolean partReceived(StoredUpload upload, int index) {
        StoredUpload u = uploads.get(upload.id());
        if (u == null || u.received() != index) {
            return false;
        }
        uploads.put(u.id(), new StoredUpload(u.id(), u.realmId(), u.safeId(), u.folderId(), u.nameEnc(), u.mimeType(),
                u.size(), u.parts(), index + 1, u.createdAt(), u.expiresAt()));
        return true;
    }

    @Override
    public boolean deleteUpload(StoredUpload upload) {
        return uploads.remove(upload.id()) != null;
    }

    @Override
    public List<StoredUpload> expiredUploads(String realmId, long before, int limit) {
        List<StoredUpload> expired = uploads.values().stream().filter(u -> u.realmId().equals(realmId)
                && u.expiresAt() < before).limit(limit).toList();
        Runnable other = afterExpiredListed;
        afterExpiredListed = null;
        if (other != null) {
            other.run();
        }
        return expired;
    }

    @Override
    public Optional<StoredDocument> document(String realmId, String safeId, String id) {
        return of(realmId, safeId).filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public List<StoredDocument> documents(String realmId, String safeId, String folderId, boolean inTrash, int first, int max) {
        return of(realmId, safeId).filter(d -> inTrash ? d.deleted() : !d.deleted() && java.util.Objects.equals(folderId, d.folderId()))
                .sorted(Comparator.comparingLong(StoredDocument::createdAt).reversed()).skip(first).limit(max).toList();
    }

    @Override
    public List<StoredDocument> recentDocuments(String realmId, String safeId, int max) {
        return of(realmId, safeId).filter(d -> !d.deleted())
                .sorted(Comparator.comparingLong(StoredDocument::createdAt).reversed()).limit(max).toList();
    }

    private void replace(StoredDocument d, String folderId, String nameEnc, Long deletedAt) {
        documents.put(d.id(), new StoredDocument(d.id(), d.realmId(), d.safeId(), folderId, nameEnc, d.mimeType(), d.size(),
                d.createdAt(), deletedAt, d.minLoa()));
    }

    private StoredDocument current(StoredDocument d) {
        return documents.get(d.id());
    }

    @Override
    public void renameDocument(StoredDocument document, String nameEnc) {
        StoredDocument d = current(document);
        replace(d, d.folderId(), nameEnc, d.deletedAt());
    }

    @Override
    public void moveDocument(StoredDocument document, String folderId) {
        StoredDocument d = current(document);
        replace(d, folderId, d.nameEnc(), d.deletedAt());
    }

    @Override
    public void trashDocument(StoredDocument document, long at) {
        StoredDocument d = current(document);
        replace(d, d.folderId(), d.nameEnc(), at);
    }

    @Override
    public void restoreDocument(StoredDocument document) {
        StoredDocument d = current(document);
        replace(d, d.folderId(), d.nameEnc(), null);
    }

    @Override
    public void deleteDocument(StoredDocument document) {
        documents.remove(document.id());
        deleteSegments(document.realmId(), document.safeId(), document.id());
    }

    @Override
    public int purgeTrash(String realmId, long before, int limit) {
        List<StoredDocument> expired = documents.values().stream().filter(d -> d.realmId().equals(realmId) && d.deleted()
                && d.deletedAt() < before).limit(limit).toList();
        expired.forEach(this::deleteDocument);
        return expired.size();
    }

    @Override
    public void addFolder(StoredFolder folder) {
        folders.put(folder.id(), folder);
    }

    @Override
    public List<StoredFolder> folders(String realmId, String safeId) {
        return folders.values().stream().filter(f -> f.realmId().equals(realmId) && f.safeId().equals(safeId)).toList();
    }

    @Override
    public void renameFolder(StoredFolder f, String nameEnc) {
        folders.put(f.id(), new StoredFolder(f.id(), f.realmId(), f.safeId(), folders.get(f.id()).parentId(), nameEnc, f.createdAt()));
    }

    @Override
    public void moveFolder(StoredFolder f, String parentId) {
        folders.put(f.id(), new StoredFolder(f.id(), f.realmId(), f.safeId(), parentId, folders.get(f.id()).nameEnc(), f.createdAt()));
    }

    @Override
    public boolean folderEmpty(StoredFolder folder) {
        return documents.values().stream().noneMatch(d -> folder.id().equals(d.folderId()))
                && folders.values().stream().noneMatch(f -> folder.id().equals(f.parentId()));
    }

    @Override
    public void deleteFolder(StoredFolder folder) {
        folders.remove(folder.id());
    }

    @Override
    public void close() {
    }
}
