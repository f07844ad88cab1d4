package de.servicekonto.stammdaten.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Locale;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Values of a user attribute that may belong to one account of a realm only, checked under a database lock. */
public final class UniqueValues {

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
        String normalised = value.strip().toLowerCase(Locale.ROOT);
        EntityManager em = entityManager(session);
        Long count = userId == null
                ? em.createQuery("select count(a) from UserAttributeEntity a where a.name = :name"
                                + " and lower(a.value) = :value and a.user.realmId = :realm", Long.class)
                        .setParameter("name", name).setParameter("value", normalised).setParameter("realm", realm.getId())
                        .getSingleResult()
                : em.createQuery("select count(a) from UserAttributeEntity a where a.name = :name"
                                + " and lower(a.value) = :value and a.user.realmId = :realm and a.user.id <> :user", Long.class)
                        .setParameter("name", name).setParameter("value", normalised).setParameter("realm", realm.getId())
                        .setParameter("user", userId).getSingleResult();
        return count > 0;
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
