package de.servicekonto.dokumentensafe;

import de.servicekonto.crypto.DataKey;
import de.servicekonto.dokumentensafe.spi.SafeStore;
import de.servicekonto.dokumentensafe.spi.StoredDocument;
import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.rest.ApiException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A safe's documents: upload (checked, sniffed, encrypted while it streams, within the per-file limit and the quota),
 * download, list, name search, rename, move, delete into the trash and restore. Plaintext never touches disk or the
 * heap as a whole: an upload's temporary file holds ciphertext only, content is encrypted and decrypted a segment at a
 * time, and a download reads the ciphertext a piece at a time without any temporary file.
 */
public final class Documents {

    /** The longest search term. */
    static final int MAX_QUERY = 100;

    private final SafeContext context;
    private final SafeFolders folders;
    private final SafeContent content;
    private final SafeQuota quota;
    /** The calling session's trust level: documents above it are listed locked and refused otherwise. */
    private final int sessionLoa;

    Documents(SafeContext context, SafeFolders folders, int sessionLoa) {
        this.context = context;
        this.folders = folders;
        this.content = new SafeContent(context);
        this.quota = new SafeQuota(context);
        this.sessionLoa = sessionLoa;
    }

    /**
     * Stores a document from a stream of unknown or declared length (a single request; larger documents come through
     * {@link Uploads}). Every refusal comes before a row is written or while the content streams (then the request's
     * transaction is rolled back by the caller: nothing half-written stays). The content is cut into segments of one
     * part size, each encrypted and written as it streams ({@link SafeContent#writeAll}).
     *
     * @param declaredLength the request's Content-Length, or -1 when unknown
     */
    public Map<String, Object> upload(Owner owner, String filename, String folderId, String declaredType,
                                      long declaredLength, InputStream body) throws IOException {
        return store(owner, filename, folderId, declaredType, declaredLength, body, SafeLevel.LOWEST,
                SafeContext.UPLOADED);
    }

    /**
     * As {@link #upload}, for a document from a Postfach message: it needs trust level {@code minLoa} (the message's),
     * and the activity log says where it came from.
     */
    public Map<String, Object> saveFromPostfach(Owner owner, String filename, String folderId, String declaredType,
                                                long declaredLength, InputStream body, int minLoa) throws IOException {
        return store(owner, filename, folderId, declaredType, declaredLength, body, minLoa,
                SafeContext.SAVED_FROM_POSTFACH);
    }

    private Map<String, Object> store(Owner owner, String filename, String folderId, String declaredType,
                                      long declaredLength, InputStream body, int minLoa, String auditAction)
            throws IOException {
        int level = SafeLevel.checked(minLoa);
        String name = SafeNames.check(filename);
        DocumentType type = DocumentType.checkDeclared(declaredType);
        StoredSafe existing = context.safe(owner).orElse(null);
        long taken = quota.taken(existing);
        long room = quota.room(taken);
        if (declaredLength > room) {
            throw quota.tooLarge(declaredLength, taken);
        }
        if (folderId != null) {
            folders.existing(owner, folderId);
        }
        quota.requireRoomForAnotherDocument(existing, false);
        BufferedInputStream in = new BufferedInputStream(body, DocumentType.SNIFF_BYTES * 2);
        type.sniff(in);
        StoredSafe safe = context.store().safeOrCreate(context.realmId(), owner.kind(), owner.id());
        DataKey key = context.crypto().keyForWriting(owner);
        String id = UUID.randomUUID().toString();
        long size = content.writeAll(owner, key, safe.id(), id, in, room, count -> quota.tooLarge(count, taken));
        // Under the safe's lock: what a parallel request stored or reserved meanwhile counts too.
        context.store().lockSafe(safe);
        long takenNow = quota.taken(safe);
        if (size > quota.room(takenNow)) {
            throw quota.tooLarge(size, takenNow);
        }
        quota.requireRoomForAnotherDocument(safe, false);
        if (folderId != null) {
            folders.existing(owner, folderId); // re-read under the lock: a parallel delete of the folder is done or waits
        }
        StoredDocument row = new StoredDocument(id, context.realmId(), safe.id(), folderId,
                context.crypto().sealName(key, owner, "document", id, name, level), type.mimeType(), size, context.now(),
                null, level);
        context.store().addDocument(row);
        context.audit().record(owner, auditAction, id);
        return view(row, name);
    }

    /**
     * A document to download: its name, type and size for the response's headers, checked against the caller and the
     * session's level when it was opened; its content is read and decrypted while the response streams
     * ({@link #writeTo(OutputStream, ContentReads)}).
     */
    public static final class Download {
        private final SafeContent.Stored content;
        private final DataKey key;
        private final SafeCrypto crypto;
        private final Owner owner;
        private final SafeStore store;
        private final String name;
        private final String mimeType;

        Download(SafeContent.Stored content, DataKey key, SafeCrypto crypto, Owner owner, SafeStore store, String name,
                 String mimeType) {
            this.content = content;
            this.key = key;
            this.crypto = crypto;
            this.owner = owner;
            this.store = store;
            this.name = name;
            this.mimeType = mimeType;
        }

