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
 * the Dokumentensafe module. The caller has already decided that the person or organisation is the one whose mailbox
 * is used and that its token carries the safe's scope; the safe checks that the document is the owner's, its own
 * limits and types, and for an organisation's safe its own roles for the acting member ({@link SafeOwner#actorId}:
 * a member reads, an administrator writes). Every refusal is a {@link Refused} with a stable code; nothing
 * half-written stays (the request's transaction is rolled back by the caller).
 */
public interface DocumentSafe extends Provider {

    /** An owner kind: a person's safe (the user id). */
    String PERSON = "person";

    /** An owner kind: an organisation account's safe (the organisation's id). */
    String ORGANISATION = "organisation";

    /**
     * Whose safe, and who acts on it.
     *
     * @param kind    {@value #PERSON} or {@value #ORGANISATION}
     * @param id      the user id or the organisation's id
     * @param actorId the user who acts: for a person's safe the person (or null); for an organisation's safe the
     *                member whose role the safe checks (reading: a member, writing: an administrator; another
     *                organisation's member or no member: 404 {@code not_found}) and whose activity log records the
     *                transfer. Null only for {@link #store} and {@link #refusal} on the Postfach's own behalf (an
     *                authority's delivery into the safe): then the organisation need only be an active organisation
     *                account, and no member's log records it.
     */
    record SafeOwner(String kind, String id, String actorId) {

        public static SafeOwner person(String userId) {
            return new SafeOwner(PERSON, userId, userId);
        }

        public static SafeOwner organisation(String orgId, String actorId) {
            return new SafeOwner(ORGANISATION, orgId, actorId);
        }
    }

    /**
     * Where {@link #store} puts documents: an existing folder of the safe by its id (another safe's or an unknown id:
     * 404 {@code not_found}), a top folder by its name (created if missing), or the top (both null).
     */
    record Folder(String id, String topName) {

        public static final Folder TOP = new Folder(null, null);

        public Folder {
            if (id != null && topName != null) {
                throw new IllegalArgumentException("a folder by id or by name, not both");
            }
        }

        public static Folder existing(String id) {
            return new Folder(id, null);
        }

        public static Folder topNamed(String name) {
            return new Folder(null, name);
        }
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

    /**
     * A document's type, size and the trust level it needs ({@code minLoa}, 1 niedrig … 3 hoch), as {@link #describe}
     * answers them before anything is copied: a copy elsewhere must not be readable at a lower level.
     */
    record Description(String mimeType, long size, int minLoa) {
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
     * Refuses as {@link #open} ({@code write} false) or {@link #store} ({@code write} true) would for who acts on the
     * safe (404 {@code not_found}, 403 {@code organisation_not_active}, 403 {@code organisation_admin_required}, 409
     * {@code safe_unavailable}), reading and writing nothing: the Postfach asks before it reads a message to save, so
     * a refused save leaves no trace (no retrieval of a notice recorded).
     */
    void authorize(RealmModel realm, SafeOwner owner, boolean write);

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
     * Stores the documents in the owner's safe, in {@code folder} (an existing folder, a top folder by name created
     * if missing, or the top), all or none. Names, types and the limits ({@link #DOES_NOT_FIT}) are checked for the whole set
     * under the safe's lock before the first is written, so such a refusal leaves nothing behind; a content that does
     * not match its declared size or type fails later (409 {@code content_integrity}, 415
     * {@code content_type_mismatch}) and the caller must roll back. Returns the new documents' ids in order.
     * {@code minLoa}: the trust level a session needs to read them (their source's: a Postfach message's required
     * level; 1 for the lowest).
     */
    List<String> store(RealmModel realm, SafeOwner owner, Folder folder, int minLoa, List<NewDocument> documents)
            throws IOException;

    /**
     * Whether {@link #store} would take these documents into {@code folder} now (who acts, names, types, the limits
     * counting what open upload sessions reserve, the folder if it is to be created): null if it would, else the code
     * it would refuse them with. Nothing is written.
     */
    String refusal(RealmModel realm, SafeOwner owner, Folder folder, List<Planned> documents);

    @Override
    default void close() {
    }
}
