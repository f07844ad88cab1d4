package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The core package is reused outside Keycloak glue and tested without a server, so it stays JDK-only. */
class CorePackageTest {

    @Test
    void coreSourcesImportNothingButTheJdk() throws IOException {
        Path core = Path.of("src/main/java/de/servicekonto/crypto");
        List<String> imports;
        try (Stream<Path> files = Files.list(core)) {
            imports = files.filter(f -> f.toString().endsWith(".java")).flatMap(CorePackageTest::lines)
                    .filter(line -> line.startsWith("import ")).toList();
        }

        assertThat(imports).isNotEmpty().allSatisfy(line -> assertThat(line).matches("import (static )?javax?\\..*;"));
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
