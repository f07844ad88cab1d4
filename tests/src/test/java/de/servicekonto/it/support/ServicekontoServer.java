package de.servicekonto.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.servicekonto.eidsim.EidSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The server every IT class talks to: the assembled distribution (server module) with our providers, theme and
 * realm, on a fresh H2 database, with GreenMail as its SMTP server. Started once per test JVM by
 * {@link ServicekontoServerExtension} and stopped when the whole run ends.
 */
public final class ServicekontoServer implements ExtensionContext.Store.CloseableResource {

    public static final String REALM = "servicekonto";
    public static final String ADMIN_USERNAME = "it-admin";
    public static final String DEMO_USER = "erika";
    /** The local-development password of the demo user in realm-config/dev. */
    public static final String DEMO_PASSWORD = "Erika-lokal-2026";
    public static final String DEMO_OIDC_CLIENT = "demo-portal";
    public static final String DEMO_OIDC_SECRET = "local-dev-only-demo-portal-secret";
    public static final String DEMO_OIDC_REDIRECT = "http://localhost:8081/callback";

    private final GreenMail mail;
    private final KeycloakProcess keycloak;
    private final String adminPassword;
    private final AdminClient admin;
    private final EidSimulator eid;
    private final String eidPseudonymKey;
    private final TestCa certificates;
    private final int httpsPort;

    private ServicekontoServer(GreenMail mail, EidSimulator eid, String eidPseudonymKey, KeycloakProcess keycloak,
                               String adminPassword, TestCa certificates, int httpsPort) {
        this.certificates = certificates;
        this.httpsPort = httpsPort;
        this.mail = mail;
        this.eid = eid;
        this.eidPseudonymKey = eidPseudonymKey;
        this.keycloak = keycloak;
        this.adminPassword = adminPassword;
        this.admin = new AdminClient(keycloak.baseUri(), ADMIN_USERNAME, adminPassword);
    }

    static ServicekontoServer start() {
        Path work = TestPaths.workDir().resolve("server");
        Distribution.deleteRecursively(work);

        GreenMail mail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        // The eID simulator as run.sh starts it, in this JVM so tests can pick the identity per login.
        EidSimulator eid = EidSimulator.start(EidSimulator.Settings.builder()
                .directory(work.resolve("eid-simulator")).serverPort(0).clientPort(0).build());
        Path vault = work.resolve("vault");
        writeSecret(vault, "sk-eid-keystore-password", eid.spKeyStorePassword());
        writeSecret(vault, "sk-eid-truststore-password", eid.spTrustStorePassword());
        String pseudonymKey = UUID.randomUUID() + "-" + UUID.randomUUID();
        writeSecret(vault, "sk-eid-pseudonym-key", pseudonymKey);
        // The Postfach's key-encryption key ring (docs/crypto.md): one current key, 32 random bytes.
        byte[] kek = new byte[32];
        new java.security.SecureRandom().nextBytes(kek);
        writeSecret(vault, "sk-postfach-kek", "it-1:" + java.util.Base64.getEncoder().encodeToString(kek));

        // Certificate login (mutual TLS): an extra https port that asks for a client certificate and takes requests
        // without one; every other test keeps the http port. The CAs are made afresh, a fraction of a second.
        TestCa certificates = TestCa.create(work.resolve("x509"));
        int httpPort = Ports.free();
        int httpsPort = Ports.free();
        int managementPort = Ports.free();
        String adminPassword = UUID.randomUUID().toString();
        List<String> args = List.of(
                "start", "--optimized",
                "--http-enabled=true", "--hostname-strict=false",
                "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                "--https-port=" + httpsPort,
                "--https-certificate-file=" + certificates.serverCertificate(),
                "--https-certificate-key-file=" + certificates.serverKey(),
                "--truststore-paths=" + certificates.truststore(),
                // The management interface would inherit https and the client-certificate request; tests read it over http.
                "--http-management-scheme=http",
                "--cache=local", "--vault-dir=" + vault,
                // The purge of unconfirmed registrations every 2 s instead of 15 min, so a test can watch it.
                "--spi-events-listener--sk-lifecycle--purge-interval-seconds=2",
                "--spi-realm-restapi-extension--postfach--rewrap-interval-seconds=2",
                "--spi-realm-restapi-extension--dokumentensafe--rewrap-interval-seconds=2",
                // A notice e-mail the mail server refused is tried again after 1 s (then 4 s, 16 s ...) instead of 1 min.
                "--spi-realm-restapi-extension--postfach--mail-retry-interval-seconds=1",
                "--spi-realm-restapi-extension--postfach--mail-retry-first-delay-seconds=1",
                // The notices not retrieved counted every second instead of every 5 min (gauge servicekonto_postfach_notices).
                "--spi-realm-restapi-extension--postfach--notice-census-interval-seconds=1",
                // AUTO_SERVER: the server process owns the file and serves it over a local TCP port, so a test can open a
                // second connection and read raw rows (PostfachIT checks that no plaintext is stored). H2 does not
                // combine it with DB_CLOSE_ON_EXIT=FALSE, which run.sh sets.
                "--db-url=jdbc:h2:file:" + h2File(work) + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE",
                "--db-username=" + H2_USER, "--db-password=" + H2_PASSWORD,
                "--import-realm");
        Map<String, String> env = Map.of(
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                "SK_SMTP_HOST", "127.0.0.1",
                "SK_SMTP_PORT", String.valueOf(mail.getSmtp().getPort()),
                "SK_EID_SERVER_URL", eid.serverUrl().toString(),
                "SK_EID_KEYSTORE", eid.spKeyStore().toString(),
                "SK_EID_TRUSTSTORE", eid.spTrustStore().toString(),
                "SK_EID_CLIENT_URL", eid.clientUrl().toString(),
                "SK_CERTIFICATE_ISSUERS", TestCa.ISSUER,
                "SK_CERTIFICATE_CRL", certificates.crlUri().toString());
        try {
            Path distribution = withTestProviders(work.resolve("distribution"));
            KeycloakProcess keycloak = KeycloakProcess.start(distribution, args, env,
                    work.resolve("keycloak.log"), httpPort, managementPort,
                    Duration.ofMinutes(Long.getLong("sk.it.startMinutes", 4)));
            ServicekontoServer server = new ServicekontoServer(mail, eid, pseudonymKey, keycloak, adminPassword,
                    certificates, httpsPort);
            // The demo portals the tests log in through come from realm-config/dev, as in a local run.
            try {
                DevRealm.addDemoClients(server.admin());
            } catch (RuntimeException e) {
                keycloak.close();
                throw e;
            }
            return server;
        } catch (RuntimeException e) {
            mail.stop();
            eid.close();
            certificates.close();
            throw e;
        }
    }

