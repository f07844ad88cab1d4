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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What the real relying parties of the tests have in common: Apache httpd from the Debian package, started in the
 * foreground on a free loopback port with a configuration folder of its own (no file under /etc is read or
 * changed), one protected page {@code /index.html} that says "angemeldet", and the processes a module needs beside
 * httpd (shibd). The subclasses add the authentication module and its settings.
 */
public abstract class ApacheSite implements AutoCloseable {

    /** The header the protected page answers with, filled from what the module passes to the site. */
    public static final String TRUST_LEVEL_HEADER = "X-Trust-Level";
    protected static final Path APACHE = Path.of("/usr/sbin/apache2");
    protected static final Path MODULES = Path.of("/usr/lib/apache2/modules");

    protected final Path dir;
    protected final int port;
    private final List<Process> processes = new ArrayList<>();

    protected ApacheSite(String name) {
        try {
            dir = Files.createTempDirectory("servicekonto-" + name);
            // Apache's children run as www-data and read the configuration and keys from here.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            port = Ports.free();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Skips the test with a notice when a file of the software is missing; with {@code requireVariable=true} (set by
     * .ci/run) that is a failure instead, so CI never passes by skipping.
     */
    protected static void requireInstalled(String software, String packages, String requireVariable, Path... files) {
        if (Stream.concat(Stream.of(APACHE), Stream.of(files)).allMatch(Files::exists)) {
            return;
        }
        String notice = software + " not found: install the Debian packages " + packages + " to run this test.";
        if (Boolean.parseBoolean(System.getenv(requireVariable))) {
            Assertions.fail(notice + " " + requireVariable + "=true makes this a failure.");
        }
        System.err.println("SKIPPED relying-party test: " + notice);
        Assumptions.abort(notice);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public URI protectedPage() {
        return baseUri().resolve("/index.html");
    }

    /**
     * Writes httpd.conf (common part, the given {@code LoadModule} lines and the module's settings) and starts httpd
     * in the foreground; returns once it listens.
     */
    protected void startHttpd(List<String> loadModules, String moduleSettings) {
        try {
            Path htdocs = Files.createDirectories(dir.resolve("htdocs"));
            Files.writeString(htdocs.resolve("index.html"), "<!doctype html><title>site</title><p>angemeldet</p>\n");
            List<String> modules = new ArrayList<>();
            for (String name : List.of("mpm_prefork", "authz_core", "authz_user", "authn_core", "headers")) {
                modules.add("LoadModule " + name + "_module " + MODULES.resolve("mod_" + name + ".so"));
            }
            modules.addAll(loadModules);
            Files.writeString(dir.resolve("httpd.conf"), """
                    ServerRoot %1$s
                    ServerName 127.0.0.1
                    Listen 127.0.0.1:%2$d
                    PidFile %1$s/httpd.pid
                    DefaultRuntimeDir %1$s
                    Mutex file:%1$s default
                    ErrorLog %1$s/error.log
                    LogLevel info
                    CustomLog %1$s/access.log "%%m %%U %%>s"
                    %3$s
                    User www-data
                    Group www-data
                    DocumentRoot %1$s/htdocs
                    <Directory %1$s/htdocs>
                      Require all granted
                    </Directory>
                    %4$s
                    """.formatted(dir, port, String.join("\n", modules), moduleSettings));
            // www-data must read the keys (tools that make them write them for their owner only).
            run(dir, List.of("chmod", "-R", "a+rX", dir.toString()));
            Process httpd = startForeground(List.of(APACHE.toString(), "-d", dir.toString(), "-f",
                    dir.resolve("httpd.conf").toString(), "-DFOREGROUND"), "httpd.log");
            waitUntil(() -> listens(port), httpd, Duration.ofSeconds(20), "httpd does not listen on " + port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts a process in its own session and process group: httpd in the foreground ends by signalling its whole
     * process group, which would otherwise be this JVM's and Maven's. Stopped again by {@link #close()}.
     */
    protected Process startForeground(List<String> command, String logName) {
        try {
            List<String> withSession = new ArrayList<>();
            withSession.add("setsid");
            withSession.addAll(command);
            Process process = new ProcessBuilder(withSession).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(logName).toFile()).start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected void waitUntil(java.util.function.BooleanSupplier ready, Process process, Duration timeout, String failure) {
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.info().command().orElse("process") + " ended at once:\n" + log());
                }
                if (ready.getAsBoolean()) {
                    return;
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException(failure + ":\n" + log());
    }

    protected static boolean listens(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    protected void write(String name, String content) {
        try {
            Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The requests the site received so far, one line each: method, path (without query) and status, e.g.
     * {@code POST /Shibboleth.sso/SLO/SOAP 200}; shows who reached the site (the browser or the server).
     */
    public List<String> requests() {
        return read("access.log").lines().toList();
    }

    /** Every log of the site (httpd's error log with the module's lines, shibd's output), for assertion messages. */
    public String log() {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                text.append("== ").append(file.getFileName()).append('\n').append(Files.readString(file));
            }
        } catch (IOException e) {
            text.append(e);
        }
        return text.toString();
    }

    @Override
    public void close() {
        // Last started first: httpd's children talk to the helpers (shibd) until they end.
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
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

    protected static void run(Path dir, List<String> command) {
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
