package de.servicekonto.dokumentensafe.keycloak;

import de.servicekonto.dokumentensafe.Documents;
import de.servicekonto.dokumentensafe.Owner;
import de.servicekonto.dokumentensafe.PostfachCopies;
import de.servicekonto.rest.ApiException;
import de.servicekonto.spi.DocumentSafe;
import de.servicekonto.spi.DocumentSafeFactory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * The Dokumentensafe as the {@link DocumentSafe} other modules use (the Postfach): only through the public methods of
 * {@link Documents} (share into the Postfach) and {@link PostfachCopies} (save from the Postfach), so every check, the
 * encryption, the limits and the activity log entry are the safe's own; the log names these as transfers with the Postfach, not
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
    public Description describe(RealmModel realm, SafeOwner owner, String documentId, int sessionLoa) {
        Owner safeOwner = owner(owner);
        Map<String, Object> described = refusingUnchecked(() -> KeycloakSafe.of(session, realm).at(sessionLoa).postfach()
                .describe(safeOwner, documentId));
        return new Description((String) described.get("type"), ((Number) described.get("size")).longValue());
    }

    @Override
    public List<String> store(RealmModel realm, SafeOwner owner, String folder, int minLoa, List<NewDocument> documents)
            throws IOException {
        Owner safeOwner = owner(owner);
        List<PostfachCopies.Incoming> incoming = documents.stream().map(d -> new PostfachCopies.Incoming(d.name(),
                d.mimeType(), d.size(), d.content())).toList();
        return refusing(() -> KeycloakSafe.of(session, realm).postfach().store(safeOwner, folder, minLoa, incoming));
    }

    @Override
    public String refusal(RealmModel realm, SafeOwner owner, String folder, List<Planned> documents) {
        Owner safeOwner = owner(owner);
        try {
            return KeycloakSafe.of(session, realm).postfach().refusal(safeOwner, folder,
                    documents.stream().map(Planned::name).toList(), documents.stream().map(Planned::mimeType).toList(),
                    documents.stream().map(Planned::size).toList());
        } catch (ApiException e) {
            return e.code();
        }
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

    private static <T> T refusingUnchecked(Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw new Refused(e.status(), e.code(), e.description());
        }
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
