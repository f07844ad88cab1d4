package de.servicekonto.activity;

import de.servicekonto.scheduling.ClusterTimer;
import de.servicekonto.spi.BoundedSetting;
import de.servicekonto.scheduling.PerRealmTask;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Event listener {@value #ID} ({@link ActivityRecorder}); once a day (one node of the cluster, {@link ClusterTimer})
 * removes the entries older than the realm's retention ({@value #RETENTION_ATTRIBUTE}, days,
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
        ClusterTimer.schedule(factory, new ActivityRetentionTask(), intervalSeconds);
    }

    /** Removes, realm by realm, the entries older than the realm's retention. */
    static final class ActivityRetentionTask extends PerRealmTask {

        @Override
        protected void runRealm(KeycloakSession session, RealmModel realm) {
            long cutoff = System.currentTimeMillis() - Duration.ofDays(retentionDays(realm)).toMillis();
            int deleted = new ActivityStore(session).deleteOlderThan(realm.getId(), cutoff);
            if (deleted > 0) {
                LOG.debugf("Removed %d activity entries of realm %s past retention", deleted, realm.getName());
            }
        }

        @Override
        public String getTaskName() {
            return TASK;
        }
    }

    static int retentionDays(RealmModel realm) {
        return BoundedSetting.of(realm.getAttribute(RETENTION_ATTRIBUTE), 1, 3650, DEFAULT_RETENTION_DAYS);
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
            factory.register(new ActivityLifecycle());
        }

        @Override
        public void close() {
        }
    }
}
