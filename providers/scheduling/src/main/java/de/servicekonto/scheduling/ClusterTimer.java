package de.servicekonto.scheduling;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

/**
 * The one way our modules schedule a periodic task: every node puts it on its own timer (a factory's
 * {@code postInit} runs on every node), and Keycloak's {@link ClusterAwareScheduledTaskRunner} keeps two nodes from
 * running it at the same time (the cluster's "execute if not executed", as Keycloak does for its own expiry tasks).
 * In Keycloak 26.7.3 that is a lock in the replicated {@code work} cache, released when the run ends; its lifespan
 * (the interval) only covers a node that dies mid-run. So with n nodes a task may run up to n times per interval, one
 * after the other, and every task must carry on from the state the previous run left (docs/architecture.md, "Timers
 * and lifecycle"). The task's {@link ScheduledTask#getTaskName() name} names the timer (so it can be cancelled and
 * shows in logs).
 */
public final class ClusterTimer {

    private ClusterTimer() {
    }

    /** Schedules {@code task} every {@code intervalSeconds} (at least one), run by one node of the cluster each time. */
    public static void schedule(KeycloakSessionFactory factory, ScheduledTask task, int intervalSeconds) {
        try (KeycloakSession session = factory.create()) {
            schedule(session.getProvider(TimerProvider.class), factory, task, intervalSeconds);
        }
    }

    static void schedule(TimerProvider timer, KeycloakSessionFactory factory, ScheduledTask task, int intervalSeconds) {
        requireNamedClass(task);
        long intervalMillis = Math.max(1, intervalSeconds) * 1000L;
        timer.schedule(new ClusterAwareScheduledTaskRunner(factory, task, intervalMillis), intervalMillis,
                task.getTaskName());
    }

    /**
     * Keycloak's runner takes the cluster-wide key from the task's simple class name, not its task name: an
     * anonymous class or a lambda would share the key "" (or get one that differs between nodes), so two of our
     * tasks would block each other, or every node would run it. Hence one named class per task.
     */
    static void requireNamedClass(ScheduledTask task) {
        Class<?> type = task.getClass();
        if (type.isAnonymousClass() || type.isSynthetic() || type.isHidden() || type.getSimpleName().isEmpty()) {
            throw new IllegalArgumentException("Task " + task.getTaskName()
                    + " needs a named class: Keycloak's cluster-aware runner keys the task by its class name");
        }
    }
}
