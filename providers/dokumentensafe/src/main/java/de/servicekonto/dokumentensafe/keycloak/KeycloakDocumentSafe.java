package de.servicekonto.dokumentensafe.keycloak;

import de.servicekonto.dokumentensafe.Documents;
import de.servicekonto.dokumentensafe.Dokumentensafe;
import de.servicekonto.dokumentensafe.OrganisationSafeAccess;
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
import org.keycloak.models.UserModel;

/**
 * The Dokumentensafe as the {@link DocumentSafe} other modules use (the Postfach): only through the public methods of
 * {@link Documents} (share into the Postfach) and {@link PostfachCopies} (save from the Postfach), so every check, the
 * encryption, the limits and the activity log entry are the safe's own; the log names these as transfers with the Postfach, not
 * as plain uploads and downloads. Who acts on an organisation's safe is checked here with the safe's own rules
 * ({@link OrganisationSafeAccess}), and the transfer goes into that member's activity log. The owner's safe key stays in the safe: content leaves it as
 * plaintext stream and the Postfach encrypts it under its own mailbox key (and the other way round).
 */
public final class KeycloakDocumentSafe implements DocumentSafe {

    private final KeycloakSession session;

    KeycloakDocumentSafe(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void authorize(RealmModel realm, SafeOwner owner, boolean write) {
        acting(realm, owner, write ? Need.WRITE : Need.READ);
    }

    @Override
    public Document open(RealmModel realm, SafeOwner owner, String documentId, int sessionLoa) throws IOException {
        Acting acting = acting(realm, owner, Need.READ);
        Documents.Download download = refusing(() -> acting.safe().at(sessionLoa).documents()
                .shareIntoPostfach(acting.owner(), documentId));
        return new Document(download.name(), download.mimeType(), download.size(), download.openStream());
    }

    @Override
    public Description describe(RealmModel realm, SafeOwner owner, String documentId, int sessionLoa) {
        Acting acting = acting(realm, owner, Need.READ);
        Map<String, Object> described = refusingUnchecked(() -> acting.safe().at(sessionLoa).postfach()
                .describe(acting.owner(), documentId));
        return new Description((String) described.get("type"), ((Number) described.get("size")).longValue(),
                ((Number) described.get("minLoa")).intValue());
    }

    @Override
    public List<String> store(RealmModel realm, SafeOwner owner, Folder folder, int minLoa, List<NewDocument> documents)
            throws IOException {
        Acting acting = acting(realm, owner, Need.WRITE);
        List<PostfachCopies.Incoming> incoming = documents.stream().map(d -> new PostfachCopies.Incoming(d.name(),
                d.mimeType(), d.size(), d.content())).toList();
        return refusing(() -> acting.safe().postfach().store(acting.owner(), folder.id(), folder.topName(), minLoa,
                incoming));
    }

    @Override
    public String refusal(RealmModel realm, SafeOwner owner, Folder folder, List<Planned> documents) {
        try {
            Acting acting = acting(realm, owner, Need.WRITE);
            return acting.safe().postfach().refusal(acting.owner(), folder.id(), folder.topName(),
                    documents.stream().map(Planned::name).toList(), documents.stream().map(Planned::mimeType).toList(),
                    documents.stream().map(Planned::size).toList());
        } catch (Refused e) {
            return e.code();
        } catch (ApiException e) {
            return e.code();
        }
    }

    private enum Need { READ, WRITE }

    /** The safe's owner, and the safe of the realm as the acting member's requests see it (their activity log). */
    private record Acting(Owner owner, Dokumentensafe safe) {
    }

    /**
     * Whose safe, after the safe's own rules on who acts: a person acts on their own safe only; on an organisation's
     * safe a member reads and an administrator writes ({@link OrganisationSafeAccess}, as the safe's own API), and
     * without a member ({@code actorId} null) the Postfach may only store an authority's delivery into an active
     * organisation account's safe. An authority or any other kind has no safe here: 409 {@code safe_unavailable}.
     */
    private Acting acting(RealmModel realm, SafeOwner owner, Need need) {
        Objects.requireNonNull(owner.id());
        if (DocumentSafe.PERSON.equals(owner.kind())) {
            if (owner.actorId() != null && !owner.actorId().equals(owner.id())) {
                throw new Refused(404, "not_found", "no such document safe");
            }
            return new Acting(Owner.person(owner.id()), KeycloakSafe.of(session, realm));
        }
        if (!DocumentSafe.ORGANISATION.equals(owner.kind())) {
            throw new Refused(409, "safe_unavailable", "this account has no Dokumentensafe");
        }
        UserModel actor = owner.actorId() == null ? null : session.users().getUserById(realm, owner.actorId());
        refusingUnchecked(() -> {
            if (owner.actorId() != null) {
                OrganisationSafeAccess.require(OrganisationMembership.of(session, realm, actor, owner.id()),
                        need == Need.WRITE);
            } else if (need == Need.WRITE) {
                OrganisationSafeAccess.requireDelivery(OrganisationMembership.ofAccount(session, realm, owner.id()));
            } else {
                throw new ApiException(404, "not_found", "no such organisation safe");
            }
            return null;
        });
        return new Acting(Owner.organisation(owner.id()), KeycloakSafe.of(session, realm, actor));
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
