package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_PASSWORD;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Distribution;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.KeycloakProcess;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Ports;
import de.servicekonto.it.support.PostgresServer;
import de.servicekonto.it.support.TestPaths;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production path, on the unpacked distribution: what docker/Dockerfile does at image build time
 * ({@code kc.sh build} for PostgreSQL with health and metrics) and at start ({@code start --optimized}, clustered
 * Infinispan with JDBC_PING discovery), against a real PostgreSQL.
 */
class PostgresDistributionIT {

    private static PostgresServer postgres;
    private static KeycloakProcess keycloak;
    private static Path distribution;

    @BeforeAll
    static void buildAndStartForPostgres() {
        postgres = PostgresServer.start();
        distribution = TestPaths.workDir().resolve("postgres-distribution");
        Distribution.copy(TestPaths.serverDir(), distribution);

        // Same build options as the image (docker/Dockerfile: KC_DB, KC_HEALTH_ENABLED, KC_METRICS_ENABLED, KC_VAULT).
        KeycloakProcess.run(distribution, List.of("build", "--db=postgres", "--health-enabled=true",
                "--metrics-enabled=true", "--vault=file"), distribution.resolve("build.log"), Duration.ofMinutes(5));

        int httpPort = Ports.free();
        int managementPort = Ports.free();
        keycloak = KeycloakProcess.start(distribution, List.of("start", "--optimized", "--import-realm",
                        "--http-enabled=true", "--hostname-strict=false",
                        "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                        "--db-url=" + postgres.jdbcUrl(), "--db-username=" + PostgresServer.USER,
                        "--cache-embedded-network-bind-address=127.0.0.1",
                        "--cache-embedded-network-bind-port=" + Ports.free()),
                Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "pg-admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "pg-admin-password"),
                distribution.resolve("keycloak.log"), httpPort, managementPort, Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        try {
            if (keycloak != null) {
                keycloak.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void givenPostgresBuildThenRealmAndDemoUserLiveInPostgres() throws Exception {
        try (Connection connection = postgres.connect()) {
            ResultSet realm = connection.createStatement().executeQuery(
                    "SELECT display_name FROM realm WHERE name = 'servicekonto'");
            assertThat(realm.next()).as("realm row in PostgreSQL").isTrue();
            ResultSet user = connection.createStatement().executeQuery(
                    "SELECT count(*) FROM user_entity WHERE username = 'erika'");
            user.next();
            assertThat(user.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void givenPostgresBuildThenClusterDiscoveryRegistersTheNodeInTheDatabase() throws Exception {
        try (Connection connection = postgres.connect()) {
            ResultSet members = connection.createStatement().executeQuery("SELECT count(*) FROM jgroups_ping");
            members.next();
            assertThat(members.getInt(1)).as("nodes registered by JDBC_PING").isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void givenPostgresBuildThenDemoUserLogsInThroughTheCodeFlow() {
        URI realm = keycloak.baseUri().resolve("/realms/servicekonto");
        OidcFlow flow = new OidcFlow(realm, DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);

        Map<String, String> callback = flow.callback(flow.login(flow.authorize(Map.of()), DEMO_USER, DEMO_PASSWORD));
        JsonNode idToken = Json.jwtClaims(flow.exchange(callback.get("code")).path("id_token").asText());

        assertThat(idToken.path("preferred_username").asText()).isEqualTo(DEMO_USER);
    }
}
