package de.servicekonto.activity;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The activity log's table, always by realm and user. */
final class ActivityStore {

    private final EntityManager em;

    ActivityStore(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    void add(ActivityEntity entry) {
        em.persist(entry);
    }

    /** The owner's entries, newest first. */
    List<ActivityEntity> list(String realmId, String userId, Page page) {
        return em.createQuery("select a from ActivityEntity a where a.realmId = :realm and a.userId = :user"
                        + " order by a.time desc, a.id", ActivityEntity.class)
                .setParameter("realm", realmId).setParameter("user", userId)
                .setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    /** The details of the owner's entries of one type since {@code time} (inclusive), newest first. */
    List<String> details(String realmId, String userId, ActivityType type, long time) {
        return em.createQuery("select a.detail from ActivityEntity a where a.realmId = :realm and a.userId = :user"
                        + " and a.type = :type and a.time >= :time order by a.time desc", String.class)
                .setParameter("realm", realmId).setParameter("user", userId).setParameter("type", type.name())
                .setParameter("time", time).getResultList();
    }

    int deleteOlderThan(String realmId, long time) {
        return em.createQuery("delete from ActivityEntity a where a.realmId = :realm and a.time < :time")
                .setParameter("realm", realmId).setParameter("time", time).executeUpdate();
    }

    void deleteUser(String realmId, String userId) {
        em.createQuery("delete from ActivityEntity a where a.realmId = :realm and a.userId = :user")
                .setParameter("realm", realmId).setParameter("user", userId).executeUpdate();
    }

    void deleteRealm(String realmId) {
        em.createQuery("delete from ActivityEntity a where a.realmId = :realm").setParameter("realm", realmId).executeUpdate();
    }
}
