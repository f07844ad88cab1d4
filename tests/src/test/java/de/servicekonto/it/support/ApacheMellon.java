package de.servicekonto.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Apache httpd with {@code mod_auth_mellon} (Debian packages {@code apache2}, {@code libapache2-mod-auth-mellon};
 * Lasso underneath) as a real SAML service provider on a free loopback port, with a configuration folder of its own.
 * The SP's key pair and metadata come from mellon's own {@code mellon_create_metadata}, as its operators make them.
 * The whole site is protected; the page answers with the header {@code X-Trust-Level} set from the environment
 * variable mellon fills from our trust-level attribute.
 *
 * <p>Missing packages skip the test with a notice; {@code SK_REQUIRE_MELLON=true} (set by .ci/run) makes that a
 * failure.
 */
public final class ApacheMellon implements AutoCloseable {

    public static final String TRUST_LEVEL_HEADER = "X-Trust-Level";
    private static final Path APACHE = Path.of("/usr/sbin/apache2");
    private static final Path MODULES = Path.of("/usr/lib/apache2/modules");
    private static final Path CREATE_METADATA = Path.of("/usr/sbin/mellon_create_metadata");

    private final Path dir;
    private final int port;
    private final String entityId;
    private Process process;

    private ApacheMellon(Path dir, int port, String entityId) {
        this.dir = dir;
        this.port = port;
        this.entityId = entityId;
    }

    /** Creates the SP's key and metadata (not yet started: the IdP's metadata is needed first). */
    public static ApacheMellon create() {
        if (!Files.isExecutable(APACHE) || !Files.exists(MODULES.resolve("mod_auth_mellon.so"))
                || !Files.isExecutable(CREATE_METADATA)) {
            String notice = "Apache httpd with mod_auth_mellon not found: install the Debian packages apache2 and "
                    + "libapache2-mod-auth-mellon to run the mellon test.";
            if (Boolean.parseBoolean(System.getenv("SK_REQUIRE_MELLON"))) {
                Assertions.fail(notice + " SK_REQUIRE_MELLON=true makes this a failure.");
            }
            System.err.println("SKIPPED mellon test: " + notice);
            Assumptions.abort(notice);
        }
        try {
            Path dir = Files.createTempDirectory("servicekonto-mellon");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            int port = Ports.free();
            String entityId = "http://127.0.0.1:" + port + "/mellon/metadata";
            run(dir, List.of(CREATE_METADATA.toString(), entityId, "http://127.0.0.1:" + port + "/mellon"));
            ApacheMellon mellon = new ApacheMellon(dir, port, entityId);
            // mellon_create_metadata names its files after the entity id.
            String stem = entityId.replaceAll("[^0-9A-Za-z.]", "_").replaceAll("__+", "_");
            Files.move(dir.resolve(stem + ".key"), dir.resolve("sp.key"));
            Files.move(dir.resolve(stem + ".cert"), dir.resolve("sp.cert"));
            Files.move(dir.resolve(stem + ".xml"), dir.resolve("sp.xml"));
            return mellon;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String entityId() {
        return entityId;
    }

    public URI protectedPage() {
        return URI.create("http://127.0.0.1:" + port + "/index.html");
    }

    public String metadata() {
        try {
            return Files.readString(dir.resolve("sp.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts httpd in the foreground with the IdP's metadata; waits until it listens. */
    public void start(String idpMetadata, String trustLevelAttribute) {
        try {
            Files.writeString(dir.resolve("idp.xml"), idpMetadata);
            Path htdocs = Files.createDirectories(dir.resolve("htdocs"));
            Files.writeString(htdocs.resolve("index.html"), "<!doctype html><title>mellon</title><p>angemeldet</p>\n");
            String modules = String.join("\n", List.of("mpm_prefork", "authz_core", "authz_user", "authn_core", "headers",
                    "auth_mellon").stream().map(name -> "LoadModule " + (name.equals("auth_mellon") ? "auth_mellon_module"
                    : name + "_module") + " " + MODULES.resolve("mod_" + name + ".so")).toList());
            Files.writeString(dir.resolve("httpd.conf"), """
                    ServerRoot %1$s
                    ServerName 127.0.0.1
                    Listen 127.0.0.1:%2$d
                    PidFile %1$s/httpd.pid
                    DefaultRuntimeDir %1$s
                    Mutex file:%1$s default
                    ErrorLog %1$s/error.log
                    LogLevel info auth_mellon:debug
                    %3$s
                    User www-data
                    Group www-data
                    DocumentRoot %1$s/htdocs
                    <Directory %1$s/htdocs>
                      Require all granted
                    </Directory>
                    <Location />
                      MellonEnable auth
                      AuthType Mellon
                      Require valid-user
                      MellonEndpointPath /mellon
                      MellonSPPrivateKeyFile %1$s/sp.key
                      MellonSPCertFile %1$s/sp.cert
                      MellonSPMetadataFile %1$s/sp.xml
                      MellonIdPMetadataFile %1$s/idp.xml
                      MellonSecureCookie Off
                      MellonAuthnContextClassRef STORK-QAA-Level-1
                      MellonSetEnvNoPrefix TRUST_LEVEL %4$s
                      Header always set %5$s "%%{TRUST_LEVEL}e"
                    </Location>
                    """.formatted(dir, port, modules, trustLevelAttribute, TRUST_LEVEL_HEADER));
            // www-data must read the key (umask of mellon_create_metadata: owner only).
            run(dir, List.of("chmod", "-R", "a+rX", dir.toString()));
            // Its own session and process group: httpd in the foreground ends by signalling its whole process
            // group, which would otherwise be this JVM's and Maven's.
            process = new ProcessBuilder("setsid", APACHE.toString(), "-d", dir.toString(), "-f",
                    dir.resolve("httpd.conf").toString(), "-DFOREGROUND").redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("httpd ended at once:\n" + log());
                }
                try (Socket ignored = new Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            throw new IllegalStateException("httpd does not listen on " + port + ":\n" + log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** httpd's error log (mellon's debug lines among them), for assertion messages. */
    public String log() {
        try {
            StringBuilder text = new StringBuilder();
            for (String name : List.of("stdout.log", "error.log")) {
                Path file = dir.resolve(name);
                if (Files.exists(file)) {
                    text.append(Files.readString(file));
                }
            }
            return text.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void run(Path dir, List<String> command) {
        try {
            Process started = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(started.getInputStream().readAllBytes());
            if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
                throw new IllegalStateException(command + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
