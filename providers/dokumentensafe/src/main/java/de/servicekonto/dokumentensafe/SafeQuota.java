package de.servicekonto.dokumentensafe;

import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.rest.ApiException;
import java.util.List;

/**
 * What a safe may still take. The quota counts the documents (the trash included) and what open upload sessions
 * declared, so parallel sessions cannot together overshoot it; the document limit counts sessions too, since each
 * becomes a document. Checked before content is read and again, under the safe's lock, before a document's row is
 * written ({@code SafeStore.lockSafe}). The one place of these rules: an upload, a session and a copy from the
 * Postfach ({@link #refusal}) all count the same way.
 */
final class SafeQuota {

    private final SafeContext context;

    SafeQuota(SafeContext context) {
        this.context = context;
    }

    /** Bytes stored or reserved by open sessions (0 without a safe). */
    long taken(StoredSafe safe) {
        return safe == null ? 0 : context.store().usedBytes(context.realmId(), safe.id())
                + context.store().reservedBytes(context.realmId(), safe.id());
    }

    /** The most one more document may have, given {@code taken} bytes stored or reserved. */
    long room(long taken) {
        return Math.max(0, Math.min(context.settings().maxFileBytes(), context.settings().quotaBytes() - taken));
    }

    /** 413 {@code file_too_large} above the per-file limit, else 413 {@code quota_exceeded}. */
    ApiException tooLarge(long size, long taken) {
        SafeSettings settings = context.settings();
        if (size > settings.maxFileBytes()) {
            return new ApiException(413, "file_too_large", "a document has at most " + settings.maxFileBytes() + " bytes");
        }
        return new ApiException(413, "quota_exceeded", "the safe has " + Math.max(0, settings.quotaBytes() - taken)
                + " of " + settings.quotaBytes() + " bytes left");
    }

    /** 409 {@code too_many_documents} when documents and open sessions together reach the limit. */
    void requireRoomForAnotherDocument(StoredSafe safe, boolean countingItself) {
        if (documentsAndSessions(safe) - (countingItself ? 1 : 0) >= SafeSettings.MAX_DOCUMENTS) {
            throw tooManyDocuments();
        }
    }

    /**
     * Why documents of these sizes would not go into the safe now, or null: each within the per-file limit, together
     * within what the quota leaves beside documents and reservations, their number beside documents and open sessions,
     * and one folder more if {@code addsFolder}. The codes are {@code DocumentSafe.DOES_NOT_FIT}'s.
     */
    String refusal(StoredSafe safe, List<Long> sizes, boolean addsFolder) {
        SafeSettings settings = context.settings();
        if (sizes.stream().anyMatch(size -> size > settings.maxFileBytes())) {
            return "file_too_large";
        }
        // Each is at most maxFileBytes and there are at most MAX_DOCUMENTS of them: the sum cannot overflow.
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        if (sizes.size() > SafeSettings.MAX_DOCUMENTS || total > settings.quotaBytes() - taken(safe)) {
            return sizes.size() > SafeSettings.MAX_DOCUMENTS ? "too_many_documents" : "quota_exceeded";
        }
        if (documentsAndSessions(safe) + sizes.size() > SafeSettings.MAX_DOCUMENTS) {
            return "too_many_documents";
        }
        if (addsFolder && safe != null
                && context.store().folders(context.realmId(), safe.id()).size() >= SafeSettings.MAX_FOLDERS) {
            return "too_many_folders";
        }
        return null;
    }

    /** {@link #refusal}'s code as the refusal a request answers. */
    ApiException refused(String code, StoredSafe safe, List<Long> sizes) {
        return switch (code) {
            case "file_too_large" -> tooLarge(context.settings().maxFileBytes() + 1, 0);
            case "quota_exceeded" -> tooLarge(sizes.stream().mapToLong(Long::longValue).sum(), taken(safe));
            case "too_many_documents" -> tooManyDocuments();
            case "too_many_folders" -> new ApiException(409, "too_many_folders", "a safe holds at most "
                    + SafeSettings.MAX_FOLDERS + " folders");
            default -> throw new IllegalArgumentException(code);
        };
    }

    private long documentsAndSessions(StoredSafe safe) {
        return safe == null ? 0 : context.store().documentCount(context.realmId(), safe.id())
                + context.store().uploadCount(context.realmId(), safe.id());
    }

    private static ApiException tooManyDocuments() {
        return new ApiException(409, "too_many_documents", "a safe holds at most " + SafeSettings.MAX_DOCUMENTS + " documents");
    }
}
