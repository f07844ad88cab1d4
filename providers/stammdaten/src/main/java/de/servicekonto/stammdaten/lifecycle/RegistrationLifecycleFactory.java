package de.servicekonto.stammdaten.lifecycle;

import de.servicekonto.scheduling.ClusterTimer;
import de.servicekonto.scheduling.PerRealmTask;
import java.time.Instant;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/**
 * Registers {@link RegistrationLifecycle} and schedules, realm by realm, the purge of unconfirmed registrations and
 * the inactivity sweep: on every node, run by one node per period ({@link ClusterTimer}). Option
 * {@code --spi-events-listener--sk-lifecycle--purge-interval-seconds} (default 900).
 */
public final class RegistrationLifecycleFactory implements EventListenerProviderFactory {

    public static final String ID = "sk-lifecycle";
    static final String TASK = "sk-unconfirmed-registrations";
    private static final int DEFAULT_INTERVAL_SECONDS = 900;

    private int intervalSeconds = DEFAULT_INTERVAL_SECONDS;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RegistrationLifecycle(session);
    }

    @Override
    public void init(Config.Scope config) {
        intervalSeconds = Math.max(1, config.getInt("purge-interval-seconds", DEFAULT_INTERVAL_SECONDS));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        ClusterTimer.schedule(factory, new UnconfirmedRegistrationsTask(), intervalSeconds);
    }

    /** Unconfirmed registrations past the realm's period, then inactive accounts ({@link RegistrationLifecycle#purge}). */
    static final class UnconfirmedRegistrationsTask extends PerRealmTask {

        @Override
        protected void runRealm(KeycloakSession session, RealmModel realm) {
            RegistrationLifecycle.purge(session, realm, Instant.now());
        }

        @Override
        public String getTaskName() {
            return TASK;
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
