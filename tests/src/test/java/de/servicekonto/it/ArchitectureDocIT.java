package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md stays true about what Servicekonto plugs into Keycloak: its table "Every provider, by module"
 * names exactly the providers the modules register in {@code META-INF/services}, each under the right module and
 * service file; its table "Test tiers" names every integration test class in the tier it belongs to and every module
 * that has unit tests. Reads the source tree only; no server needed.
 */
class ArchitectureDocIT {

    /** A table row: | module | `class` | `SPI` | `id` | what |. */
    private static final Pattern ROW = Pattern.compile("^\\| ([a-z-]+) \\| `([A-Za-z0-9$]+)` \\| `([A-Za-z]+)` \\| `([a-z0-9_-]+)` \\| .+\\|$");

    private static final String SUPPORT = "import de.servicekonto.it.support.";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern TEST_CLASS_OR_MODULE = Pattern.compile("[A-Z][A-Za-z0-9]*IT|[a-z-]+/[a-z-]+");

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

    @Test
    void everyTestClassIsInItsTierOfTheArchitecturePage() throws IOException {
        Path project = TestPaths.projectDir();
        Map<String, Set<String>> documented = documentedTiers(project.resolve("docs/architecture.md"));
        Map<String, Set<String>> actual = new TreeMap<>();
        try (Stream<Path> files = Files.list(project.resolve("tests/src/test/java/de/servicekonto/it"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("IT.java")).toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                actual.computeIfAbsent(tierOf(Files.readString(file)), tier -> new TreeSet<>()).add(name);
            }
        }
        actual.put("Unit", modulesWithUnitTests(project));

        assertThat(actual.get("HTTP integration")).as("sanity: the integration tests were read").hasSizeGreaterThan(20);
        for (Map.Entry<String, Set<String>> tier : actual.entrySet()) {
            assertThat(documented.getOrDefault(tier.getKey(), Set.of()))
                    .as("the row \"%s\" of docs/architecture.md's table \"Test tiers\" (test classes, or for Unit the "
                            + "modules with unit tests)", tier.getKey())
                    .containsExactlyInAnyOrderElementsOf(tier.getValue());
        }
    }

    /**
     * The tier a test class runs in, by what it uses: the browser, its own PostgreSQL, a real relying party's
     * software, a Docker engine, the shared server, or none of them (it reads files); read off its imports.
     */
    private static String tierOf(String source) {
        Set<String> imports = source.lines().filter(line -> line.startsWith("import ")).collect(Collectors.toSet());
        if (imports.contains(SUPPORT + "ChromiumExtension;")) {
            return "Browser";
        }
        if (imports.contains(SUPPORT + "PostgresServer;")) {
            return "PostgreSQL";
        }
        // ApacheMellon, ApacheShibboleth, ApacheOpenidc (the subclasses of ApacheSite) and the node-saml SP.
        if (imports.stream().anyMatch(line -> line.startsWith(SUPPORT + "Apache"))
                || imports.contains(SUPPORT + "NodeSamlSp;")) {
            return "Relying-party software";
        }
        if (imports.contains("import org.testcontainers.junit.jupiter.Testcontainers;")) {
            return "Container image";
        }
        return imports.contains(SUPPORT + "ServicekontoServerTest;") ? "HTTP integration" : "Files";
    }

    /** "providers/crypto", "simulators/eid", …: every module outside tests/ with a {@code *Test.java} under src/test. */
    private static Set<String> modulesWithUnitTests(Path project) throws IOException {
        Set<String> modules = new TreeSet<>();
        for (String group : List.of("providers", "simulators", "themes", "realm-config", "server")) {
            Path dir = project.resolve(group);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith("Test.java"))
                        .map(f -> project.relativize(f).toString().replace('\\', '/'))
                        .filter(f -> f.contains("/src/test/") && !f.contains("/node_modules/"))
                        .forEach(f -> modules.add(f.substring(0, f.indexOf("/src/test/"))));
            }
        }
        return modules;
    }

    /** Tier name → the backticked names of its "classes" cell. */
    private static Map<String, Set<String>> documentedTiers(Path doc) throws IOException {
        List<String> lines = Files.readAllLines(doc);
        int start = lines.indexOf("### Test tiers");
        assertThat(start).as("heading \"### Test tiers\" in %s", doc).isNotNegative();
        Map<String, Set<String>> tiers = new TreeMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("#") || line.startsWith("Notes on the tiers")) {
                break;
            }
            String[] cells = line.split(" \\| ");
            if (!line.startsWith("| ") || cells.length < 2 || line.startsWith("| tier ") || line.startsWith("| ---")) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            Matcher code = CODE.matcher(cells[1]);
            while (code.find()) {
                String name = code.group(1);
                if (TEST_CLASS_OR_MODULE.matcher(name).matches()) {
                    names.add(name);
                }
            }
            tiers.put(cells[0].substring(2), names);
        }
        return tiers;
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
