package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md stays true about what Servicekonto plugs into Keycloak: its table "Every provider, by module"
 * names exactly the providers the modules register in {@code META-INF/services}, each under the right module and
 * service file. Reads the source tree only; no server needed.
 */
class ArchitectureDocIT {

    /** A table row: | module | `class` | `SPI` | `id` | what |. */
    private static final Pattern ROW = Pattern.compile("^\\| ([a-z-]+) \\| `([A-Za-z0-9$]+)` \\| `([A-Za-z]+)` \\| `([a-z-]+)` \\| .+\\|$");

    @Test
    void everyRegisteredProviderIsInTheArchitectureTableAndNothingElse() throws IOException {
        Set<String> registered = registeredProviders(TestPaths.projectDir().resolve("providers"));
        Set<String> documented = documentedProviders(TestPaths.projectDir().resolve("docs/architecture.md"));

        // Sanity: both sides were read (a renamed heading or moved folder must not make the comparison vacuous).
        assertThat(registered).hasSizeGreaterThan(30);
        assertThat(documented).as("rows of the table \"Every provider, by module\"").isNotEmpty();

        Set<String> missing = new TreeSet<>(registered);
        missing.removeAll(documented);
        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(registered);
        assertThat(missing).as("providers registered in META-INF/services but missing from docs/architecture.md "
                + "(module | class | service file)").isEmpty();
        assertThat(stale).as("rows of docs/architecture.md's provider table that no module registers").isEmpty();
    }

    /** "module | SimpleName | ServiceFileSimpleName" for every line of every providers/{module}/…/META-INF/services file. */
    private static Set<String> registeredProviders(Path providers) throws IOException {
        Set<String> found = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(providers)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path services = module.resolve("src/main/resources/META-INF/services");
                if (Files.isDirectory(services)) {
                    try (Stream<Path> list = Files.list(services)) {
                        list.forEach(files::add);
                    }
                }
            }
        }
        for (Path file : files) {
            String module = file.getParent().getParent().getParent().getParent().getParent().getParent().getFileName().toString();
            String service = simpleName(file.getFileName().toString());
            for (String line : Files.readAllLines(file)) {
                String entry = line.replaceAll("#.*", "").strip();
                if (!entry.isEmpty()) {
                    found.add(module + " | " + simpleName(entry) + " | " + service);
                }
            }
        }
        return found;
    }

    private static Set<String> documentedProviders(Path doc) throws IOException {
        List<String> lines = Files.readAllLines(doc);
        int start = lines.indexOf("### Every provider, by module");
        assertThat(start).as("heading \"### Every provider, by module\" in %s", doc).isNotNegative();
        Set<String> rows = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                rows.add(row.group(1) + " | " + row.group(2) + " | " + row.group(3));
            } else if (line.startsWith("| ") && !line.startsWith("| module ") && !line.startsWith("| ---")) {
                throw new AssertionError("unreadable row in the provider table of " + doc + ": " + line);
            }
        }
        return rows;
    }

    /** "de.servicekonto.activity.ActivityFactory$Entities" → "ActivityFactory$Entities". */
    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
