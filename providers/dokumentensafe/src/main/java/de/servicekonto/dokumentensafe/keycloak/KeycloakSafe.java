package de.servicekonto.dokumentensafe.keycloak;

import de.servicekonto.crypto.keycloak.VaultKekRing;
import de.servicekonto.dokumentensafe.Dokumentensafe;
import de.servicekonto.dokumentensafe.SafeContext;
import de.servicekonto.dokumentensafe.SafeCrypto;
import de.servicekonto.dokumentensafe.SafeSettings;
import de.servicekonto.dokumentensafe.spi.SafeStore;
import de.servicekonto.spi.DocumentActivityEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The {@link Dokumentensafe} of a realm in the server: its store provider, attributes, vault and activity log. */
public final class KeycloakSafe {

    private KeycloakSafe() {
    }

    public static Dokumentensafe of(KeycloakSession session, RealmModel realm) {
        SafeStore store = session.getProvider(SafeStore.class);
        SafeCrypto crypto = new SafeCrypto(realm.getId(), store.dataKeyStore(),
                () -> VaultKekRing.read(session, SafeCrypto.KEK_REFERENCE));
        SafeContext.Audit audit = (owner, action, documentId) -> {
            UserModel user = session.users().getUserById(realm, owner.id());
            if (user != null) {
                // The activity log listens (providers/spi): no compile dependency between the two modules.
                session.getKeycloakSessionFactory().publish(new DocumentActivityEvent(session, realm, user, action, documentId));
            }
        };
        return new Dokumentensafe(new SafeContext(realm.getId(), SafeSettings.read(realm::getAttribute), store, crypto,
                System::currentTimeMillis, audit));
    }
}
