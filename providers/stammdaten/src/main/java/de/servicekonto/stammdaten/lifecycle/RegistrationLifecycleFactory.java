package de.servicekonto.stammdaten.lifecycle;

import java.time.Instant;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.scheduled.ScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * Registers {@link RegistrationLifecycle} and schedules the purge of unconfirmed registrations: on every node, but
 * run by one node per period (Keycloak's cluster-wide "execute if not executed"). Option
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
        int interval = intervalSeconds;
        ScheduledTask task = new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
                session.getProvider(ClusterProvider.class).executeIfNotExecuted(TASK, Math.max(1, interval - 1),
                        () -> RegistrationLifecycle.purge(session, Instant.now()));
            }

            @Override
            public String getTaskName() {
                return TASK;
            }
        };
        try (KeycloakSession session = factory.create()) {
            session.getProvider(TimerProvider.class)
                    .schedule(new ScheduledTaskRunner(factory, task), interval * 1000L, TASK);
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
