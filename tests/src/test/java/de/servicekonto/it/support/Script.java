package de.servicekonto.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and keeps what it printed. */
public final class Script {

    private Script() {
    }

    /** Exit code and combined output of a finished command. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Removes the developer's own Servicekonto and Keycloak settings (SK_*, KC_*) from a child's environment, so
     * they cannot change what the tests start (realm placeholders, admin user, ports).
     */
    public static Map<String, String> isolate(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("SK_") || name.startsWith("KC_"));
        return environment;
    }

    public static Result run(Path workingDir, Map<String, String> env, Duration timeout, String... command) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .directory(workingDir.toFile())
                .redirectErrorStream(true);
        isolate(builder.environment()).putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[][] output = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    output[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    output[0] = ("(output not readable: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
                }
            });
            reader.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            reader.join(5000);
            return new Result(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
