package de.servicekonto.postfach.keycloak;

import de.servicekonto.crypto.keycloak.VaultKekRing;
import de.servicekonto.postfach.MailboxCrypto;
import de.servicekonto.postfach.Postfach;
import de.servicekonto.postfach.PostfachContext;
import de.servicekonto.postfach.PostfachSettings;
import de.servicekonto.postfach.spi.PostfachStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The {@link Postfach} of a realm in the server: its store provider, its attributes, its vault, its users. */
public final class KeycloakPostfach {

    private KeycloakPostfach() {
    }

    public static Postfach of(KeycloakSession session, RealmModel realm) {
        PostfachStore store = session.getProvider(PostfachStore.class);
        MailboxCrypto crypto = new MailboxCrypto(realm.getId(), realm.getName(), store.dataKeyStore(),
                () -> VaultKekRing.cached(session, MailboxCrypto.KEK_REFERENCE));
        return new Postfach(new PostfachContext(realm.getId(), realm.getName(), PostfachSettings.read(realm::getAttribute),
                store, new KeycloakParties(session, realm), crypto, System::currentTimeMillis));
    }
}
