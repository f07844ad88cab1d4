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

    /** Crypto-shredding of a safe: its documents, folders, then the safe with its data key, in this transaction. */
    void deleteSafe(StoredSafe safe);

    /** Everything of a realm (realm removal). */
    void deleteRealm(String realmId);

    // --- documents ---

    /** Bytes the safe's documents take (plaintext sizes, the trash included): what the quota counts. */
    long usedBytes(String realmId, String safeId);

    long documentCount(String realmId, String safeId);

    /** Adds a document; {@code ciphertext} (exactly {@code length} bytes) is streamed into the database. */
    StoredDocument addDocument(StoredDocument document, InputStream ciphertext, long length);

    Optional<StoredDocument> document(String realmId, String safeId, String id);

    /** The stored (encrypted) content; valid while the transaction lasts. */
    InputStream content(StoredDocument document) throws IOException;

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

    void deleteDocument(StoredDocument document);

    /** Deletes up to {@code limit} documents of the realm put in the trash before {@code before}; returns how many. */
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
