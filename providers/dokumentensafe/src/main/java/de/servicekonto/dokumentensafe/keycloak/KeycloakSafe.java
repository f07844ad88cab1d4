package de.servicekonto.dokumentensafe.keycloak;

import de.servicekonto.crypto.keycloak.VaultKekRing;
import de.servicekonto.dokumentensafe.ContentReads;
import de.servicekonto.dokumentensafe.Dokumentensafe;
import de.servicekonto.dokumentensafe.Owner;
import de.servicekonto.dokumentensafe.SafeContext;
import de.servicekonto.dokumentensafe.SafeCrypto;
import de.servicekonto.dokumentensafe.SafeSettings;
import de.servicekonto.dokumentensafe.spi.SafeStore;
import de.servicekonto.spi.DocumentActivityEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

/** The {@link Dokumentensafe} of a realm in the server: its store provider, attributes, vault and activity log. */
public final class KeycloakSafe {

    private KeycloakSafe() {
    }

    /** The safes of the realm for a task or another module: a person's own safe logs to its owner. */
    public static Dokumentensafe of(KeycloakSession session, RealmModel realm) {
        return of(session, realm, null);
    }

    /**
     * The safes of the realm for a request of {@code actor}: what they do in an organisation's safe goes into their
     * own activity log with the organisation's name (the log is per person).
     */
    public static Dokumentensafe of(KeycloakSession session, RealmModel realm, UserModel actor) {
        SafeStore store = session.getProvider(SafeStore.class);
        SafeCrypto crypto = new SafeCrypto(realm.getId(), store.dataKeyStore(),
                () -> VaultKekRing.cached(session, SafeCrypto.KEK_REFERENCE));
        SafeContext.Audit audit = (owner, action, documentId) -> {
            boolean person = Owner.PERSON.equals(owner.kind());
            UserModel user = person ? session.users().getUserById(realm, owner.id()) : actor;
            if (user != null) {
                // The activity log listens (providers/spi): no compile dependency between the two modules.
                session.getKeycloakSessionFactory().publish(new DocumentActivityEvent(session, realm, user, action,
                        documentId, person ? null : organisationName(session, owner.id())));
            }
        };
        return new Dokumentensafe(new SafeContext(realm.getId(), SafeSettings.read(realm::getAttribute), store, crypto,
                System::currentTimeMillis, audit));
    }

    /** Whether the caller may still read, asked again in each piece's own session. */
    @FunctionalInterface
    public interface StillAllowed {
        /** Throws (the download breaks off) if the caller may no longer read the document. */
        void check(KeycloakSession own) throws IOException;
    }

    /**
     * Reads for a download's response, written after the request's transaction was committed: each piece in a short
     * transaction of its own ({@code KeycloakModelUtils.runJobInTransactionWithResult}), so a slow client holds no
     * transaction or database connection between pieces, and a document deleted meanwhile is noticed; so is a caller
     * who may no longer read ({@code stillAllowed}, checked in the same transaction before each piece).
     */
    public static ContentReads ownTransactions(KeycloakSession session, StillAllowed stillAllowed) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        return piece -> {
            try {
                return KeycloakModelUtils.runJobInTransactionWithResult(factory, own -> {
                    try {
                        stillAllowed.check(own);
                        return piece.readFrom(own.getProvider(SafeStore.class));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
    }

    /** The organisation's name as the log shows it; its id if Keycloak no longer knows it. */
    private static String organisationName(KeycloakSession session, String orgId) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel org = organizations == null ? null : organizations.getById(orgId);
        return org == null ? orgId : org.getName();
    }
}
