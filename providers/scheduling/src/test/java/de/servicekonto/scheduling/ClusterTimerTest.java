package de.servicekonto.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

class ClusterTimerTest {

    /** A timer that records what it is given. */
    static final class RecordingTimer implements TimerProvider {
        final List<Object[]> scheduled = new ArrayList<>();

        @Override
        public void schedule(Runnable runnable, long intervalMillis, String taskName) {
            scheduled.add(new Object[] {runnable, intervalMillis, taskName});
        }

        @Override
        public void scheduleTask(ScheduledTask scheduledTask, long intervalMillis, String taskName) {
            throw new AssertionError("the task must go through the cluster-aware runner");
        }

        @Override
        public TimerTaskContext cancelTask(String taskName) {
            return null;
        }

        @Override
        public Map<String, TimerTaskContext> getTasks() {
            return Map.of();
        }

        @Override
        public void close() {
        }
    }

    static final class Sweep implements ScheduledTask {
        @Override
        public void run(KeycloakSession session) {
        }

        @Override
        public String getTaskName() {
            return "sk-test-sweep";
        }
    }

    @Test
    void schedulesTheTaskUnderItsNameAndIntervalWrappedInKeycloaksClusterAwareRunner() {
        RecordingTimer timer = new RecordingTimer();
        ClusterTimer.schedule(timer, null, new Sweep(), 90);

        assertThat(timer.scheduled).hasSize(1);
        Object[] call = timer.scheduled.get(0);
        assertThat(call[0]).isExactlyInstanceOf(ClusterAwareScheduledTaskRunner.class);
        assertThat(call[1]).isEqualTo(90_000L);
        assertThat(call[2]).isEqualTo("sk-test-sweep");
    }

    @Test
    void anIntervalBelowOneSecondBecomesOneSecond() {
        RecordingTimer timer = new RecordingTimer();
        ClusterTimer.schedule(timer, null, new Sweep(), 0);

        assertThat(timer.scheduled.get(0)[1]).isEqualTo(1_000L);
    }

    @Test
    void refusesAnAnonymousTaskWhoseClusterKeyWouldBeEmpty() {
        ScheduledTask anonymous = new ScheduledTask() {
            @Override
            public void run(KeycloakSession session) {
            }

            @Override
            public String getTaskName() {
                return "sk-anonymous";
            }
        };

        assertThatThrownBy(() -> ClusterTimer.schedule(new RecordingTimer(), null, anonymous, 60))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sk-anonymous");
    }

    @Test
    void refusesALambdaTask() {
        ScheduledTask lambda = session -> { };

        assertThatThrownBy(() -> ClusterTimer.requireNamedClass(lambda)).isInstanceOf(IllegalArgumentException.class);
    }
}
