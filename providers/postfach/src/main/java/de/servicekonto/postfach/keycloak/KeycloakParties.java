package de.servicekonto.postfach.keycloak;

import de.servicekonto.postfach.Account;
import de.servicekonto.postfach.InvisibleCharacters;
import de.servicekonto.postfach.Parties;
import de.servicekonto.postfach.spi.AuthorityDirectory;
import de.servicekonto.postfach.spi.AuthorityRef;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** {@link Parties} on Keycloak's users of the realm and the {@link AuthorityDirectory}. */
public final class KeycloakParties implements Parties {

    /**
     * User attribute: {@code false} suppresses e-mails about ordinary new messages (never those about official
     * notices). Set by the account itself through the settings of its mailbox ({@link NotificationSettings}).
     */
    public static final String NOTIFY_ATTRIBUTE = "sk-postfach-notify";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuthorityDirectory directory;

    public KeycloakParties(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.directory = session.getProvider(AuthorityDirectory.class);
    }

    @Override
    public Optional<AuthorityRef> authority(String authorityId) {
        return directory.find(realm, authorityId);
    }

    @Override
    public boolean mayActForAuthority(String userId, String authorityId) {
        UserModel user = session.users().getUserById(realm, userId);
        return user != null && directory.mayActFor(realm, user, authorityId);
    }

    @Override
    public Optional<String> organisationName(String orgId) {
        return directory.organisationName(realm, orgId);
    }

    @Override
    public boolean isOrganisation(String orgId) {
        return directory.isOrganisation(realm, orgId);
    }

    @Override
    public boolean mayActForOrganisation(String userId, String orgId) {
        UserModel user = session.users().getUserById(realm, userId);
        return user != null && directory.mayActForOrganisation(realm, user, orgId);
    }

    @Override
    public Optional<Account> account(String userId) {
        return Optional.ofNullable(session.users().getUserById(realm, userId)).map(KeycloakParties::account);
    }

    /** What the Postfach needs of a Keycloak user. */
    public static Account account(UserModel user) {
        // Keycloak's person-name validator refuses control characters (Cc) but not format characters (Cf) such as
        // U+202E: they would reorder what an authority's staff read as the sender, so the name goes without them.
        String name = InvisibleCharacters.strip((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                + (user.getLastName() == null ? "" : user.getLastName())).strip();
        return new Account(user.getId(), name.isEmpty() ? user.getUsername() : name, user.isEnabled(),
                user.getServiceAccountClientLink() != null, user.getEmail() != null && user.isEmailVerified(),
                !"false".equalsIgnoreCase(user.getFirstAttribute(NOTIFY_ATTRIBUTE)));
    }
}
