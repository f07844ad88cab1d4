package de.servicekonto.dokumentensafe.spi;

import de.servicekonto.crypto.DataKeyStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.keycloak.provider.Provider;

/**
 * Where safes, folders and documents are kept. Every read and write names the realm and the safe, so a row of
 * another safe is never reached by its id alone. Values arrive encrypted; the store never sees a name or content in
 * clear. Writes are named by what they do; the JPA implementation is {@code jpa.JpaSafeStore}.
 */
public interface SafeStore extends Provider {

    // --- safes and their keys ---

    Optional<StoredSafe> safe(String realmId, String ownerKind, String ownerId);

    /** The owner's safe, created if there is none. */
    StoredSafe safeOrCreate(String realmId, String ownerKind, String ownerId);

    /**
     * The wrapped data keys, kept with the safes ({@code KeyOwner.ownerId} is the owner's kind and id, see
     * {@code Owner.keyOwner}); a key can only be created for an existing safe.
     */
    DataKeyStore dataKeyStore();

    /**
     * Holds the safe's row for this transaction (a write lock): checks of the quota and the counts against what is
     * stored and reserved are made under it, so two requests of one safe cannot both pass and overshoot.
     */
    default void lockSafe(StoredSafe safe) {
        lockSafe(safe.realmId(), safe.id());
    }

    /** {@link #lockSafe(StoredSafe)} by the safe's id (the expiry purge knows a session's safe only by id). */
    void lockSafe(String realmId, String safeId);

    /**
     * Crypto-shredding of a safe: its documents, upload sessions, content segments, folders, then the safe with its
     * data key, in this transaction.
     */
    void deleteSafe(StoredSafe safe);

    /** Everything of a realm (realm removal). */
    void deleteRealm(String realmId);

    // --- documents ---

    /** Bytes the safe's documents take (plaintext sizes, the trash included): what the quota counts. */
    long usedBytes(String realmId, String safeId);

    long documentCount(String realmId, String safeId);

    /** Adds a document's row; its content segments (same id) are written before. */
    StoredDocument addDocument(StoredDocument document);

    Optional<StoredDocument> document(String realmId, String safeId, String id);

    // --- content segments (a document's or an upload session's, by the content id: the document's id) ---

    /**
     * Adds segment {@code index} of the content {@code contentId}; {@code ciphertext} (exactly {@code length} bytes)
     * is streamed into the database. A second segment with the same content id and index is a unique-key conflict.
     */
    void addSegment(String realmId, String safeId, String contentId, int index, InputStream ciphertext, long length);

    /** How many segments the content has. */
    int segmentCount(String realmId, String safeId, String contentId);

    /**
     * Up to {@code max} bytes of segment {@code index}'s ciphertext from {@code offset}: fewer only at the segment's
     * end (none from its end on); empty when there is no such segment. A download reads a document this way, a piece
     * per short transaction, never a whole segment into memory.
     */
    Optional<byte[]> segmentPiece(String realmId, String safeId, String contentId, int index, long offset, int max)
            throws IOException;

    void deleteSegments(String realmId, String safeId, String contentId);

    // --- upload sessions ---

    void addUpload(StoredUpload upload);

    Optional<StoredUpload> upload(String realmId, String safeId, String id);

    /** Open sessions of the safe (expired ones included until they are purged). */
    long uploadCount(String realmId, String safeId);

    /** Bytes the safe's open sessions declared: the quota reserves them. */
    long reservedBytes(String realmId, String safeId);

    /**
     * Records that part {@code index} arrived: {@code received} goes from {@code index} to {@code index + 1}.
     * False when the session no longer expects that index (a concurrent part got there first).
     */
    boolean partReceived(StoredUpload upload, int index);

    /**
     * Removes the session's row (its segments stay: they are the completed document's, or go with deleteSegments).
     * True if this call deleted it; false if it was gone (completed, aborted or purged by another request).
     */
    boolean deleteUpload(StoredUpload upload);

    /** Up to {@code limit} sessions of the realm that expired before {@code before}. */
    List<StoredUpload> expiredUploads(String realmId, long before, int limit);

    /**
     * A page of documents, newest first. {@code inTrash}: the deleted ones (of every folder), else the folder's
     * ({@code folderId} null: the top) that are not deleted.
     */
    List<StoredDocument> documents(String realmId, String safeId, String folderId, boolean inTrash, int first, int max);

    /** The newest {@code max} documents of the safe not in the trash, of every folder (for the name search). */
    List<StoredDocument> recentDocuments(String realmId, String safeId, int max);

    void renameDocument(StoredDocument document, String nameEnc);

    void moveDocument(StoredDocument document, String folderId);

    void trashDocument(StoredDocument document, long at);

    void restoreDocument(StoredDocument document);

    /** Deletes the document's row and its content segments. */
    void deleteDocument(StoredDocument document);

    /**
     * Deletes up to {@code limit} documents of the realm put in the trash before {@code before}, with their content
     * segments; returns how many.
     */
    int purgeTrash(String realmId, long before, int limit);

    // --- folders ---

    void addFolder(StoredFolder folder);

    /** Every folder of the safe (at most {@code SafeSettings.MAX_FOLDERS}). */
    List<StoredFolder> folders(String realmId, String safeId);

    void renameFolder(StoredFolder folder, String nameEnc);

    void moveFolder(StoredFolder folder, String parentId);

    /** Whether the folder holds no folder and no document (in the trash or not). */
    boolean folderEmpty(StoredFolder folder);

    void deleteFolder(StoredFolder folder);
}
