package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_PASSWORD;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.eidsim.EidSimulator;
import de.servicekonto.it.support.AdminClient;
import de.servicekonto.it.support.DevRealm;
import de.servicekonto.it.support.AuthorityAccounts;
import de.servicekonto.it.support.Distribution;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.KeycloakProcess;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Ports;
import de.servicekonto.it.support.PostgresServer;
import de.servicekonto.it.support.TestPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production path, on the unpacked distribution: what docker/Dockerfile does at image build time
 * ({@code kc.sh build} for PostgreSQL with health and metrics) and at start ({@code start --optimized}, clustered
 * Infinispan with JDBC_PING discovery), against a real PostgreSQL.
 */
class PostgresDistributionIT {

    private static PostgresServer postgres;
    private static KeycloakProcess keycloak;
    /** The eID simulator: operators act with a login at hoch, i.e. with the (simulated) ID card. */
    private static EidSimulator eid;
    private static Path distribution;

    @BeforeAll
    static void buildAndStartForPostgres() {
        postgres = PostgresServer.start();
        distribution = TestPaths.workDir().resolve("postgres-distribution");
        Distribution.copy(TestPaths.serverDir(), distribution);

        // Same build options as the image (docker/Dockerfile: KC_DB, KC_HEALTH_ENABLED, KC_METRICS_ENABLED, KC_VAULT).
        KeycloakProcess.run(distribution, List.of("build", "--db=postgres", "--health-enabled=true",
                "--metrics-enabled=true", "--vault=file"), distribution.resolve("build.log"), Duration.ofMinutes(5));

        // The Postfach's key ring, so its tables are used on PostgreSQL too.
        Path vault = distribution.resolve("pg-vault");
        try {
            java.nio.file.Files.createDirectories(vault);
            byte[] kek = new byte[32];
            new java.security.SecureRandom().nextBytes(kek);
            java.nio.file.Files.writeString(vault.resolve("servicekonto_sk-postfach-kek"),
                    "pg-1:" + java.util.Base64.getEncoder().encodeToString(kek));
            eid = EidSimulator.start(EidSimulator.Settings.builder()
                    .directory(distribution.resolve("eid-simulator")).serverPort(0).clientPort(0).build());
            java.nio.file.Files.writeString(vault.resolve("servicekonto_sk-eid-keystore-password"), eid.spKeyStorePassword());
            java.nio.file.Files.writeString(vault.resolve("servicekonto_sk-eid-truststore-password"), eid.spTrustStorePassword());
            java.nio.file.Files.writeString(vault.resolve("servicekonto_sk-eid-pseudonym-key"),
                    java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int httpPort = Ports.free();
        int managementPort = Ports.free();
        // Started through the image's entry point, which lets this start pass: a strong bootstrap password and the
        // realm's vault secrets (its refusals: ProductionArtifactsIT).
        keycloak = KeycloakProcess.startThroughEntryPoint(distribution, List.of("start", "--optimized", "--import-realm",
                        "--vault-dir=" + vault,
                        "--http-enabled=true", "--hostname-strict=false",
                        "--http-port=" + httpPort, "--http-management-port=" + managementPort,
                        "--db-url=" + postgres.jdbcUrl(), "--db-username=" + PostgresServer.USER,
                        "--cache-embedded-network-bind-address=127.0.0.1",
                        "--cache-embedded-network-bind-port=" + Ports.free()),
                Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "pg-admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "pg-admin-password",
                        "SK_EID_SERVER_URL", eid.serverUrl().toString(), "SK_EID_KEYSTORE", eid.spKeyStore().toString(),
                        "SK_EID_TRUSTSTORE", eid.spTrustStore().toString(), "SK_EID_CLIENT_URL", eid.clientUrl().toString()),
                distribution.resolve("keycloak.log"), httpPort, managementPort, Duration.ofMinutes(4));
        // The demo portal is no part of the realm file; a local run adds it from realm-config/dev (as run.sh does).
        DevRealm.addDemoClients(new AdminClient(keycloak.baseUri(), "pg-admin", "pg-admin-password"));
    }

    @AfterAll
    static void stop() {
        try {
            if (keycloak != null) {
                keycloak.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (eid != null) {
                eid.close();
            }
        }
    }

    @Test
    void givenPostgresBuildThenRealmAndDemoUserLiveInPostgres() throws Exception {
        try (Connection connection = postgres.connect()) {
            ResultSet realm = connection.createStatement().executeQuery(
                    "SELECT display_name FROM realm WHERE name = 'servicekonto'");
            assertThat(realm.next()).as("realm row in PostgreSQL").isTrue();
            ResultSet user = connection.createStatement().executeQuery(
                    "SELECT count(*) FROM user_entity WHERE username = 'erika'");
            user.next();
            assertThat(user.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void givenPostgresBuildThenClusterDiscoveryRegistersTheNodeInTheDatabase() throws Exception {
        try (Connection connection = postgres.connect()) {
            ResultSet members = connection.createStatement().executeQuery("SELECT count(*) FROM jgroups_ping");
            members.next();
            assertThat(members.getInt(1)).as("nodes registered by JDBC_PING").isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void givenPostgresBuildThenPostfachStoresAndStreamsAnEncryptedAttachment() throws Exception {
        AdminClient admin = new AdminClient(keycloak.baseUri(), "pg-admin", "pg-admin-password");
        // The Postfach scopes come with the realm configuration (imported at first start).
        // An authority account reviewed and activated by an operator, on PostgreSQL like the rest.
        AuthorityAccounts authorities = new AuthorityAccounts(keycloak.baseUri().resolve("/realms/servicekonto"), admin);
        String authority = authorities.authority("PG-Amt", "VERIFIED", "ACTIVE");
        String citizen = location(admin.post("/realms/servicekonto/users", Map.of("username", "pg-citizen", "enabled", true,
                "firstName", "Paula", "lastName", "Postgres", "email", "pg@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1980-01-01"), "sk-postfach-notify", List.of("false")))));
        String client = location(admin.post("/realms/servicekonto/clients", Map.of("clientId", "pg-fachverfahren",
                "secret", "pg-secret", "publicClient", false, "standardFlowEnabled", false, "serviceAccountsEnabled", true)));
        authorities.bind(authority, "pg-fachverfahren");
        for (JsonNode scope : admin.get("/realms/servicekonto/client-scopes")) {
            if (scope.path("name").asText().startsWith("postfach:")) {
                assertThat(admin.put("/realms/servicekonto/clients/" + client + "/default-client-scopes/"
                        + scope.path("id").asText(), Map.of()).statusCode()).isEqualTo(204);
            }
        }
        HttpClient http = HttpClient.newHttpClient();
        String token = Json.parse(Http.send(http, HttpRequest.newBuilder(keycloak.baseUri().resolve(
                        "/realms/servicekonto/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=pg-fachverfahren"
                        + "&client_secret=pg-secret")).build()).body()).path("access_token").asText();
        URI box = keycloak.baseUri().resolve("/realms/servicekonto/postfach/mailboxes/" + authority);

        byte[] pdf = PostfachIT.pdf(200_000);
        HttpResponse<String> uploaded = Http.send(http, HttpRequest.newBuilder(URI.create(box + "/attachments?filename=a.pdf"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        HttpResponse<String> sent = Http.send(http, HttpRequest.newBuilder(URI.create(box + "/messages"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("to", Map.of("kind", "user", "id", citizen),
                        "subject", "Bescheid PG", "body", "Inhalt", "notice", true,
                        "attachments", List.of(Json.parse(uploaded.body()).path("id").asText()))))).build());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String id = Json.parse(sent.body()).path("id").asText();
        JsonNode message = Json.parse(Http.send(http, HttpRequest.newBuilder(URI.create(box + "/messages/" + id))
                .header("Authorization", "Bearer " + token).GET().build()).body());
        assertThat(message.path("subject").asText()).isEqualTo("Bescheid PG");
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(box + "/messages/" + id + "/attachments/"
                        + message.path("attachments").get(0).path("id").asText()))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        HttpResponse<String> receipt = Http.send(http, HttpRequest.newBuilder(URI.create(box + "/messages/" + id + "/receipt"))
                .header("Authorization", "Bearer " + token).GET().build());
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(200);
        try (Connection connection = postgres.connect()) {
            ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM sk_pf_attachment");
            rows.next();
            assertThat(rows.getInt(1)).as("sender's and recipient's copy").isEqualTo(2);
        }
        // The notice's evidence cannot be changed in the database either, not even by its own user.
        try (Connection connection = postgres.connect()) {
            // An event row to try on (this server sends no e-mail, so none was recorded); writing one is allowed.
            connection.createStatement().executeUpdate("INSERT INTO sk_pf_notice_event (id, notice_id, type, event_time)"
                    + " SELECT n.id || ':TEST', n.id, 'TEST', 1 FROM sk_pf_notice n");
            for (String update : List.of("UPDATE sk_pf_notice SET provided_at = 0",
                    "UPDATE sk_pf_notice_event SET event_time = 0")) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> connection.createStatement().executeUpdate(update))
                        .as(update).isInstanceOf(java.sql.SQLException.class).hasMessageContaining("written once");
            }
            connection.createStatement().executeUpdate("DELETE FROM sk_pf_notice_event WHERE type = 'TEST'");
        }
        // On PostgreSQL the content is a large object: deleting the account deletes its copy's row, and the large
        // object with it (nothing of a removed account's attachment stays in pg_largeobject).
        long largeObjects = largeObjects();
        assertThat(largeObjects).isGreaterThanOrEqualTo(2);
        assertThat(admin.delete("/realms/servicekonto/users/" + citizen).statusCode()).isEqualTo(204);
        try (Connection connection = postgres.connect()) {
            ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM sk_pf_attachment");
            rows.next();
            assertThat(rows.getInt(1)).as("the authority's copy stays").isEqualTo(1);
        }
        assertThat(largeObjects()).as("large objects after the account's removal").isEqualTo(largeObjects - 1);
        // The authority's copy still downloads.
        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(box + "/messages/" + id + "/attachments/"
                        + message.path("attachments").get(0).path("id").asText()))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.body()).isEqualTo(pdf);
    }

    private static long largeObjects() throws java.sql.SQLException {
        try (Connection connection = postgres.connect()) {
            ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM pg_catalog.pg_largeobject_metadata");
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String location(HttpResponse<String> created) {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void givenPostgresBuildThenDemoUserLogsInThroughTheCodeFlow() {
        URI realm = keycloak.baseUri().resolve("/realms/servicekonto");
        OidcFlow flow = new OidcFlow(realm, DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);

        Map<String, String> callback = flow.callback(flow.login(flow.authorize(Map.of()), DEMO_USER, DEMO_PASSWORD));
        JsonNode idToken = Json.jwtClaims(flow.exchange(callback.get("code")).path("id_token").asText());

        assertThat(idToken.path("preferred_username").asText()).isEqualTo(DEMO_USER);
    }
}
