package de.servicekonto.eidsim;

import de.servicekonto.eidsim.SimulatorTestSupport.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.Set;

import static de.servicekonto.eidsim.SimulatorTestSupport.MAJOR_ERROR;
import static de.servicekonto.eidsim.SimulatorTestSupport.MINOR;
import static de.servicekonto.eidsim.SimulatorTestSupport.defaultOperations;
import static de.servicekonto.eidsim.SimulatorTestSupport.getResult;
import static de.servicekonto.eidsim.SimulatorTestSupport.postSoap;
import static de.servicekonto.eidsim.SimulatorTestSupport.text;
import static de.servicekonto.eidsim.SimulatorTestSupport.useId;
import static de.servicekonto.eidsim.SimulatorTestSupport.useIdRequest;
import static de.servicekonto.eidsim.SimulatorTestSupport.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start, restart and limits, each with its own simulator. */
class EidSimulatorLifecycleTest {

    @TempDir
    Path directory;

    private EidSimulator start(EidSimulator.Settings.Builder settings) throws Exception {
        return EidSimulator.start(settings.directory(directory).build());
    }

    @Test
    void writesPropertiesFileWithAbsolutePathsAndOwnerOnlyFiles() throws Exception {
        try (EidSimulator simulator = start(EidSimulator.Settings.builder())) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(directory.resolve("eid-simulator.properties"))) {
                properties.load(reader);
            }
            assertThat(properties.getProperty("server.url")).isEqualTo(simulator.serverUrl().toString());
            assertThat(properties.getProperty("client.url")).isEqualTo(simulator.clientUrl().toString());
            assertThat(Path.of(properties.getProperty("sp.keystore"))).isAbsolute().isEqualTo(simulator.spKeyStore())
                    .exists();
            assertThat(Path.of(properties.getProperty("sp.truststore"))).isAbsolute()
                    .isEqualTo(simulator.spTrustStore()).exists();
            assertThat(properties.getProperty("sp.keystore.password")).isEqualTo(simulator.spKeyStorePassword())
                    .hasSizeGreaterThanOrEqualTo(24);
            assertThat(properties.getProperty("sp.truststore.password")).isEqualTo(simulator.spTrustStorePassword())
                    .hasSizeGreaterThanOrEqualTo(24).isNotEqualTo(simulator.spKeyStorePassword());
            assertThat(Files.readString(directory.resolve("eid-simulator.properties")))
                    .contains("server.url=https://127.0.0.1:");

            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                try (var files = Files.list(directory)) {
                    files.forEach(file -> assertThat(posix(file)).as(file.toString())
                            .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
                }
            }
        }
    }

    private static Set<PosixFilePermission> posix(Path file) {
        try {
            return Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void restartReusesKeyMaterial() throws Exception {
        String keyStorePassword;
        String trustStorePassword;
        byte[] keyStore;
        try (EidSimulator first = start(EidSimulator.Settings.builder())) {
            keyStorePassword = first.spKeyStorePassword();
            trustStorePassword = first.spTrustStorePassword();
            keyStore = Files.readAllBytes(first.spKeyStore());
        }
        try (EidSimulator second = start(EidSimulator.Settings.builder())) {
            assertThat(second.spKeyStorePassword()).isEqualTo(keyStorePassword);
            assertThat(second.spTrustStorePassword()).isEqualTo(trustStorePassword);
            assertThat(Files.readAllBytes(second.spKeyStore())).isEqualTo(keyStore);
            // The reused material still works end to end.
            Session session = useId(SimulatorTestSupport.serviceProviderClient(second), second, defaultOperations(),
                    18);
            assertThat(session.id()).hasSize(64);
        }
    }

    @Test
    void damagedKeyMaterialIsReplaced() throws Exception {
        String password;
        try (EidSimulator first = start(EidSimulator.Settings.builder())) {
            password = first.spKeyStorePassword();
        }
        Files.write(directory.resolve(KeyMaterial.SP_KEY_STORE), new byte[] {1, 2, 3});
        try (EidSimulator second = start(EidSimulator.Settings.builder())) {
            assertThat(second.spKeyStorePassword()).isNotEqualTo(password);
            assertThat(useId(SimulatorTestSupport.serviceProviderClient(second), second, defaultOperations(), 18)
                    .id()).hasSize(64);
        }
    }

    @Test
    void expiringKeyMaterialIsReplaced() throws Exception {
        String password;
        try (EidSimulator first = start(EidSimulator.Settings.builder())) {
            password = first.spKeyStorePassword();
        }
        Clock nearExpiry = Clock.offset(Clock.systemUTC(), Duration.ofDays(2 * 365 - 1));
        try (EidSimulator second = start(EidSimulator.Settings.builder().clock(nearExpiry))) {
            assertThat(second.spKeyStorePassword()).isNotEqualTo(password);
        }
    }

    @Test
    void tooManyOpenSessions() throws Exception {
        try (EidSimulator simulator = start(EidSimulator.Settings.builder().maxOpenSessions(2))) {
            HttpClient client = SimulatorTestSupport.serviceProviderClient(simulator);
            useId(client, simulator, defaultOperations(), 18);
            useId(client, simulator, defaultOperations(), 18);

            HttpResponse<String> third = postSoap(client, simulator.serverUrl(), useIdRequest(defaultOperations(), 18));

            Document response = xml(third.body());
            assertThat(text(response, "Result", "ResultMajor")).isEqualTo(MAJOR_ERROR);
            assertThat(text(response, "Result", "ResultMinor")).isEqualTo(MINOR + "useID#tooManyOpenSessions");
            assertThat(text(response, "Session", "ID")).isNull();
            assertThat(text(response, "PSK", "Key")).isNull();
        }
    }

    @Test
    void sessionsExpireAfterTenMinutes() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (EidSimulator simulator = start(EidSimulator.Settings.builder().clock(clock))) {
            HttpClient client = SimulatorTestSupport.serviceProviderClient(simulator);
            Session session = useId(client, simulator, defaultOperations(), 18);
            clock.advance(Duration.ofMinutes(9));
            assertThat(text(getResult(client, simulator, session.id(), 1), "ResultMinor"))
                    .isEqualTo(MINOR + "getResult#noResultYet");

            clock.advance(Duration.ofMinutes(1));

            assertThat(text(getResult(client, simulator, session.id(), 2), "ResultMinor"))
                    .isEqualTo(MINOR + "getResult#invalidSession");
        }
    }

    @Test
    void foreignClientCertificateIsForbidden(@TempDir Path otherDirectory) throws Exception {
        try (EidSimulator simulator = start(EidSimulator.Settings.builder());
             EidSimulator other = EidSimulator.start(EidSimulator.Settings.builder().directory(otherDirectory)
                     .build())) {
            HttpClient stranger = SimulatorTestSupport.serviceProviderClient(other.spKeyStore(),
                    other.spKeyStorePassword(), simulator);

            HttpResponse<String> response = postSoap(stranger, simulator.serverUrl(),
                    useIdRequest(defaultOperations(), 18));

            assertThat(response.statusCode()).isEqualTo(403);
        }
    }

    @Test
    void defaultIdentityMustBeKnown() {
        assertThatThrownBy(() -> EidSimulator.Settings.builder().directory(directory).defaultIdentity("nobody")
                .build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void occupiedPortFailsStartAndReleasesTheOther() throws Exception {
        try (EidSimulator first = start(EidSimulator.Settings.builder())) {
            int occupied = first.clientUrl().getPort();
            assertThatThrownBy(() -> start(EidSimulator.Settings.builder().clientPort(occupied)))
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {

        private volatile Instant now;

        private MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MutableClock outer = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return outer.withZone(other);
                }

                @Override
                public Instant instant() {
                    return outer.instant();
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
