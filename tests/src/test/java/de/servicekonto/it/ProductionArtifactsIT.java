package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What ships: the assembled server (run.sh's and the tests' base) and the container build context hold our providers
 * and nothing made for development or tests — no eID simulator, no test providers, no simulator address or demo user
 * in the realm the image imports.
 */
class ProductionArtifactsIT {

    @Test
    void givenAssembledServerAndImageContextThenOnlyProductionProvidersAreInstalled() throws IOException {
        assertThat(jarNames(TestPaths.serverDir().resolve("providers")))
                .containsExactlyInAnyOrder("servicekonto-activity-log", "servicekonto-crypto", "servicekonto-eid",
                        "servicekonto-organisations", "servicekonto-postfach", "servicekonto-rest", "servicekonto-stammdaten",
                        "servicekonto-trust-level", "servicekonto-account-ui");
        assertThat(jarNames(TestPaths.projectDir().resolve("server/target/docker/providers")))
                .containsExactlyInAnyOrder("servicekonto-activity-log", "servicekonto-crypto", "servicekonto-eid",
                        "servicekonto-organisations", "servicekonto-postfach", "servicekonto-rest", "servicekonto-stammdaten",
                        "servicekonto-trust-level", "servicekonto-account-ui");
    }

    @Test
    void givenAssembledServerAndImageContextThenTheAccountThemeComesOnlyFromTheThemeJar() {
        // One "servicekonto" account theme: the Vite-built jar in providers/. A folder theme of the same name would
        // compete with it, and the jar's sources (with node_modules/) have no place in the server.
        for (Path themes : List.of(TestPaths.serverDir().resolve("themes"),
                TestPaths.projectDir().resolve("server/target/docker/themes"))) {
            assertThat(themes.resolve("servicekonto/login")).as(themes + " login theme").isDirectory();
            assertThat(themes.resolve("servicekonto/account")).as(themes + " account folder theme").doesNotExist();
            assertThat(themes.resolve("account-ui")).as(themes + " account-ui sources").doesNotExist();
        }
    }

    @Test
    void givenImageRealmThenItNamesNoSimulatorAndNoDemoUser() throws IOException {
        Path realmConfig = TestPaths.projectDir().resolve("server/target/docker/realm-config");
        try (Stream<Path> files = Files.walk(realmConfig)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).toList();
            assertThat(json).extracting(p -> p.getFileName().toString()).containsExactly("servicekonto-realm.json");
            String realm = Files.readString(json.get(0));
            // The eID-Server comes from the operator's environment; nothing points at the simulator's ports.
            assertThat(realm).contains("\"sk.eid.server.url\": \"${SK_EID_SERVER_URL:}\"")
                    .doesNotContain(":24728").doesNotContain("eid-simulator").doesNotContain("\"users\"");
        }
    }

    private static List<String> jarNames(Path folder) throws IOException {
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .map(n -> n.replaceAll("-\\d.*\\.jar$", "")).toList();
        }
    }
}
