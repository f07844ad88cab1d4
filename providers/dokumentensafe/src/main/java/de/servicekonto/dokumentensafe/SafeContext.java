package de.servicekonto.dokumentensafe;

import de.servicekonto.dokumentensafe.spi.SafeStore;
import de.servicekonto.dokumentensafe.spi.StoredSafe;
import de.servicekonto.rest.ApiException;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What the rules of one realm work with: its settings, the store, the encryption, the clock and the audit trail
 * (the owner's activity log in the server, a list in unit tests).
 */
public record SafeContext(String realmId, SafeSettings settings, SafeStore store, SafeCrypto crypto, LongSupplier clock,
                          Audit audit) {

    /** Records what happened to an owner's document (the activity log); names and content are never passed. */
    public interface Audit {
        void record(Owner owner, String action, String documentId);
    }

    /** The actions the audit records (the same words as {@code DocumentActivityEvent}'s). */
    public static final String UPLOADED = "upload";
    public static final String SAVED_FROM_POSTFACH = "save-from-postfach";
    public static final String DOWNLOADED = "download";
    public static final String SHARED = "share";
    public static final String DELETED = "delete";

    long now() {
        return clock.getAsLong();
    }

    Optional<StoredSafe> safe(Owner owner) {
        return store.safe(realmId, owner.kind(), owner.id());
    }

    /** The owner's safe; an owner without one has nothing in it, so any id they name is not found. */
    StoredSafe existingSafe(Owner owner) {
        return safe(owner).orElseThrow(SafeContext::notFound);
    }

    static ApiException notFound() {
        return new ApiException(404, "not_found", "no such document or folder in this safe");
    }
}
