package de.servicekonto.postfach.spi;

import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Where the Postfach learns about authorities (Behörden). Deliberately small; the implementation {@code
 * sk-organisations} reads the authority accounts of the {@code organisations} module. Every method works within the
 * given realm only.
 */
public interface AuthorityDirectory extends Provider {

    /** The authority with this id in the realm, active or not; empty if there is none. */
    Optional<AuthorityRef> find(RealmModel realm, String authorityId);

    /** The authority a Fachverfahren client (its service account) acts for, if the client is bound to one. */
    Optional<String> authorityOfServiceAccount(RealmModel realm, ClientModel client);

    /** Whether the user is staff of the authority and may read and send in its mailbox. */
    boolean mayActFor(RealmModel realm, UserModel user, String authorityId);

    @Override
    default void close() {
    }
}
