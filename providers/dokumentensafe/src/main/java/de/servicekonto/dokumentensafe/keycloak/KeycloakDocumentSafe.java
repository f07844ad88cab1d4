package de.servicekonto.dokumentensafe.keycloak;

import de.servicekonto.dokumentensafe.Documents;
import de.servicekonto.dokumentensafe.Dokumentensafe;
import de.servicekonto.dokumentensafe.Owner;
import de.servicekonto.dokumentensafe.SafeSettings;
import de.servicekonto.rest.ApiException;
import de.servicekonto.spi.DocumentSafe;
import de.servicekonto.spi.DocumentSafeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * The Dokumentensafe as the {@link DocumentSafe} other modules use (the Postfach): only through the public methods of
 * {@link Documents} (save from the Postfach, share into the Postfach) and the folders, so every check, the encryption,
 * the limits and the activity log entry are the safe's own; the log names these as transfers with the Postfach, not
 * as plain uploads and downloads. The owner's safe key stays in the safe: content leaves it as
 * plaintext stream and the Postfach encrypts it under its own mailbox key (and the other way round).
 */
public final class KeycloakDocumentSafe implements DocumentSafe {

    private final KeycloakSession session;

    KeycloakDocumentSafe(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Document open(RealmModel realm, SafeOwner owner, String documentId, int sessionLoa) throws IOException {
        Owner safeOwner = owner(owner);
        Documents.Download download = refusing(() -> KeycloakSafe.of(session, realm).at(sessionLoa).documents()
                .shareIntoPostfach(safeOwner, documentId));
        return new Document(download.name(), download.mimeType(), download.size(), download.openStream());
    }

    @Override
    public List<String> store(RealmModel realm, SafeOwner owner, String folder, int minLoa, List<NewDocument> documents)
            throws IOException {
        Owner safeOwner = owner(owner);
        String refusal = refusal(realm, owner, documents.stream().map(NewDocument::size).toList());
        if (refusal != null) {
            throw new Refused(413, refusal, "the documents do not fit into the safe");
        }
        Dokumentensafe safe = refusing(() -> KeycloakSafe.of(session, realm));
        String folderId = folder == null ? null : refusing(() -> folder(safe, safeOwner, folder));
        List<String> ids = new ArrayList<>();
        for (NewDocument document : documents) {
            Map<String, Object> stored = refusing(() -> safe.documents().saveFromPostfach(safeOwner, document.name(),
                    folderId, document.mimeType(), document.size(), document.content(), minLoa));
            ids.add((String) stored.get("id"));
        }
        return ids;
    }

    @Override
    public String refusal(RealmModel realm, SafeOwner owner, List<Long> sizes) {
        Owner safeOwner = owner(owner);
        Map<String, Object> usage;
        try {
            usage = KeycloakSafe.of(session, realm).documents().usage(safeOwner);
        } catch (ApiException e) {
            return e.code();
        }
        long used = ((Number) usage.get("usedBytes")).longValue();
        long quota = ((Number) usage.get("quotaBytes")).longValue();
        long maxFile = ((Number) usage.get("maxFileBytes")).longValue();
        long count = ((Number) usage.get("documents")).longValue();
        if (sizes.stream().anyMatch(size -> size > maxFile)) {
            return "file_too_large";
        }
        if (used + sizes.stream().mapToLong(Long::longValue).sum() > quota) {
            return "quota_exceeded";
        }
        return count + sizes.size() > SafeSettings.MAX_DOCUMENTS ? "too_many_documents" : null;
    }

    /** The top folder of that name, created on first use. */
    @SuppressWarnings("unchecked")
    private static String folder(Dokumentensafe safe, Owner owner, String name) {
        for (Map<String, Object> folder : (List<Map<String, Object>>) safe.folders().list(owner).get("folders")) {
            if (folder.get("parent") == null && name.equals(folder.get("name"))) {
                return (String) folder.get("id");
            }
        }
        return (String) safe.folders().create(owner, name, null).get("id");
    }

    /** Only persons have a safe in this slice; an organisation's or authority's has none yet. */
    private static Owner owner(SafeOwner owner) {
        if (!DocumentSafe.PERSON.equals(owner.kind())) {
            throw new Refused(409, "safe_unavailable", "this account has no Dokumentensafe");
        }
        return Owner.person(Objects.requireNonNull(owner.id()));
    }

    private interface SafeCall<T> {
        T call() throws IOException;
    }

    /** The safe's own refusals as {@link Refused}, code and status unchanged. */
    private static <T> T refusing(SafeCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (ApiException e) {
            throw new Refused(e.status(), e.code(), e.description());
        }
    }

    /** Registered in META-INF/services as the Dokumentensafe's {@link DocumentSafeFactory}. */
    public static final class Factory implements DocumentSafeFactory {

        public static final String ID = "sk-dokumentensafe";

        @Override
        public DocumentSafe create(KeycloakSession session) {
            return new KeycloakDocumentSafe(session);
        }

        @Override
        public void init(Config.Scope config) {
        }

        @Override
        public void postInit(KeycloakSessionFactory factory) {
        }

        @Override
        public void close() {
        }

        @Override
        public String getId() {
            return ID;
        }
    }
}
