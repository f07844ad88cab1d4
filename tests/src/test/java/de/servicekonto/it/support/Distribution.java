package de.servicekonto.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copies of the assembled distribution for servers that must differ from it (other database, test providers). */
public final class Distribution {

    private Distribution() {
    }

    /** Copies the distribution without its run-time state (data/h2, data/tmp), replacing what is at {@code to}. */
    public static Path copy(Path from, Path to) {
        deleteRecursively(to);
        try (Stream<Path> files = Files.walk(from)) {
            files.filter(p -> !from.relativize(p).startsWith("data/tmp") && !from.relativize(p).startsWith("data/h2"))
                    .forEach(source -> {
                        Path target = to.resolve(from.relativize(source).toString());
                        try {
                            if (Files.isDirectory(source)) {
                                Files.createDirectories(target);
                            } else {
                                Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    public static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
