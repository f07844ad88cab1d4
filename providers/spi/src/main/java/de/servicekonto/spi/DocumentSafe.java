package de.servicekonto.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
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
    }

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
     * Stores the documents in the owner's safe, in its top folder named {@code folder} (created if missing; null:
     * at the top), all or none: every limit is checked for the whole set before the first is written. Returns the new
     * documents' ids in order. {@code minLoa}: the trust level a session needs to read them (their source's: a
     * Postfach message's required level; 1 for the lowest).
     */
    List<String> store(RealmModel realm, SafeOwner owner, String folder, int minLoa, List<NewDocument> documents)
            throws IOException;

    /**
     * Whether documents of these sizes would fit (quota, per-file limit, number of documents): null if they would,
     * else the code {@link #store} would refuse them with. Nothing is written.
     */
    String refusal(RealmModel realm, SafeOwner owner, List<Long> sizes);

    @Override
    default void close() {
    }
}
