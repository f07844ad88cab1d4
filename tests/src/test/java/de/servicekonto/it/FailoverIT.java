package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.PostgresServer;
import de.servicekonto.it.support.Script;
import de.servicekonto.it.support.TestPaths;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue #19, a cluster that survives losing a node: benchmarks/failover.sh in short (30 sends, 10 logins) against a
 * PostgreSQL of its own. Two nodes of the distribution built as the image (PostgreSQL, embedded Infinispan with
 * JDBC_PING), node A killed with SIGKILL while a send is in flight, the stream continued on B, A started again; the
 * script's last line must report every acknowledged send stored exactly once and every session of A refreshed on B.
 */
class FailoverIT {

    private static final int SENDS = 30;
    private static final int LOGINS = 10;
    private static final Pattern LAST_LINE = Pattern.compile(
            "failover: sends=(\\d+) stored=(\\d+) lost=(\\d+) duplicated=(\\d+) sessions_survived=(\\d+)/(\\d+)");

    @Test
    void givenTwoNodesWhenOneIsKilledMidStreamThenNoSendIsLostOrDuplicatedAndItsSessionsRefreshOnTheOther() {
        try (PostgresServer postgres = PostgresServer.start()) {
            Set<Integer> taken = new HashSet<>();
            String ports = String.join(" ", List.of(httpPort(taken), httpPort(taken), jgroupsPort(taken),
                    httpPort(taken), httpPort(taken), jgroupsPort(taken)).stream().map(String::valueOf).toList());
            Path work = TestPaths.workDir().resolve("failover");
            Script.Result run = Script.run(TestPaths.projectDir(), Map.of("SK_FAILOVER_DB_URL", postgres.jdbcUrl(),
                            "SK_FAILOVER_PORTS", ports, "SK_FAILOVER_WORK", work.toString()), Duration.ofMinutes(20),
                    "bash", "benchmarks/failover.sh", String.valueOf(SENDS), String.valueOf(LOGINS));
            // The script's report (which case the send in flight at the kill met, the database counts) for the log.
            System.out.println(run.output());
            List<String> lines = run.output().lines().toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            Matcher m = LAST_LINE.matcher(last);
            assertThat(m.matches()).as("last line of failover.sh:\n%s", run.output()).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as("sends acknowledged").isEqualTo(SENDS);
            assertThat(Integer.parseInt(m.group(2))).as("stored exactly once").isEqualTo(SENDS);
            assertThat(Integer.parseInt(m.group(3))).as("lost").isZero();
            assertThat(Integer.parseInt(m.group(4))).as("duplicated").isZero();
            int sessionsOfA = Integer.parseInt(m.group(6));
            assertThat(sessionsOfA).as("sessions logged in on node A before the kill").isPositive();
            assertThat(Integer.parseInt(m.group(5))).as("sessions of A refreshed on B").isEqualTo(sessionsOfA);
            assertThat(run.exitCode()).as(run.output()).isZero();
        }
    }

    private static int httpPort(Set<Integer> taken) {
        return free(20_000, 32_000, 0, taken);
    }

    /**
     * JGroups' failure detection (FD_SOCK2) listens on the bind port + 50000 (Keycloak 26.7.3's stack), so the bind
     * port stays below 15536 and both ports must be free.
     */
    private static int jgroupsPort(Set<Integer> taken) {
        return free(10_000, 15_500, 50_000, taken);
    }

    private static int free(int first, int last, int offset, Set<Integer> taken) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(first, last);
            if (!taken.contains(port) && bindable(port) && (offset == 0 || bindable(port + offset))) {
                taken.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + first + " and " + last);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
