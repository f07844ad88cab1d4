package de.servicekonto.postfach.keycloak;

import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.postfach.Attachments;
import de.servicekonto.postfach.Caller;
import de.servicekonto.postfach.Party;
import de.servicekonto.postfach.PostfachException;
import de.servicekonto.spi.DocumentSafe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The Postfach's way to the Dokumentensafe, through the {@link DocumentSafe} SPI of providers/spi (the two modules do
 * not compile against each other). Content crosses as plaintext streams: each side encrypts under its own owner's key
 * (the mailbox's data key here, the safe's data key there), because the two stores keep separate keys, shredded
 * separately. A person's mailbox reaches the person's safe, an organisation's mailbox the organisation's safe (with
 * the acting member named, so the safe applies its own roles and writes that member's activity log), never another.
 * Without the safe's provider, for an authority's mailbox (no safe), or without the safe's scope on the token, the
 * call is refused before anything is read.
 */
public final class SafeLink {

    /** The Dokumentensafe's scopes: reading from the safe, writing into it. */
    public static final String READ = "dokumentensafe:read";
    public static final String WRITE = "dokumentensafe:write";

    /** The folder an authority's delivery into the safe goes to. */
    public static final String NOTICE_FOLDER = "Bescheide";

    private final RealmModel realm;
    private final DocumentSafe safe;

    private SafeLink(KeycloakSession session, DocumentSafe safe) {
        this(session.getContext().getRealm(), safe);
    }

    private SafeLink(RealmModel realm, DocumentSafe safe) {
        this.realm = realm;
        this.safe = safe;
    }

    /**
     * A link to this {@code safe} of {@code realm} (handed to it as it is), for the unit tests of the Postfach's side;
     * the server reaches the safe through {@link #forCaller} and {@link #available}.
     */
    public static SafeLink of(RealmModel realm, DocumentSafe safe) {
        return new SafeLink(realm, safe);
    }

    /**
     * The safe for a caller holding {@code scope}: a portal's token needs the safe's own scope as well as the
     * Postfach's, so a client allowed the Postfach alone cannot reach the safe through it.
     */
    public static SafeLink forCaller(KeycloakSession session, Caller caller, String scope) {
        if (!caller.scopes().contains(scope)) {
            throw new PostfachException(403, "insufficient_scope", "the token lacks scope " + scope);
        }
        return available(session);
    }

    /** The safe, for the Postfach's own use (an authority's delivery into the recipient's safe). */
    public static SafeLink available(KeycloakSession session) {
        DocumentSafe safe = session.getProvider(DocumentSafe.class);
        if (safe == null) {
            throw unavailable("the Dokumentensafe is not installed");
        }
        return new SafeLink(session, safe);
    }

    /** A document of the safe staged as an upload: the upload's id and the trust level the document needs. */
    public record Staged(String uploadId, int minLoa) {
    }

    /**
     * Stages a document of the owner's safe as an upload of the mailbox and answers its id with the document's level
     * (a message carrying it must need at least that level, or a weaker session could read it there). The Postfach's type and
     * size limits are applied to what the safe says of the document before its content is copied out of the safe
     * (then, reading it, as for any upload: sniffed, counted, encrypted under the mailbox's key). Another owner's id
     * answers 404 {@code not_found}; content that fails authentication 409 {@code content_integrity}.
     */
    public Staged stageFromSafe(Party owner, String actorId, String documentId, int sessionLoa, Attachments attachments) {
        DocumentSafe.SafeOwner safeOwner = safeOwner(owner, actorId);
        DocumentSafe.Description description;
        try {
            description = safe.describe(realm, safeOwner, documentId, sessionLoa);
        } catch (DocumentSafe.Refused e) {
            throw refused(e);
        }
        attachments.requireStageable(description.mimeType(), description.size());
        DocumentSafe.Document document;
        try {
            document = safe.open(realm, safeOwner, documentId, sessionLoa);
        } catch (DocumentSafe.Refused e) {
            throw refused(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream content = document.content()) { // closing removes what the safe spooled
            return new Staged((String) attachments.stage(owner, document.name(), document.mimeType(), document.size(),
                    content).get("id"), description.minLoa());
        } catch (DecryptionException e) {
            throw integrity("the document of the safe failed authentication");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stores {@code extra} documents and the attachments' plaintext after them in the owner's safe, in
     * {@code folder}, all or none, as {@code actorId} (null: the Postfach itself, for an authority's delivery);
     * returns the new ids in that order. Every attachment's
     * temporary file is removed, whatever happens. An attachment that fails authentication: 409
     * {@code content_integrity}.
     */
    public List<String> store(Party owner, String actorId, DocumentSafe.Folder folder, int minLoa,
                              List<Attachments.Download> attachments,
                              List<DocumentSafe.NewDocument> extra) {
        List<InputStream> open = new ArrayList<>();
        // The copies need at least the level of every message they come from.
        int level = attachments.stream().mapToInt(Attachments.Download::minLoa).reduce(minLoa, Math::max);
        try {
            List<DocumentSafe.NewDocument> documents = new ArrayList<>(extra);
            for (Attachments.Download download : attachments) {
                InputStream plaintext = download.plaintext();
                open.add(plaintext);
                documents.add(new DocumentSafe.NewDocument(download.filename(), download.mimeType(), download.size(), plaintext));
            }
            return safe.store(realm, safeOwner(owner, actorId), folder, level, documents);
        } catch (DocumentSafe.Refused e) {
            throw refused(e);
        } catch (DecryptionException e) {
            throw integrity("an attachment failed authentication");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (InputStream in : open) {
                try {
                    in.close(); // deletes the temporary ciphertext file
                } catch (IOException ignored) {
                    // nothing more to clean
                }
            }
            // Those not opened (one failed to open before them) are removed too.
            Attachments.discardAll(attachments);
        }
    }

    /**
     * Null if these documents (name, type, size) would go into the owner's safe, into {@code folder}, stored by
     * {@code actorId} (null: the Postfach itself), else the code the safe would refuse them with.
     */
    public String refusal(Party owner, String actorId, DocumentSafe.Folder folder, List<DocumentSafe.Planned> documents) {
        try {
            return safe.refusal(realm, safeOwner(owner, actorId), folder, documents);
        } catch (DocumentSafe.Refused e) {
            return e.code();
        }
    }

    /**
     * Refuses before anything is read if the mailbox's owner has no safe (409 {@code safe_unavailable}),
     * {@code actorId} may not write into it (the safe's own answer: for an organisation's safe, its administrators
     * write; another organisation's member gets 404 {@code not_found}) or the chosen existing folder is not one of
     * that safe (404 {@code not_found}): a save into a wrong folder opens no message and copies no attachment.
     */
    public void requireWritable(Party owner, String actorId, DocumentSafe.Folder folder) {
        try {
            safe.authorize(realm, safeOwner(owner, actorId), true);
        } catch (DocumentSafe.Refused e) {
            throw refused(e);
        }
        if (folder != null && folder.id() != null
                && "not_found".equals(refusal(owner, actorId, folder, List.of()))) {
            throw new PostfachException(404, "not_found", "the safe has no such folder");
        }
    }

    /** Refuses (409 {@code safe_unavailable}) before anything is read if the mailbox's owner has no safe at all. */
    public void requireSafe(Party owner) {
        safeOwner(owner, null);
    }

    /**
     * The safe of the mailbox's owner: a person's own, an organisation's (the member acting for it named, whose role
     * the safe checks); an authority has none.
     */
    private static DocumentSafe.SafeOwner safeOwner(Party owner, String actorId) {
        return switch (owner.kind()) {
            case USER -> DocumentSafe.SafeOwner.person(owner.id());
            case ORGANISATION -> DocumentSafe.SafeOwner.organisation(owner.id(), actorId);
            case AUTHORITY -> throw unavailable("an authority's mailbox has no Dokumentensafe");
        };
    }

    private static PostfachException unavailable(String description) {
        return new PostfachException(409, "safe_unavailable", description);
    }

    private static PostfachException integrity(String description) {
        return new PostfachException(409, "content_integrity", description);
    }

    private static PostfachException refused(DocumentSafe.Refused e) {
        return new PostfachException(e.status(), e.code(), e.getMessage());
    }
}
