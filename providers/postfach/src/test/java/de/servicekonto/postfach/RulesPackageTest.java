package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering the renovation (#20) set: the rules know no Keycloak, JAX-RS or JPA (the glue is in {@code keycloak},
 * {@code rest}, {@code mail}, {@code directory}), and only package {@code jpa} knows an entity.
 */
class RulesPackageTest {

    private static final Path MAIN = Path.of("src/main/java/de/servicekonto/postfach");

    @Test
    void givenTheRulesThenNoKeycloakJaxRsOrJpaType() throws IOException {
        assertThat(imports(MAIN)).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain("org.keycloak").doesNotContain("jakarta.").doesNotContain("org.hibernate")
                .doesNotContain("de.servicekonto.postfach.jpa"));
    }

    @Test
    void givenTheStoreInterfaceThenNoEntity() throws IOException {
        assertThat(imports(MAIN.resolve("spi"))).noneMatch(line -> line.contains("de.servicekonto.postfach.jpa")
                || line.contains("jakarta.persistence"));
    }

    @Test
    void givenTheGlueThenNoEntityEither() throws IOException {
        for (String glue : List.of("keycloak", "rest", "mail", "directory")) {
            assertThat(imports(MAIN.resolve(glue))).as(glue).noneMatch(line -> line.contains("de.servicekonto.postfach.jpa"));
        }
    }

    private static List<String> imports(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(RulesPackageTest::lines)
                    .filter(line -> line.startsWith("import ")).toList();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
