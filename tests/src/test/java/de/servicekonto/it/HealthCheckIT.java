package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.Ports;
import de.servicekonto.it.support.Script;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The container image's health check ({@code bin/sk-health.sh}, Docker's {@code HEALTHCHECK}) run from the unpacked
 * distribution against the real server: ready only when the management port answers {@code /health/ready} with 200,
 * and a message naming the cause otherwise. No Docker engine is needed: the script is the same file the image runs.
 */
@ServicekontoServerTest
class HealthCheckIT {

    @Test
    void givenTheRunningServerThenReady(ServicekontoServer server) {
        Script.Result result = check(Map.of("KC_HTTP_MANAGEMENT_PORT", managementPort(server)));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("sk-health: ready\n");
    }

    @Test
    void givenNothingListeningOrTheWrongAnswerThenNotReadyWithTheCause(ServicekontoServer server) {
        int nobody = Ports.free();
        Script.Result closed = check(Map.of("KC_HTTP_MANAGEMENT_PORT", String.valueOf(nobody)));
        assertThat(closed.exitCode()).isEqualTo(1);
        assertThat(closed.output()).contains("sk-health: not ready: nothing listens on management port " + nobody);

        // The public port serves no health endpoint: a 404 there must not count as ready.
        Script.Result publicPort = check(Map.of("KC_HTTP_MANAGEMENT_PORT", String.valueOf(server.httpPort())));
        assertThat(publicPort.exitCode()).isEqualTo(1);
        assertThat(publicPort.output()).contains("answered 'HTTP/1.0 404 Not Found'").contains("for /health/ready");

        // A relative path the server does not use: the check asks under it and is refused.
        Script.Result prefixed = check(Map.of("KC_HTTP_MANAGEMENT_PORT", managementPort(server),
                "KC_HTTP_RELATIVE_PATH", "/auth"));
        assertThat(prefixed.exitCode()).isEqualTo(1);
        assertThat(prefixed.output()).contains("for /auth/health/ready");
    }

    @Test
    void givenSettingsTheCheckCannotServeThenNotReadyWithAMessage(ServicekontoServer server) {
        Script.Result tls = check(Map.of("KC_HTTP_MANAGEMENT_PORT", managementPort(server),
                "KC_HTTPS_CERTIFICATE_FILE", "/etc/servicekonto/tls.crt"));
        assertThat(tls.exitCode()).isEqualTo(1);
        assertThat(tls.output()).contains("set KC_HTTP_MANAGEMENT_SCHEME=http");

        Script.Result tlsButPlainManagement = check(Map.of("KC_HTTP_MANAGEMENT_PORT", managementPort(server),
                "KC_HTTPS_CERTIFICATE_FILE", "/etc/servicekonto/tls.crt", "KC_HTTP_MANAGEMENT_SCHEME", "http"));
        assertThat(tlsButPlainManagement.exitCode()).as(tlsButPlainManagement.output()).isZero();

        Script.Result notAPort = check(Map.of("KC_HTTP_MANAGEMENT_PORT", "9000 ; id"));
        assertThat(notAPort.exitCode()).isEqualTo(1);
        assertThat(notAPort.output()).contains("is not a port number");
    }

    @Test
    void givenTheImageContextThenItChecksWithTheSameScript() throws IOException {
        Path image = TestPaths.projectDir().resolve("server/target/docker");
        assertThat(Files.readString(image.resolve("Dockerfile")))
                .contains("COPY --chown=keycloak:keycloak sk-health.sh /opt/keycloak/bin/sk-health.sh")
                .contains("HEALTHCHECK --interval=30s --timeout=10s --start-period=120s --retries=3 "
                        + "CMD [\"/bin/bash\", \"/opt/keycloak/bin/sk-health.sh\"]");
        assertThat(Files.readString(image.resolve("sk-health.sh")))
                .isEqualTo(Files.readString(TestPaths.serverDir().resolve("bin/sk-health.sh")))
                .isEqualTo(Files.readString(TestPaths.projectDir().resolve("docker/sk-health.sh")));
    }

    private static String managementPort(ServicekontoServer server) {
        return String.valueOf(server.managementUri().getPort());
    }

    private static Script.Result check(Map<String, String> env) {
        return Script.run(TestPaths.serverDir(), new HashMap<>(env), Duration.ofSeconds(30),
                "bash", TestPaths.serverDir().resolve("bin/sk-health.sh").toString());
    }
}
