package de.servicekonto.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Keycloak server process started from a distribution folder with {@code kc.sh}, exactly as an operator starts
 * it; waits for {@code /health/ready} on the management port and stops it with SIGTERM.
 */
public final class KeycloakProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final int managementPort;

    private KeycloakProcess(Process process, Path log, int httpPort, int managementPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /**
     * Runs {@code kc.sh} with the given arguments and environment, its output going to {@code log}.
     */
    public static KeycloakProcess start(Path serverDir, List<String> args, Map<String, String> env, Path log,
                                        int httpPort, int managementPort, Duration readyTimeout) {
        return start(List.of(serverDir.resolve("bin/kc.sh").toString()), args, env, log, httpPort, managementPort,
                readyTimeout);
    }

    /**
     * Runs the container image's entry point ({@code bin/sk-start.sh}, which checks the start and hands over to
     * {@code kc.sh}) as the image does: through bash, with the given arguments and environment.
     */
    public static KeycloakProcess startThroughEntryPoint(Path serverDir, List<String> args, Map<String, String> env,
                                                         Path log, int httpPort, int managementPort, Duration readyTimeout) {
        return start(List.of("bash", serverDir.resolve("bin/sk-start.sh").toString()), args, env, log, httpPort,
                managementPort, readyTimeout);
    }

    private static KeycloakProcess start(List<String> launcher, List<String> args, Map<String, String> env, Path log,
                                         int httpPort, int managementPort, Duration readyTimeout) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Script.isolate(builder.environment()).putAll(env);
        try {
            Files.createDirectories(log.getParent());
            KeycloakProcess server = new KeycloakProcess(builder.start(), log, httpPort, managementPort);
            server.awaitReady(readyTimeout);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code kc.sh} to completion (e.g. {@code build}) and fails with its output if it does not exit 0. */
    public static void run(Path serverDir, List<String> args, Path log, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(serverDir.resolve("bin/kc.sh").toString());
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            Script.isolate(builder.environment());
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kc.sh " + args + " did not finish in " + timeout + "\n" + tail(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kc.sh " + args + " exited " + process.exitValue() + "\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + httpPort);
    }

    public int httpPort() {
        return httpPort;
    }

    /** The server JVM's process id: the started process if kc.sh exec'd java, else its java descendant. */
    public long pid() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    public int managementPort() {
        return managementPort;
    }

    public Path log() {
        return log;
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " during start-up\n" + tail(log));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak was not ready within " + timeout + "\n" + tail(log));
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        // kc.sh ends in `exec java`, but stop any child too so no JVM outlives the test run.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
