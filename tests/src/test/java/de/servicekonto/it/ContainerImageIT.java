package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.TestPaths;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

/**
 * Smoke test of the container image built from docker/Dockerfile (context prepared by the server module), with
 * PostgreSQL. Needs a Docker engine: where there is none (as on our build machines) JUnit reports it disabled
 * with the reason; PostgresDistributionIT covers the same build and start options on the unpacked distribution.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImageIT {

    private static final Network NETWORK = Network.newNetwork();

    @Container
    private static final GenericContainer<?> POSTGRES = new GenericContainer<>("postgres:16")
            .withNetwork(NETWORK)
            .withNetworkAliases("postgres")
            .withEnv("POSTGRES_DB", "keycloak")
            .withEnv("POSTGRES_USER", "keycloak")
            .withEnv("POSTGRES_PASSWORD", "image-test-only")
            .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));

    @Container
    private static final GenericContainer<?> SERVICEKONTO = new GenericContainer<>(
            new ImageFromDockerfile("servicekonto-image-test", true)
                    .withFileFromPath(".", dockerContext()))
            .dependsOn(POSTGRES)
            .withNetwork(NETWORK)
            .withEnv("KC_DB_URL", "jdbc:postgresql://postgres:5432/keycloak")
            .withEnv("KC_DB_USERNAME", "keycloak")
            .withEnv("KC_DB_PASSWORD", "image-test-only")
            .withEnv("KC_HTTP_ENABLED", "true")
            .withEnv("KC_HOSTNAME_STRICT", "false")
            .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
            .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "image-test-only")
            // The entry point refuses to start without the realm's Postfach key ring in the vault.
            .withEnv("KC_VAULT_DIR", "/opt/keycloak/vault")
            .withCopyFileToContainer(MountableFile.forHostPath(postfachKeyRing(), 0444),
                    "/opt/keycloak/vault/servicekonto_sk-postfach-kek")
            .withExposedPorts(8080, 9000)
            .waitingFor(Wait.forHttp("/health/ready").forPort(9000).withStartupTimeout(Duration.ofMinutes(4)));

    @Test
    void givenImageThenRealmIsImportedAndServesDiscoveryAndSamlMetadata() {
        URI base = URI.create("http://" + SERVICEKONTO.getHost() + ":" + SERVICEKONTO.getMappedPort(8080));
        BrowserlessClient client = new BrowserlessClient();

        HttpResponse<String> discovery = client.get(base.resolve("/realms/servicekonto/.well-known/openid-configuration"));
        HttpResponse<String> saml = client.get(base.resolve("/realms/servicekonto/protocol/saml/descriptor"));

        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(saml.statusCode()).isEqualTo(200);
        assertThat(SERVICEKONTO.getLogs()).contains("Realm 'servicekonto' imported").doesNotContain("servicekonto-users");
    }

    private static Path postfachKeyRing() {
        try {
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Path file = java.nio.file.Files.createTempFile(TestPaths.workDir(), "servicekonto_sk-postfach-kek", "");
            java.nio.file.Files.writeString(file, "image-1:" + java.util.Base64.getEncoder().encodeToString(key));
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path dockerContext() {
        return TestPaths.projectDir().resolve("server/target/docker");
    }
}
