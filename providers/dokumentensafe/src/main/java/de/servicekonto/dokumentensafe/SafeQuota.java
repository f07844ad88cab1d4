package de.servicekonto.dokumentensafe;

import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.rest.ApiException;

/**
 * What a safe may still take. The quota counts the documents (the trash included) and what open upload sessions
 * declared, so parallel sessions cannot together overshoot it; the document limit counts sessions too, since each
 * becomes a document. Checked before content is read and again, under the safe's lock, before a document's row is
 * written ({@code SafeStore.lockSafe}).
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
        if (safe == null) {
            return;
        }
        long count = context.store().documentCount(context.realmId(), safe.id())
                + context.store().uploadCount(context.realmId(), safe.id()) - (countingItself ? 1 : 0);
        if (count >= SafeSettings.MAX_DOCUMENTS) {
            throw new ApiException(409, "too_many_documents", "a safe holds at most " + SafeSettings.MAX_DOCUMENTS + " documents");
        }
    }
}
