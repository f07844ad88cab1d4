package de.servicekonto.postfach.spi;

import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Where the Postfach learns about authorities (Behörden) and organisations. Deliberately small; the implementation {@code
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

    /**
     * The display name of the organisation account (not an authority) with this id in the realm, only while its
     * Keycloak organization is enabled; empty otherwise (unknown, another realm's, an authority, disabled).
     */
    Optional<String> organisationName(RealmModel realm, String orgId);

    /** Whether {@code orgId} is an organisation account (not an authority) of this realm, enabled or not. */
    boolean isOrganisation(RealmModel realm, String orgId);

    /**
     * Whether the user may read and send in the organisation's mailbox: a member of the organisation of this realm
     * holding its administrator role. Service accounts never act for organisations.
     */
    boolean mayActForOrganisation(RealmModel realm, UserModel user, String orgId);

    /**
     * The people who read the organisation's mailbox and get its e-mails: enabled members holding the administrator
     * role (no service accounts); empty for anything but an organisation account of this realm.
     */
    java.util.List<UserModel> organisationAdministrators(RealmModel realm, String orgId);

    @Override
    default void close() {
    }
}
