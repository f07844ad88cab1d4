package de.servicekonto.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * A document safe another module may read from and write to (SPI {@value DocumentSafeSpi#NAME}): the Postfach
 * attaches a document of the safe to a message and saves attachments and notices into it, without compiling against
 * the Dokumentensafe module. The caller has already decided that the person or organisation acts on this safe (the
 * Postfach: the mailbox's owner, with the safe's scope); the safe checks only that the document is the owner's, its
 * own limits and types. Every refusal is a {@link Refused} with a stable code; nothing half-written stays (the
 * request's transaction is rolled back by the caller).
 */
public interface DocumentSafe extends Provider {

    /** An owner kind: a person's safe (the user id). */
    String PERSON = "person";

    /** Whose safe: {@value #PERSON} and the user id (organisation safes later, kind {@code organisation}). */
    record SafeOwner(String kind, String id) {
    }

    /**
     * A document opened for reading. {@link #content} is the plaintext, decrypted while it is read (never whole in
     * memory); close it, read or not, so the safe removes what it spooled.
     */
    record Document(String name, String mimeType, long size, InputStream content) {
    }

    /** What to store: a name, a type the safe allows, and the plaintext (read to its end, not closed). */
    record NewDocument(String name, String mimeType, long size, InputStream content) {

        /** The same without its content: what {@link #refusal} checks. */
        public Planned planned() {
            return new Planned(name, mimeType, size);
        }
    }

    /** A document as {@link #refusal} checks it: name, type and size, no content. */
    record Planned(String name, String mimeType, long size) {
    }

    /** A document's type and size, as {@link #describe} answers them before anything is copied. */
    record Description(String mimeType, long size) {
    }

    /**
     * The codes of documents that do not fit (per-file limit, quota with what open upload sessions reserved, number
     * of documents with the open sessions, number of folders when the folder is to be created). {@link #store}
     * refuses with these only before it writes anything; an authority's delivery into the safe answers them as a
     * copy not stored, the notice delivered.
     */
    Set<String> DOES_NOT_FIT = Set.of("file_too_large", "quota_exceeded", "too_many_documents", "too_many_folders");

    /** A refusal with an HTTP status and a stable code ({@code not_found}, {@code quota_exceeded}, …). */
    final class Refused extends RuntimeException {

        private final int status;
        private final String code;

        public Refused(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    /**
     * The owner's document {@code documentId} (not in the trash); another owner's or an unknown id: 404
     * {@code not_found}; a document above {@code sessionLoa} (the caller's trust level, 1 niedrig … 3 hoch): 401
     * {@code step_up_required}.
     */
    Document open(RealmModel realm, SafeOwner owner, String documentId, int sessionLoa) throws IOException;

    /**
     * The type and size of the document {@link #open} would give, with the same refusals, reading and copying nothing
     * of its content (nothing is logged): a caller applies its own limits first, so a document it would refuse is
     * never copied.
     */
    Description describe(RealmModel realm, SafeOwner owner, String documentId, int sessionLoa);

    /**
     * Stores the documents in the owner's safe, in its top folder named {@code folder} (created if missing; null:
     * at the top), all or none. Names, types and the limits ({@link #DOES_NOT_FIT}) are checked for the whole set
     * under the safe's lock before the first is written, so such a refusal leaves nothing behind; a content that does
     * not match its declared size or type fails later (409 {@code content_integrity}, 415
     * {@code content_type_mismatch}) and the caller must roll back. Returns the new documents' ids in order.
     * {@code minLoa}: the trust level a session needs to read them (their source's: a Postfach message's required
     * level; 1 for the lowest).
     */
    List<String> store(RealmModel realm, SafeOwner owner, String folder, int minLoa, List<NewDocument> documents)
            throws IOException;

    /**
     * Whether {@link #store} would take these documents into {@code folder} now (names, types, the limits counting
     * what open upload sessions reserve, the folder if it is to be created): null if it would, else the code it would
     * refuse them with. Nothing is written.
     */
    String refusal(RealmModel realm, SafeOwner owner, String folder, List<Planned> documents);

    @Override
    default void close() {
    }
}