    /** Credentials of the test database (a fresh H2 file per run, created with them). */
    public static final String H2_USER = "sk-it";
    public static final String H2_PASSWORD = "sk-it-local-h2";

    private static Path h2File(Path work) {
        return work.resolve("h2/keycloakdb");
    }

    /**
     * The JDBC URL of the running server's H2 database for a second connection (AUTO_SERVER mode), with Keycloak's
     * credentials above. Tests read raw rows with it, never write.
     */
    public String h2Url() {
        return "jdbc:h2:file:" + h2File(TestPaths.workDir().resolve("server")) + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE";
    }

    /**
     * A read-only second connection to the running server's H2 database (AUTO_SERVER), through the H2 driver the
     * distribution ships, so what is checked is exactly what the server wrote.
     */
    public Connection database() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", H2_USER);
        credentials.setProperty("password", H2_PASSWORD);
        Connection connection = h2Driver().connect(h2Url(), credentials);
        connection.setReadOnly(true);
        return connection;
    }

    /**
     * A writable second connection to the running server's H2 database, for the few tests that change a row behind
     * the server's back on purpose (a tampered row, a membership only an identity provider creates).
     */
    public Connection writableDatabase() throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", H2_USER);
        credentials.setProperty("password", H2_PASSWORD);
        return h2Driver().connect(h2Url(), credentials);
    }

    private static Driver h2;

    /** The distribution's H2 driver, loaded once per test run. */
    private static synchronized Driver h2Driver() throws SQLException {
        if (h2 != null) {
            return h2;
        }
        try {
            java.nio.file.Path lib = TestPaths.serverDir().resolve("lib/lib/main");
            java.nio.file.Path jar;
            try (var files = java.nio.file.Files.list(lib)) {
                jar = files.filter(p -> p.getFileName().toString().startsWith("com.h2database.h2-")).findFirst().orElseThrow();
            }
            ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            h2 = (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor().newInstance();
            return h2;
        } catch (java.io.IOException | ReflectiveOperationException e) {
            throw new SQLException("H2 driver of the distribution not loadable", e);
        }
    }

    /** The number of rows a query with one string parameter counts, read from the server's database. */
    public long count(String sql, String parameter) {
        try (Connection db = database(); java.sql.PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (java.sql.ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public URI baseUri() {
        return keycloak.baseUri();
    }

    public URI realmUri() {
        return keycloak.baseUri().resolve("/realms/" + REALM);
    }

    /** The test CAs: certificates for citizens, the trusted issuer, the revoked certificate. */
    public TestCa certificates() {
        return certificates;
    }

    /** The same address on the https port, where the server asks for a client certificate (mutual TLS). */
    public URI overTls(URI uri) {
        // Raw parts: a signed SAML request must reach the server byte for byte.
        return URI.create("https://" + uri.getHost() + ":" + httpsPort + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    public int httpPort() {
        return keycloak.httpPort();
    }

    /** The port where the server asks for a client certificate (mutual TLS, {@code --https-client-auth=request}). */
    public int httpsPort() {
        return httpsPort;
    }

    /** The server JVM's process id (for {@code jcmd}, e.g. a full GC before reading the heap's live size). */
    public long pid() {
        return keycloak.pid();
    }

    /** The management interface (health, metrics: {@code /metrics} in Prometheus text format). */
    public URI managementUri() {
        return URI.create("http://127.0.0.1:" + keycloak.managementPort());
    }

    public AdminClient admin() {
        return admin;
    }

    /**
     * Sets one attribute of the test realm. The admin API replaces the whole attribute map, so the realm is read,
     * changed in that one entry and written back.
     */
    public void setRealmAttribute(String name, String value) {
        com.fasterxml.jackson.databind.node.ObjectNode realm =
                (com.fasterxml.jackson.databind.node.ObjectNode) admin.get("/realms/" + REALM);
        ((com.fasterxml.jackson.databind.node.ObjectNode) realm.with("attributes")).put(name, value);
        java.net.http.HttpResponse<String> updated = admin.put("/realms/" + REALM, realm);
        org.assertj.core.api.Assertions.assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    }

    /** The server's console output (Keycloak's log), for what operators are told. */
    public Path logFile() {
        return TestPaths.workDir().resolve("server").resolve("keycloak.log");
    }

    public GreenMail mail() {
        return mail;
    }

    /** The simulated eID-Client and eID-Server the realm is wired to. */
    public EidSimulator eid() {
        return eid;
    }

    /** The realm's pseudonym key (in the vault), so tests can find the account a card is linked to. */
    public String eidPseudonymKey() {
        return eidPseudonymKey;
    }

    /** A realm secret in the server's file vault, as an operator's secret store would hold it. */
    public String vaultSecret(String name) {
        try {
            return Files.readString(TestPaths.workDir().resolve("server").resolve("vault").resolve(REALM + "_" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces a realm secret in the server's file vault (Keycloak reads the file on each use). */
    public void replaceVaultSecret(String name, String value) {
        writeSecret(TestPaths.workDir().resolve("server").resolve("vault"), name, value);
    }

    private static void writeSecret(Path vault, String name, String value) {
        try {
            Files.createDirectories(vault);
            Files.writeString(vault.resolve(REALM + "_" + name), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String adminPassword() {
        return adminPassword;
    }

    @Override
    public void close() {
        try {
            keycloak.close();
        } finally {
            mail.stop();
            eid.close();
            certificates.close();
        }
    }

    /**
     * The assembled distribution plus the test-only providers (tests/test-providers), rebuilt with the server
     * module's build options. The assembled folder itself stays as run.sh and the image see it.
     */
    private static Path withTestProviders(Path target) {
        Distribution.copy(TestPaths.serverDir(), target);
        Path providers = Path.of(System.getProperty("servicekonto.test.providers.dir",
                TestPaths.projectDir().resolve("tests/target/test-providers").toString()));
        try (Stream<Path> jars = Files.list(providers)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, target.resolve("providers").resolve(jar.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("test providers not found in " + providers, e);
        }
        List<String> build = new java.util.ArrayList<>(List.of("build"));
        build.addAll(List.of(System.getProperty("servicekonto.server.build.options",
                "--db=dev-file --health-enabled=true --metrics-enabled=true --vault=file").trim().split("\\s+")));
        // Certificate login: the server asks browsers for a client certificate on its https port. A build option in
        // Keycloak 26.7.3, so it is set here, as an operator who offers certificate login sets it (operator guide).
        build.add("--https-client-auth=request");
        KeycloakProcess.run(target, build, target.getParent().resolve("kc-build.log"), Duration.ofMinutes(5));
        return target;
    }
}
