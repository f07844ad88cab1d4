package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Ports;
import de.servicekonto.it.support.Script;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.TestPaths;
import java.io.IOException;
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
import org.junit.jupiter.api.Test;

/** ./run.sh as a developer uses it: help, refusals of bad configuration, first and second start, clean stop. */
@ServicekontoServerTest
class RunScriptIT {

    private static final Duration QUICK = Duration.ofSeconds(30);

    @Test
    void givenHelpThenOptionsAreExplained() {
        Script.Result help = runSh("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("--port", "--data", "--db-url", "SK_ADMIN_PASSWORD", "Ctrl-C",
                "--eid-client-port", "--no-eid-simulator", "SK_EID_PSEUDONYM_KEY");
    }

    @Test
    void givenBusyPortThenRunShSaysSoAndExitsNonZero(ServicekontoServer server) {
        Script.Result result = runSh("--port", String.valueOf(server.httpPort()),
                "--management-port", String.valueOf(Ports.free()));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("port " + server.httpPort() + " is already in use");

        // The same for the eID simulator's port (e.g. a real AusweisApp listening on 24727).
        Script.Result eid = runSh("--eid-client-port", String.valueOf(server.httpPort()));
        assertThat(eid.exitCode()).isNotZero();
        assertThat(eid.output()).contains("port " + server.httpPort() + " (eID simulator) is already in use");
    }

    @Test
    void givenUnreachablePostgresThenRunShSaysSoAndExitsNonZero() {
        int closedPort = Ports.free();
        Script.Result result = runSh("--port", String.valueOf(Ports.free()),
                "--management-port", String.valueOf(Ports.free()),
                "--db-url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/keycloak");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("PostgreSQL at 127.0.0.1:" + closedPort + " is not reachable");
    }

