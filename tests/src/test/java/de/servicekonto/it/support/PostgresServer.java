package de.servicekonto.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server of the machine's own installation (Debian package {@code postgresql}), started on a
 * free loopback port in a scratch cluster and removed afterwards. PostgreSQL refuses to run as root, so as root the
 * server runs as the {@code postgres} system user.
 *
 * <p>Missing PostgreSQL skips the test with a notice; {@code SK_REQUIRE_POSTGRES=true} (set by .ci/run) makes
 * that a failure.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "keycloak";
    public static final String DATABASE = "keycloak";

    private final Path bin;
    private final Path dataDir;
    private final int port;

    private PostgresServer(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    public static PostgresServer start() {
        Path bin = findBinaries().orElse(null);
        if (bin == null) {
            String notice = "PostgreSQL server binaries not found under /usr/lib/postgresql: install the Debian "
                    + "package postgresql to run the PostgreSQL tests.";
            if (Boolean.parseBoolean(System.getenv("SK_REQUIRE_POSTGRES"))) {
                Assertions.fail(notice + " SK_REQUIRE_POSTGRES=true makes this a failure.");
            }
            System.err.println("SKIPPED PostgreSQL test: " + notice);
            Assumptions.abort(notice);
        }
        try {
            Path dataDir = Files.createTempDirectory("servicekonto-pg");
            if (isRoot()) {
                run(List.of("chown", "-R", "postgres:postgres", dataDir.toString()));
            }
            int port = Ports.free();
            run(asPostgresUser(List.of(bin.resolve("initdb").toString(), "-D", dataDir.resolve("data").toString(),
                    "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C")));
            run(asPostgresUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(),
                    "-l", dataDir.resolve("postgres.log").toString(), "-w", "-t", "60",
                    "-o", "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1", "start")));
            PostgresServer server = new PostgresServer(bin, dataDir, port);
            try (Connection connection = server.connect("postgres")) {
                connection.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public Connection connect() throws SQLException {
        return connect(DATABASE);
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, "");
    }

    @Override
    public void close() {
        try {
            run(asPostgresUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.resolve("data").toString(),
                    "-m", "fast", "-w", "stop")));
        } finally {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // scratch folder in the temp directory; leaving it is harmless
            }
        }
    }

    private static Optional<Path> findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgresUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) {
        Script.Result result = Script.run(Path.of(System.getProperty("java.io.tmpdir")), Map.of(),
                Duration.ofMinutes(2), command.toArray(String[]::new));
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() + ":\n"
                    + result.output());
        }
    }
}
