package de.servicekonto.stammdaten.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.keycloak.authorization.fgap.AdminPermissionsSchema;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.storage.UserStoragePrivateUtil;

/**
 * Values of a user attribute that may belong to one account of a realm only, checked under a database lock of ours
 * ({@code SK_ATTRIBUTE_LOCK}); the accounts are searched through Keycloak's {@link UserProvider}, never its tables.
 */
public final class UniqueValues {

    /** Two are enough: the account being changed may hold the value already, any other one is a conflict. */
    private static final int ENOUGH = 2;

    private UniqueValues() {
    }

    /**
     * Whether another account of the realm has {@code value} (ignoring case) in attribute {@code name}. First takes
     * the realm's lock for that attribute for the rest of the current transaction, so a concurrent transaction giving
     * the same value to another account waits and then sees it.
     *
     * @param userId the account being changed, or null for one being registered
     */
    public static boolean takenByOther(KeycloakSession session, RealmModel realm, String name, String value, String userId) {
        lock(session, realm, name);
        // The realm's own accounts (as before: a user federation is not asked during a profile update), service
        // accounts included; the search runs in this transaction, after the lock, on the same connection.
        // Keycloak's user search filters by the caller's fine-grained admin permissions (FGAP v2): an administrator
        // who may see only some accounts would otherwise miss the one that holds the value and save a duplicate.
        // Uniqueness is a property of the realm, not of what the caller may see; the answer reveals only "taken".
        return AdminPermissionsSchema.runWithoutAuthorization(session,
                () -> heldByOther(UserStoragePrivateUtil.userLocalStorage(session), realm, name, value, userId));
    }

    /**
     * Whether an account of the realm other than {@code userId} has attribute {@code name} equal to {@code value},
     * ignoring case and the blanks around {@code value}. Keycloak's search on a custom attribute with
     * {@link UserModel#EXACT} {@code true} compares {@code lower(value)} for equality (Keycloak 26.7.3:
     * {@code JpaUserProvider.searchForUserStream}; values over 255 characters by a hash of the lower case), which is
     * the equality this validator promises. It is set explicitly, although it is Keycloak's default today: with
     * {@code false} Keycloak matches substrings, and a taken {@code a@x.de-mail.de} would refuse {@code a@x.de}.
     */
    static boolean heldByOther(UserProvider users, RealmModel realm, String name, String value, String userId) {
        Map<String, String> search = new HashMap<>();
        search.put(name, value.strip().toLowerCase(Locale.ROOT));
        search.put(UserModel.EXACT, Boolean.TRUE.toString());
        search.put(UserModel.INCLUDE_SERVICE_ACCOUNT, Boolean.TRUE.toString());
        try (Stream<UserModel> holders = users.searchForUserStream(realm, search, 0, ENOUGH)) {
            return holders.anyMatch(user -> !user.getId().equals(userId));
        }
    }

    private static void lock(KeycloakSession session, RealmModel realm, String name) {
        String id = AttributeLockEntity.id(realm.getId(), name);
        EntityManager em = entityManager(session);
        if (em.find(AttributeLockEntity.class, id, LockModeType.PESSIMISTIC_WRITE) != null) {
            return;
        }
        // First use in this realm: create the row in a transaction of its own (a concurrent first use may win).
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(),
                    other -> entityManager(other).persist(new AttributeLockEntity(realm.getId(), name)));
        } catch (RuntimeException createdConcurrently) {
            // the row exists now either way
        }
        if (em.find(AttributeLockEntity.class, id, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw new IllegalStateException("lock row " + id + " missing");
        }
    }

    /** Removes the lock rows of a deleted realm. */
    static void forgetRealm(KeycloakSession session, String realmId) {
        entityManager(session).createQuery("delete from AttributeLockEntity l where l.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }

    private static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
