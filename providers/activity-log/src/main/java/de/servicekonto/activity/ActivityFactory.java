package de.servicekonto.activity;

import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Event listener {@value #ID} ({@link ActivityRecorder}); removes the entries of deleted users and realms, and once a
 * day (one node of the cluster) those older than the realm's retention ({@value #RETENTION_ATTRIBUTE}, days,
 * default {@value #DEFAULT_RETENTION_DAYS}).
 */
public final class ActivityFactory implements EventListenerProviderFactory {

    public static final String ID = "sk-activity";
    public static final String RETENTION_ATTRIBUTE = "sk.activity.retentionDays";
    static final int DEFAULT_RETENTION_DAYS = 365;
    private static final String TASK = "sk-activity-retention";
    private static final Logger LOG = Logger.getLogger(ActivityFactory.class);

    private int intervalSeconds = (int) Duration.ofDays(1).toSeconds();

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new ActivityRecorder(session);
    }

    @Override
    public void init(Config.Scope config) {
        intervalSeconds = Math.max(1, config.getInt("retention-interval-seconds", intervalSeconds));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            // Before removal: every path publishes UserPreRemovedEvent (also session.users().removeUser, which
            // Keycloak's Organizations API uses to delete a managed member), UserRemovedEvent only UserManager.
            if (event instanceof UserModel.UserPreRemovedEvent removed) {
                new ActivityStore(removed.getKeycloakSession()).deleteUser(removed.getRealm().getId(), removed.getUser().getId());
            } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new ActivityStore(removed.getKeycloakSession()).deleteRealm(removed.getRealm().getId());
            }
        });
        int interval = intervalSeconds;
        ScheduledTask task = new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                session.getProvider(ClusterProvider.class).executeIfNotExecuted(TASK, Math.max(1, interval - 1), () -> {
                    ActivityStore store = new ActivityStore(session);
                    long now = System.currentTimeMillis();
                    session.realms().getRealmsStream().forEach(realm -> {
                        int deleted = store.deleteOlderThan(realm.getId(), now - Duration.ofDays(retentionDays(realm)).toMillis());
                        if (deleted > 0) {
                            LOG.debugf("Removed %d activity entries of realm %s past retention", deleted, realm.getName());
                        }
                    });
                    return null;
                });
            }

            @Override
            public String getTaskName() {
                return TASK;
            }
        };
        try (KeycloakSession session = factory.create()) {
            session.getProvider(TimerProvider.class).schedule(new ScheduledTaskRunner(factory, task), interval * 1000L, TASK);
        }
    }

    static int retentionDays(RealmModel realm) {
        String value = realm.getAttribute(RETENTION_ATTRIBUTE);
        try {
            int days = value == null ? DEFAULT_RETENTION_DAYS : Integer.parseInt(value.strip());
            return days >= 1 && days <= 3650 ? days : DEFAULT_RETENTION_DAYS;
        } catch (NumberFormatException e) {
            return DEFAULT_RETENTION_DAYS;
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    /** Our table and its changelog for Keycloak's JPA set-up. */
    public static final class Entities implements JpaEntityProviderFactory, JpaEntityProvider {

        @Override
        public JpaEntityProvider create(KeycloakSession session) {
            return this;
        }

        @Override
        public List<Class<?>> getEntities() {
            return List.of(ActivityEntity.class);
        }

        @Override
        public String getChangelogLocation() {
            return "META-INF/sk-activity-changelog.xml";
        }

        @Override
        public String getFactoryId() {
            return ID;
        }

        @Override
        public String getId() {
            return ID;
        }

        @Override
        public void init(Config.Scope config) {
        }

        @Override
        public void postInit(KeycloakSessionFactory factory) {
        }

        @Override
        public void close() {
        }
    }
}
