package de.servicekonto.dokumentensafe;

import de.servicekonto.crypto.AssociatedData;
import de.servicekonto.crypto.DataKey;
import de.servicekonto.crypto.SpooledCiphertext;
import de.servicekonto.dokumentensafe.spi.StoredDocument;
import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.rest.ApiException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A safe's documents: upload (checked, sniffed, encrypted while it streams, within the per-file limit and the quota),
 * download, list, name search, rename, move, delete into the trash and restore. Plaintext never touches disk or the
 * heap as a whole: a temporary file holds ciphertext only, and content is encrypted and decrypted a segment at a time.
 */
public final class Documents {

    /** The longest search term. */
    static final int MAX_QUERY = 100;

    private final SafeContext context;
    private final SafeFolders folders;

    Documents(SafeContext context, SafeFolders folders) {
        this.context = context;
        this.folders = folders;
    }

    /**
     * Stores a document. Every refusal comes before a row is written or while the content streams (then the
     * request's transaction is rolled back by the caller: nothing half-written stays).
     *
     * @param declaredLength the request's Content-Length, or -1 when unknown
     */
    public Map<String, Object> upload(Owner owner, String filename, String folderId, String declaredType,
                                      long declaredLength, InputStream body) throws IOException {
        String name = SafeNames.check(filename);
        DocumentType type = DocumentType.declared(declaredType).orElseThrow(() -> new ApiException(415,
                "type_not_allowed", "allowed types: " + String.join(", ", DocumentType.mimeTypes())));
        SafeSettings settings = context.settings();
        long used = context.safe(owner).map(s -> context.store().usedBytes(context.realmId(), s.id())).orElse(0L);
        long room = Math.min(settings.maxFileBytes(), settings.quotaBytes() - used);
        if (declaredLength > room) {
            throw tooLarge(declaredLength, used);
        }
        if (folderId != null) {
            folders.existing(owner, folderId);
        }
        if (context.safe(owner).map(s -> context.store().documentCount(context.realmId(), s.id())).orElse(0L)
                >= SafeSettings.MAX_DOCUMENTS) {
            throw new ApiException(409, "too_many_documents", "a safe holds at most " + SafeSettings.MAX_DOCUMENTS + " documents");
        }
        BufferedInputStream in = new BufferedInputStream(body, DocumentType.SNIFF_BYTES * 2);
        in.mark(DocumentType.SNIFF_BYTES);
        byte[] head = in.readNBytes(DocumentType.SNIFF_BYTES);
        in.reset();
        if (head.length == 0) {
            throw new ApiException(400, "empty_document", "the document is empty");
        }
        if (!type.matches(head)) {
            throw new ApiException(415, "content_type_mismatch", "the content is not of the declared type " + type.mimeType());
        }
        StoredSafe safe = context.store().safeOrCreate(context.realmId(), owner.kind(), owner.id());
        DataKey key = context.crypto().keyForWriting(owner);
        String id = UUID.randomUUID().toString();
        Path temp = Files.createTempFile("sk-safe-", ".enc");
        try {
            long size = context.crypto().encryptBounded(in, Files.newOutputStream(temp), key, owner, id, room,
                    count -> tooLarge(count, used));
            StoredDocument row = new StoredDocument(id, context.realmId(), safe.id(), folderId,
                    context.crypto().sealName(key, owner, "document", id, name), type.mimeType(), size, context.now(), null);
            try (InputStream ciphertext = Files.newInputStream(temp)) {
                context.store().addDocument(row, ciphertext, Files.size(temp));
            }
            context.audit().record(owner, SafeContext.UPLOADED, id);
            return view(row, name);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private ApiException tooLarge(long size, long used) {
        SafeSettings settings = context.settings();
        if (size > settings.maxFileBytes()) {
            return new ApiException(413, "file_too_large", "a document has at most " + settings.maxFileBytes() + " bytes");
        }
        return new ApiException(413, "quota_exceeded", "the safe has " + Math.max(0, settings.quotaBytes() - used)
                + " of " + settings.quotaBytes() + " bytes left");
    }

    /** A document's encrypted content, copied out of the database, to be decrypted while the response streams. */
    public record Download(SpooledCiphertext ciphertext, DataKey key, AssociatedData aad, String name, String mimeType,
                           long size) {

        /** Writes the plaintext to {@code out} and removes the temporary file, whatever happens. */
        public void writeTo(OutputStream out) throws IOException {
            ciphertext.decryptTo(out, key, aad);
        }
    }

    public Download download(Owner owner, String id) throws IOException {
        StoredDocument row = live(owner, id);
        DataKey key = context.crypto().key(owner).orElseThrow(SafeContext::notFound);
        String name = context.crypto().openName(key, owner, "document", id, row.nameEnc());
        // The database stream lasts as long as the transaction, which ends before the response is written.
        SpooledCiphertext ciphertext = SpooledCiphertext.copy(context.store().content(row), "sk-safe-");
        context.audit().record(owner, SafeContext.DOWNLOADED, id);
        return new Download(ciphertext, key, context.crypto().contentAad(owner, id), name, row.mimeType(), row.size());
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
                String name = context.crypto().openName(key.get(), owner, "document", row.id(), row.nameEnc());
                if (name.toLowerCase(Locale.ROOT).contains(needle)) {
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
        StoredDocument row = live(owner, id);
        DataKey key = context.crypto().keyForWriting(owner);
        context.store().renameDocument(row, context.crypto().sealName(key, owner, "document", id, name));
        return view(row, name);
    }

    public void move(Owner owner, String id, String folderId) {
        StoredDocument row = live(owner, id);
        if (folderId != null) {
            folders.existing(owner, folderId);
        }
        context.store().moveDocument(row, folderId);
    }

    /** Into the trash; restorable until the undo period ends, then purged. Returns until when. */
    public Map<String, Object> delete(Owner owner, String id) {
        StoredDocument row = live(owner, id);
        long now = context.now();
        context.store().trashDocument(row, now);
        context.audit().record(owner, SafeContext.DELETED, id);
        return Map.of("id", id, "restorableUntil", now + context.settings().undoPeriod().toMillis());
    }

    public void restore(Owner owner, String id) {
        StoredDocument row = row(owner, id);
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
        usage.put("quotaBytes", settings.quotaBytes());
        usage.put("maxFileBytes", settings.maxFileBytes());
        usage.put("documents", safe.map(s -> context.store().documentCount(context.realmId(), s.id())).orElse(0L));
        usage.put("undoDays", settings.undoPeriod().toDays());
        usage.put("allowedTypes", DocumentType.mimeTypes());
        return usage;
    }

    private StoredDocument row(Owner owner, String id) {
        StoredSafe safe = context.existingSafe(owner);
        if (!SafeFolders.isId(id)) {
            throw SafeContext.notFound();
        }
        return context.store().document(context.realmId(), safe.id(), id).orElseThrow(SafeContext::notFound);
    }

    /** A document not in the trash. */
    private StoredDocument live(Owner owner, String id) {
        StoredDocument row = row(owner, id);
        if (row.deleted()) {
            throw new ApiException(409, "document_deleted", "the document is in the trash; restore it first");
        }
        return row;
    }

    private Map<String, Object> page(Owner owner, List<StoredDocument> rows, Map<String, Object> extra) {
        List<Map<String, Object>> documents = new ArrayList<>();
        if (!rows.isEmpty()) {
            DataKey key = context.crypto().key(owner).orElseThrow(SafeContext::notFound);
            for (StoredDocument row : rows) {
                documents.add(view(row, context.crypto().openName(key, owner, "document", row.id(), row.nameEnc())));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>(extra);
        out.put("documents", documents);
        return out;
    }

    static Map<String, Object> view(StoredDocument row, String name) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", row.id());
        view.put("name", name);
        view.put("type", row.mimeType());
        view.put("size", row.size());
        view.put("folder", row.folderId());
        view.put("createdAt", row.createdAt());
        view.put("deletedAt", row.deletedAt());
        return view;
    }
}