        /**
         * Writes the plaintext to {@code out} a segment at a time, reading a piece of ciphertext at a time through
         * {@code reads} (in a response after the request's transaction: each in a transaction of its own). Content
         * that is not authentic throws {@link de.servicekonto.crypto.DecryptionException} mid-way, a document
         * deleted meanwhile {@link Gone}: what was written must be discarded (the response aborted).
         */
        public void writeTo(OutputStream out, ContentReads reads) throws IOException {
            try (InputStream plain = content.open(key, crypto, owner, reads)) {
                plain.transferTo(out);
            }
        }

        /** As {@link #writeTo(OutputStream, ContentReads)}, reading in the transaction that opened the download. */
        public void writeTo(OutputStream out) throws IOException {
            writeTo(out, ContentReads.in(store));
        }

        /**
         * The plaintext as a stream, decrypted a segment at a time while it is read, in the transaction that opened
         * the download (for another module that copies it into its own store). Throws as {@link #writeTo} does, from
         * read.
         */
        public InputStream openStream() throws IOException {
            return content.open(key, crypto, owner, ContentReads.in(store));
        }

        public String name() {
            return name;
        }

        public String mimeType() {
            return mimeType;
        }

        public long size() {
            return content.size();
        }
    }

    /** The document was deleted (trash, purge, removal of its owner) while its content was read. */
    public static final class Gone extends IOException {
        Gone() {
            super("the document was deleted while it was read");
        }
    }

    /**
     * The document {@link #shareIntoPostfach} would copy, with the same refusals, read and logged nothing of: its
     * type and size, for the Postfach's limits before a copy.
     */
    public StoredDocument describe(Owner owner, String id) {
        return reachable(owner, id);
    }

    public Download download(Owner owner, String id) throws IOException {
        return open(owner, id, SafeContext.DOWNLOADED);
    }

    /** As {@link #download}, for a copy attached to a Postfach message: the activity log says it was shared. */
    public Download shareIntoPostfach(Owner owner, String id) throws IOException {
        return open(owner, id, SafeContext.SHARED);
    }

    private Download open(Owner owner, String id, String auditAction) throws IOException {
        StoredDocument row = reachable(owner, id);
        DataKey key = context.crypto().key(owner).orElseThrow(SafeContext::notFound);
        String name = name(key, owner, row);
        SafeContent.Stored stored = content.stored(row);
        context.audit().record(owner, auditAction, id);
        return new Download(stored, key, context.crypto(), owner, context.store(), name, row.mimeType());
    }

    /** A page of a folder's documents (null: the top), or of the trash; newest first. */
    public Map<String, Object> list(Owner owner, String folderId, boolean trash, int first, int max) {
        var safe = context.safe(owner);
        if (folderId != null) {
            folders.existing(owner, folderId);
        }
        List<StoredDocument> rows = safe.map(s -> context.store().documents(context.realmId(), s.id(), folderId, trash,
                first, max)).orElse(List.of());
        return page(owner, rows, Map.of("first", first, "max", max));
    }

    /**
     * Documents whose name contains {@code query} (case-insensitive). Names are encrypted, so the database cannot
     * search them: the newest {@value SafeSettings#MAX_DOCUMENTS} names of the safe (all of them, since a safe holds
     * no more) are decrypted in memory, one request at a time, and matched here.
     */
    public Map<String, Object> search(Owner owner, String query, int max) {
        if (query == null || query.isBlank() || query.length() > MAX_QUERY) {
            throw new ApiException(400, "invalid_query", "q has 1 to " + MAX_QUERY + " characters");
        }
        String needle = query.strip().toLowerCase(Locale.ROOT);
        var safe = context.safe(owner);
        var key = safe.isPresent() ? context.crypto().key(owner) : java.util.Optional.<DataKey>empty();
        List<Map<String, Object>> hits = new ArrayList<>();
        if (key.isPresent()) {
            for (StoredDocument row : context.store().recentDocuments(context.realmId(), safe.get().id(), SafeSettings.MAX_DOCUMENTS)) {
                if (row.minLoa() > sessionLoa) {
                    continue; // its name is not this session's to match
                }
                String name = readableName(key.get(), owner, row);
                if (name != null && name.toLowerCase(Locale.ROOT).contains(needle)) {
                    hits.add(view(row, name));
                    if (hits.size() == max) {
                        break;
                    }
                }
            }
        }
        return Map.of("documents", hits, "max", max);
    }

    public Map<String, Object> rename(Owner owner, String id, String newName) {
        String name = SafeNames.check(newName);
        StoredDocument row = reachable(owner, id);
        DataKey key = context.crypto().keyForWriting(owner);
        name(key, owner, row); // a damaged row stays damaged (409), a new name must not paper over it
        context.store().renameDocument(row, context.crypto().sealName(key, owner, "document", id, name, row.minLoa()));
        return view(row, name);
    }

    public void move(Owner owner, String id, String folderId) {
        StoredDocument row = reachable(owner, id);
        context.store().lockSafe(context.existingSafe(owner)); // the folder cannot be deleted between check and move
        if (folderId != null) {
            folders.existing(owner, folderId);
        }
        context.store().moveDocument(row, folderId);
    }

