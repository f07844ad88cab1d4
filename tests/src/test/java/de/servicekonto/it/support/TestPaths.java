package de.servicekonto.it.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put things; set by Failsafe (tests/pom.xml), with fall-backs for running from an IDE. */
public final class TestPaths {

    private TestPaths() {
    }

    public static Path projectDir() {
        String dir = System.getProperty("servicekonto.project.dir");
        if (dir != null) {
            return Path.of(dir);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("run.sh")) ? here : here.getParent();
    }

    /** The assembled Keycloak distribution (server module), never written to by tests except for its data/tmp. */
    public static Path serverDir() {
        String dir = System.getProperty("servicekonto.server.dir");
        if (dir == null) {
            throw new IllegalStateException("servicekonto.server.dir is not set; run the tests through Maven (./mvnw verify)");
        }
        Path path = Path.of(dir);
        if (!Files.isExecutable(path.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No assembled server in " + path + "; build it with ./mvnw package -pl server -am");
        }
        return path;
    }

    /** A scratch folder of this test run (under tests/target). */
    public static Path workDir() {
        String dir = System.getProperty("servicekonto.work.dir");
        Path path = dir != null ? Path.of(dir) : projectDir().resolve("tests/target/it-work");
        try {
            return Files.createDirectories(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
