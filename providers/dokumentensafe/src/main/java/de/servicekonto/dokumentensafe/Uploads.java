package de.servicekonto.dokumentensafe;

import de.servicekonto.crypto.DataKey;
import de.servicekonto.dokumentensafe.spi.StoredDocument;
import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.dokumentensafe.spi.StoredUpload;
import de.servicekonto.rest.ApiException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Upload sessions: a document too large for one request arrives in parts (docs/dokumentensafe.md, "Uploads in
 * parts"). Opening a session checks everything that can be checked before content arrives (name, declared type,
 * size against the per-file limit and the quota, folder, counts) and reserves the declared size in the quota. Parts
 * come strictly in order, each exactly one part size except the last; each is encrypted and written as a content
 * segment when it arrives, under the id the document will have, so completing writes only the document's row and
 * re-encrypts nothing. A failed part leaves nothing (its request rolls back) and may be sent again with the same
 * index. Aborting or expiry deletes the parts; a session of another safe is not found (404), like an expired one.
 * Completing, aborting and the expiry purge each take the safe's lock and consume the session's row (exactly one row
 * deleted), so of two racing, one wins and the other answers 404 (or, the purge, skips it).
 */
public final class Uploads {

    private final SafeContext context;
    private final SafeFolders folders;
    private final SafeContent content;
    private final SafeQuota quota;

    Uploads(SafeContext context, SafeFolders folders) {
        this.context = context;
        this.folders = folders;
        this.content = new SafeContent(context);
        this.quota = new SafeQuota(context);
    }

    /** Opens a session; answers its id, the part size, the number of parts and when it expires. */
    public Map<String, Object> begin(Owner owner, String filename, String folderId, long size, String declaredType) {
        String name = SafeNames.check(filename);
        DocumentType type = DocumentType.checkDeclared(declaredType);
        int partSize = context.settings().partSize();
        if (size < 1) {
            throw new ApiException(400, "empty_document", "size is the document's length in bytes, at least 1");
        }
        if (size > context.settings().maxFileBytes() || (size - 1) / partSize + 1 > SafeSettings.MAX_PARTS) {
            throw quota.tooLarge(Math.max(size, context.settings().maxFileBytes() + 1), 0);
        }
        StoredSafe safe = context.store().safeOrCreate(context.realmId(), owner.kind(), owner.id());
        context.store().lockSafe(safe);
        if (folderId != null) {
            folders.existing(owner, folderId); // under the lock: the folder cannot be deleted meanwhile
        }
        long taken = quota.taken(safe);
        if (size > quota.room(taken)) {
            throw quota.tooLarge(size, taken);
        }
        quota.requireRoomForAnotherDocument(safe, false);
        if (context.store().uploadCount(context.realmId(), safe.id()) >= SafeSettings.MAX_OPEN_UPLOADS) {
            throw new ApiException(409, "too_many_uploads", "a safe has at most " + SafeSettings.MAX_OPEN_UPLOADS
                    + " open upload sessions; complete or abort one first");
        }
        DataKey key = context.crypto().keyForWriting(owner);
        String id = UUID.randomUUID().toString();
        long now = context.now();
        int parts = (int) ((size - 1) / partSize + 1);
        // Sealed for the document this session becomes (same id): completing moves nothing.
        StoredUpload upload = new StoredUpload(id, context.realmId(), safe.id(), folderId,
                context.crypto().sealName(key, owner, "document", id, name), type.mimeType(), size, parts, 0, now,
                now + SafeSettings.UPLOAD_LIFETIME.toMillis());
        context.store().addUpload(upload);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("partSize", partSize);
        view.put("parts", parts);
        view.put("expiresAt", upload.expiresAt());
        return view;
    }