    @Test
    void givenMalformedOptionsThenRunShRefusesThem() {
        assertThat(runSh("--port", "eighty").output()).contains("--port must be a number");
        assertThat(runSh("--db-url", "mysql://x").output()).contains("--db-url must look like jdbc:postgresql://");
        // A host that is really a command must be refused, not run.
        Script.Result injected = runSh("--db-url", "jdbc:postgresql://$(echo${IFS}INJECTED)/keycloak");
        assertThat(injected.exitCode()).isNotZero();
        assertThat(injected.output()).contains("--db-url must look like").doesNotContain("INJECTED\n");
        Script.Result unknown = runSh("--frobnicate");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.output()).contains("unknown option: --frobnicate");
    }

    @Test
    void givenFreshDataFolderThenFirstStartImportsRealmAndSecondStartKeepsData() throws Exception {
        Path data = Files.createTempDirectory(TestPaths.workDir(), "run-sh-data");
        String adminPassword = "run-sh-" + Instant.now().toEpochMilli();

        int port = Ports.free();
        int eidClientPort = Ports.free();
        Process first = startRunSh(data, port, adminPassword, "first-start.log", eidClientPort);
        try {
            awaitRealm(port, first, data.resolve("first-start.log"));
            String log = Files.readString(data.resolve("first-start.log"));
            assertThat(log).contains("Realm 'servicekonto' imported", "Servicekonto is running.",
                    "http://localhost:" + port + "/realms/servicekonto/.well-known/openid-configuration",
                    "http://localhost:" + port + "/realms/servicekonto/protocol/saml/descriptor",
                    "eID-Client on http://127.0.0.1:" + eidClientPort);
            createUser(port, adminPassword, "kept-across-restarts");
            eidLoginReachesConfirmation(port, eidClientPort);
        } finally {
            assertThat(stop(first)).as("exit code after SIGTERM").isZero();
        }
        assertThat(portOpen(eidClientPort)).as("the eID simulator stops with run.sh").isFalse();
        assertThat(Files.readString(data.resolve("vault/servicekonto_sk-eid-pseudonym-key")).length()).isGreaterThanOrEqualTo(32);

        port = Ports.free();
        Process second = startRunSh(data, port, adminPassword, "second-start.log", Ports.free());
        try {
            awaitRealm(port, second, data.resolve("second-start.log"));
            assertThat(Files.readString(data.resolve("second-start.log"))).doesNotContain("Realm 'servicekonto' imported");
            JsonNode users = adminGet(port, adminPassword, "/admin/realms/servicekonto/users?username=kept-across-restarts&exact=true");
            assertThat(users.size()).isEqualTo(1);
        } finally {
            assertThat(stop(second)).isZero();
        }
    }

    /**
     * Runs run.sh on free ports (so a server or AusweisApp running on this machine does not change the outcome); the
     * given arguments come after those and win.
     */
    private static Script.Result runSh(String... args) {
        List<String> command = new ArrayList<>(List.of(TestPaths.projectDir().resolve("run.sh").toString(),
                "--port", String.valueOf(Ports.free()), "--management-port", String.valueOf(Ports.free()),
                "--eid-client-port", String.valueOf(Ports.free()), "--eid-server-port", String.valueOf(Ports.free())));
        command.addAll(List.of(args));
        return Script.run(TestPaths.projectDir(), Map.of(), QUICK, command.toArray(String[]::new));
    }

    /**
     * What a developer does after ./run.sh: a portal login needing hoch, "Mit Online-Ausweis anmelden", the simulated
     * AusweisApp reads ERIKA MUSTERMANN's card through the simulated eID-Server, and the confirmation page shows her
     * data. Proves the realm was wired to the simulator (addresses, keystores, vault secrets).
     */
    private static void eidLoginReachesConfirmation(int port, int eidClientPort) {
        HttpResponse<String> status = new BrowserlessClient().get(URI.create("http://127.0.0.1:" + eidClientPort + "/eID-Client?Status"));
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("TR-03124");
        OidcFlow flow = new OidcFlow(URI.create("http://localhost:" + port + "/realms/servicekonto"),
                ServicekontoServer.DEMO_OIDC_CLIENT, ServicekontoServer.DEMO_OIDC_SECRET, ServicekontoServer.DEMO_OIDC_REDIRECT);
        HttpResponse<String> page = flow.authorize(Map.of("acr_values", "http://eidas.europa.eu/LoA/high"));
        URI button = EidLogin.buttonLink(page);
        assertThat(button.toString()).startsWith("http://127.0.0.1:" + eidClientPort + "/eID-Client?tcTokenURL=");
        HttpResponse<String> confirm = EidLogin.readCard(flow.browser(), page, "erika");
        assertThat(EidLogin.isConfirmPage(confirm)).as(confirm.body()).isTrue();
        assertThat(org.jsoup.Jsoup.parse(confirm.body()).text()).contains("ERIKA", "MUSTERMANN", "12.08.1964");
    }

    private static boolean portOpen(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process startRunSh(Path data, int port, String adminPassword, String logName, int eidClientPort)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(TestPaths.projectDir().resolve("run.sh").toString(),
                "--port", String.valueOf(port), "--management-port", String.valueOf(Ports.free()),
                "--eid-client-port", String.valueOf(eidClientPort), "--eid-server-port", String.valueOf(Ports.free()),
                "--data", data.toString())
                .directory(TestPaths.projectDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(data.resolve(logName).toFile());
        Script.isolate(builder.environment()).put("SK_ADMIN_PASSWORD", adminPassword);
        return builder.start();
    }

    private static void awaitRealm(int port, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("run.sh exited " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (Files.readString(log).contains("Servicekonto is running.")) {
                HttpResponse<String> discovery = new BrowserlessClient().get(
                        URI.create("http://localhost:" + port + "/realms/servicekonto/.well-known/openid-configuration"));
                assertThat(discovery.statusCode()).isEqualTo(200);
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run.sh did not report a running server:\n" + Files.readString(log));
    }

    private static int stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM, as a service manager or Ctrl-C in a terminal would
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("run.sh did not stop within 60 s of SIGTERM");
        }
        Thread.sleep(500);
        assertThat(process.descendants().filter(ProcessHandle::isAlive).count()).as("processes left behind").isZero();
        return process.exitValue();
    }

    private static String adminToken(int port, String password) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(BrowserlessClient.formBody(Map.of(
                        "grant_type", "password", "client_id", "admin-cli", "username", "admin", "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("access_token").asText();
    }

    private static JsonNode adminGet(int port, String password, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + adminToken(port, password)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.parse(response.body());
    }

    private static void createUser(int port, String password, String username) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/admin/realms/servicekonto/users"))
                .header("Authorization", "Bearer " + adminToken(port, password))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("username", username, "enabled", true))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
    }
}