    /** Into the trash; restorable until the undo period ends, then purged. Returns until when. */
    public Map<String, Object> delete(Owner owner, String id) {
        StoredDocument row = reachable(owner, id);
        long now = context.now();
        context.store().trashDocument(row, now);
        context.audit().record(owner, SafeContext.DELETED, id);
        return Map.of("id", id, "restorableUntil", now + context.settings().undoPeriod().toMillis());
    }

    public void restore(Owner owner, String id) {
        StoredDocument row = withinLevel(owner, id);
        if (!row.deleted()) {
            throw new ApiException(409, "not_deleted", "the document is not in the trash");
        }
        if (row.folderId() != null && folders.find(owner, row.folderId()).isEmpty()) {
            context.store().moveDocument(row, null); // its folder is gone: back at the top
        }
        context.store().restoreDocument(row);
    }

    /** Documents in the trash longer than the undo period go for good; returns how many (at most {@code limit}). */
    public int purge(int limit) {
        return context.store().purgeTrash(context.realmId(), context.now() - context.settings().undoPeriod().toMillis(), limit);
    }

    /** What the safe holds against its limits. */
    public Map<String, Object> usage(Owner owner) {
        var safe = context.safe(owner);
        SafeSettings settings = context.settings();
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("usedBytes", safe.map(s -> context.store().usedBytes(context.realmId(), s.id())).orElse(0L));
        usage.put("reservedBytes", safe.map(s -> context.store().reservedBytes(context.realmId(), s.id())).orElse(0L));
        usage.put("quotaBytes", settings.quotaBytes());
        usage.put("maxFileBytes", settings.maxFileBytes());
        usage.put("documents", safe.map(s -> context.store().documentCount(context.realmId(), s.id())).orElse(0L));
        usage.put("undoDays", settings.undoPeriod().toDays());
        usage.put("allowedTypes", DocumentType.mimeTypes());
        usage.put("partSize", settings.partSize());
        return usage;
    }

    private StoredDocument row(Owner owner, String id) {
        StoredSafe safe = context.existingSafe(owner);
        if (!SafeFolders.isId(id)) {
            throw SafeContext.notFound();
        }
        return context.store().document(context.realmId(), safe.id(), id).orElseThrow(SafeContext::notFound);
    }

    /**
     * A document the session's level reaches, else 401 {@code step_up_required} with the level it needs: every action
     * on a document (download, rename, move, delete, restore) asks this first, so a locked document is acted on by
     * no session below its level. A stored name that fails its integrity check answers 409 {@code content_integrity}.
     */
    private StoredDocument withinLevel(Owner owner, String id) {
        StoredDocument row = row(owner, id);
        SafeLevel.require(sessionLoa, row.minLoa());
        name(context.crypto().key(owner).orElseThrow(SafeContext::notFound), owner, row);
        return row;
    }

    /** {@link #withinLevel}, and not in the trash. */
    private StoredDocument reachable(Owner owner, String id) {
        StoredDocument row = withinLevel(owner, id);
        if (row.deleted()) {
            throw new ApiException(409, "document_deleted", "the document is in the trash; restore it first");
        }
        return row;
    }

    private String name(DataKey key, Owner owner, StoredDocument row) {
        return context.crypto().openName(key, owner, "document", row.id(), row.nameEnc(), row.minLoa());
    }

    private Map<String, Object> page(Owner owner, List<StoredDocument> rows, Map<String, Object> extra) {
        List<Map<String, Object>> documents = new ArrayList<>();
        if (!rows.isEmpty()) {
            DataKey key = context.crypto().key(owner).orElseThrow(SafeContext::notFound);
            for (StoredDocument row : rows) {
                if (row.minLoa() > sessionLoa) {
                    documents.add(view(row, null));
                    continue;
                }
                String name = readableName(key, owner, row);
                documents.add(name == null ? damaged(row) : view(row, name));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(extra);
        out.put("documents", documents);
        return out;
    }

    /**
     * The name, or null when the stored value fails its integrity check (a tampered or broken row): the list shows
     * that one row as damaged instead of refusing the whole page; actions on it still answer 409.
     */
    private String readableName(DataKey key, Owner owner, StoredDocument row) {
        try {
            return name(key, owner, row);
        } catch (ApiException e) {
            if ("content_integrity".equals(e.code())) {
                return null;
            }
            throw e;
        }
    }

    /** A row whose name cannot be read: its id only, nothing that came from the damaged row's other columns. */
    static Map<String, Object> damaged(StoredDocument row) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("damaged", true);
        return view;
    }

    /** A document as answered; {@code name} null: the session is below its level (listed locked, without name). */
    static Map<String, Object> view(StoredDocument row, String name) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("name", name);
        view.put("locked", name == null);
        view.put("requiredLevel", SafeLevel.level(row.minLoa()).germanName());
        view.put("type", row.mimeType());
        view.put("size", row.size());
        view.put("folder", row.folderId());
        view.put("createdAt", row.createdAt());
        view.put("deletedAt", row.deletedAt());
        return view;
    }
}