    /**
     * Stores part {@code index}: 409 {@code part_out_of_order} unless it is the next one expected, 400
     * {@code invalid_part_size} unless it has exactly the expected length; the first part is sniffed.
     *
     * @param declaredLength the request's Content-Length, or -1 when unknown (then counted while it streams)
     */
    public void part(Owner owner, String id, int index, long declaredLength, InputStream body) throws IOException {
        StoredUpload upload = open(owner, id);
        if (index != upload.received()) {
            throw new ApiException(409, "part_out_of_order", "the session expects part " + upload.received()
                    + (upload.received() == upload.parts() ? " (none: every part arrived; complete it)" : ""),
                    Map.of("expected", upload.received()));
        }
        long partSize = context.settings().partSize();
        long expected = index == upload.parts() - 1 ? upload.size() - partSize * index : partSize;
        ApiException wrongSize = new ApiException(400, "invalid_part_size", "part " + index + " has exactly "
                + expected + " bytes", Map.of("expectedBytes", expected));
        if (declaredLength >= 0 && declaredLength != expected) {
            throw wrongSize;
        }
        InputStream in = body;
        if (index == 0) {
            BufferedInputStream buffered = new BufferedInputStream(body, DocumentType.SNIFF_BYTES * 2);
            DocumentType.checkDeclared(upload.mimeType()).sniff(buffered);
            in = buffered;
        }
        DataKey key = context.crypto().keyForWriting(owner);
        long written = content.writeSegment(owner, key, upload.safeId(), id, index, index == upload.parts() - 1, in,
                expected, count -> wrongSize);
        if (written != expected) {
            throw wrongSize;
        }
        if (!context.store().partReceived(upload, index)) {
            throw new ApiException(409, "part_out_of_order", "another request stored this part meanwhile",
                    Map.of("expected", index + 1));
        }
    }

    /**
     * Turns a session whose parts all arrived into the document (same id); answers the document as a single upload
     * does. The session is read under the safe's lock and must be consumed by this request (exactly one row deleted):
     * an abort or the expiry purge that got the lock first has deleted it and its parts, so this answers 404 instead of
     * writing a document without content.
     */
    public Map<String, Object> complete(Owner owner, String id) {
        StoredSafe safe = context.existingSafe(owner);
        context.store().lockSafe(safe);
        StoredUpload upload = open(owner, id);
        if (upload.received() != upload.parts()) {
            throw new ApiException(409, "upload_incomplete", upload.received() + " of " + upload.parts()
                    + " parts arrived", Map.of("expected", upload.received()));
        }
        // Its folder may have been deleted meanwhile: then the document goes to the top, as a restore does.
        String folderId = upload.folderId() != null && folders.find(owner, upload.folderId()).isPresent()
                ? upload.folderId() : null;
        StoredDocument row = new StoredDocument(id, context.realmId(), upload.safeId(), folderId, upload.nameEnc(),
                upload.mimeType(), upload.size(), context.now(), null, SafeLevel.LOWEST);
        if (!context.store().deleteUpload(upload)) {
            throw notFound();
        }
        context.store().addDocument(row);
        DataKey key = context.crypto().key(owner).orElseThrow(SafeContext::notFound);
        context.audit().record(owner, SafeContext.UPLOADED, id);
        return Documents.view(row, context.crypto().openName(key, owner, "document", id, row.nameEnc()));
    }

    /**
     * Ends a session and deletes its parts; a session completed, aborted or expired meanwhile is 404. Under the safe's
     * lock like {@link #complete}: the parts of a session go only with its row, so they can never be the parts of a
     * document that a complete made of them (same id).
     */
    public void abort(Owner owner, String id) {
        StoredSafe safe = context.existingSafe(owner);
        context.store().lockSafe(safe);
        if (!discard(open(owner, id))) {
            throw notFound();
        }
    }

    /**
     * Sessions expired before now go with their parts; returns how many (at most {@code limit}). Each is deleted under
     * its safe's lock and only if its row is still there: one that a complete consumed before the lock came is left
     * alone, since its segments now belong to the document.
     */
    public int purgeExpired(int limit) {
        List<StoredUpload> expired = context.store().expiredUploads(context.realmId(), context.now(), limit);
        int purged = 0;
        for (StoredUpload upload : expired) {
            context.store().lockSafe(upload.realmId(), upload.safeId());
            if (discard(upload)) {
                purged++;
            }
        }
        return purged;
    }

    /** Deletes the session's row and, only if this request deleted it, its parts; false when it was gone. */
    private boolean discard(StoredUpload upload) {
        if (!context.store().deleteUpload(upload)) {
            return false;
        }
        context.store().deleteSegments(upload.realmId(), upload.safeId(), upload.id());
        return true;
    }

    /** The caller's open session: another safe's, an expired or an unknown one is 404 alike. */
    private StoredUpload open(Owner owner, String id) {
        StoredSafe safe = context.existingSafe(owner);
        if (!SafeFolders.isId(id)) {
            throw notFound();
        }
        StoredUpload upload = context.store().upload(context.realmId(), safe.id(), id).orElseThrow(Uploads::notFound);
        if (upload.expiresAt() <= context.now()) {
            throw notFound();
        }
        return upload;
    }

    private static ApiException notFound() {
        return new ApiException(404, "not_found", "no such upload session in this safe (completed, aborted or expired)");
    }
}
