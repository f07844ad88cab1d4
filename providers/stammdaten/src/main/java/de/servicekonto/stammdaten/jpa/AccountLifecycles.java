package de.servicekonto.stammdaten.jpa;

import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The registration-lifecycle marks in our table {@code SK_ACCOUNT_LIFECYCLE} ({@link AccountLifecycleEntity}): the
 * only class that reads or writes it. Times are epoch milliseconds.
 */
public final class AccountLifecycles {

    /** A first row is one per account: written in a transaction of its own, so a concurrent writer cannot fail ours. */
    private static final Logger LOG = Logger.getLogger(AccountLifecycles.class);

    private AccountLifecycles() {
    }

    /** A row as it starts: for an account the sweep has not seen yet, or one that just registered or logged in. */
    public record Mark(String userId, Instant lastActive, Optional<Instant> unconfirmedSince) {
    }

    /**
     * Records a login at {@code at}, unless the recorded one is less than {@code precision} older (fewer writes,
     * still exact enough); a confirmed address ({@code confirmed}) ends the unconfirmed mark. False when the account
     * has no row even now (its first row could not be written): the login is then not recorded.
     */
    public static boolean loggedIn(KeycloakSession session, String realmId, String userId, Instant at, Duration precision,
                                   boolean confirmed) {
        AccountLifecycleEntity row = entityManager(session).find(AccountLifecycleEntity.class, userId);
        if (row == null) {
            insert(session, realmId, List.of(new Mark(userId, at, Optional.empty())));
            // Written by us, or by a census at the same moment with an older time: read it, and move it to this login.
            row = entityManager(session).find(AccountLifecycleEntity.class, userId);
            if (row == null) {
                return false;
            }
        }
        if (row.getLastActive() < at.minus(precision).toEpochMilli()) {
            row.setLastActive(at.toEpochMilli());
        }
        if (confirmed && row.getUnconfirmedSince() != null) {
            row.setUnconfirmedSince(null);
        }
        return true;
    }

    /** A new account: active since its creation, unconfirmed since then if {@code unconfirmed}. */
    public static void registered(KeycloakSession session, String realmId, String userId, Instant at, boolean unconfirmed) {
        AccountLifecycleEntity row = entityManager(session).find(AccountLifecycleEntity.class, userId);
        if (row == null) {
            insert(session, realmId, List.of(new Mark(userId, at, unconfirmed ? Optional.of(at) : Optional.empty())));
        } else if (unconfirmed) {
            row.setUnconfirmedSince(at.toEpochMilli());
        }
    }

    /** The address is confirmed: the account is no longer an unconfirmed registration. */
    public static void confirmed(KeycloakSession session, String userId) {
        AccountLifecycleEntity row = entityManager(session).find(AccountLifecycleEntity.class, userId);
        if (row != null) {
            row.setUnconfirmedSince(null);
        }
    }

    /** When the account was last active, if it has a row. */
    public static Optional<Instant> lastActive(KeycloakSession session, String userId) {
        AccountLifecycleEntity row = entityManager(session).find(AccountLifecycleEntity.class, userId);
        return row == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(row.getLastActive()));
    }

    /** One account's place in the order of inactivity: its last activity (epoch ms), then its id. */
    public record Position(long lastActive, String userId) {
        /** Before every account. */
        public static final Position START = new Position(Long.MIN_VALUE, "");
    }

    /**
     * The next at most {@code max} accounts of the realm inactive since before {@code before}, after {@code after} in
     * the order (last activity, id): a sweep pages through all of them, so accounts it leaves as they are (operators,
     * warned ones waiting for their next date) never hide the ones behind them.
     */
    public static List<Position> inactiveSince(KeycloakSession session, String realmId, Instant before, Position after,
                                               int max) {
        return entityManager(session).createQuery("select l.lastActive, l.userId from AccountLifecycleEntity l"
                        + " where l.realmId = :realm and l.lastActive < :before and (l.lastActive > :active"
                        + " or (l.lastActive = :active and l.userId > :user)) order by l.lastActive, l.userId", Object[].class)
                .setParameter("realm", realmId).setParameter("before", before.toEpochMilli())
                .setParameter("active", after.lastActive()).setParameter("user", after.userId())
                .setMaxResults(max).getResultList().stream()
                .map(row -> new Position(((Number) row[0]).longValue(), (String) row[1])).toList();
    }

    /** Accounts of the realm unconfirmed since before {@code before}; at most {@code max}. */
    public static List<String> unconfirmedBefore(KeycloakSession session, String realmId, Instant before, int max) {
        return entityManager(session).createQuery("select l.userId from AccountLifecycleEntity l where l.realmId = :realm"
                        + " and l.unconfirmedSince < :before order by l.unconfirmedSince", String.class)
                .setParameter("realm", realmId).setParameter("before", before.toEpochMilli()).setMaxResults(max).getResultList();
    }

    /** Which of {@code userIds} have a row. */
    public static Set<String> recorded(KeycloakSession session, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(entityManager(session).createQuery("select l.userId from AccountLifecycleEntity l"
                + " where l.userId in :ids", String.class).setParameter("ids", userIds).getResultList());
    }

    /**
     * Writes first rows in a transaction of their own; rows that exist by then are left as they are. A failure (e.g.
     * a login recording the same account at the same moment) is logged: the account is recorded by the next run.
     */
    public static void insert(KeycloakSession session, String realmId, List<Mark> marks) {
        if (marks.isEmpty()) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                EntityManager em = entityManager(own);
                for (Mark mark : marks) {
                    if (em.find(AccountLifecycleEntity.class, mark.userId()) == null) {
                        em.persist(new AccountLifecycleEntity(realmId, mark.userId(), mark.lastActive().toEpochMilli(),
                                mark.unconfirmedSince().map(Instant::toEpochMilli).orElse(null)));
                    }
                }
            });
        } catch (RuntimeException writtenConcurrently) {
            LOG.debugf("Lifecycle rows of realm %s not written now (%s); the next sweep writes them",
                    realmId, writtenConcurrently.getClass().getSimpleName());
        }
    }

    /** The row of a removed or vanished account. */
    public static void forgetUser(KeycloakSession session, String userId) {
        entityManager(session).createQuery("delete from AccountLifecycleEntity l where l.userId = :user")
                .setParameter("user", userId).executeUpdate();
    }

    static void forgetRealm(KeycloakSession session, String realmId) {
        entityManager(session).createQuery("delete from AccountLifecycleEntity l where l.realmId = :realm")
                .setParameter("realm", realmId).executeUpdate();
    }

    private static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
