package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Inactive accounts: warnings by e-mail, then deletion, in a realm of its own whose periods are seconds instead of
 * months (the shared realm's accounts must not be touched).
 */
@ServicekontoServerTest
class InactivityIT {

    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String ACTIVITY_OF = "select count(*) from SK_ACTIVITY where USER_ID = ?";

    @Test
    void givenAccountWithoutLoginThenTwoGermanWarningsWithoutLinkThenDeletionWhileAnActiveAccountStays(ServicekontoServer server)
            throws Exception {
        String realm = "inactivity-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms", Map.of(
                "realm", realm, "enabled", true, "emailTheme", "servicekonto",
                "internationalizationEnabled", true, "supportedLocales", List.of("de", "en"), "defaultLocale", "de",
                "eventsListeners", List.of("jboss-logging", "sk-lifecycle", "sk-activity"),
                "attributes", Map.of("sk.inactivity.deleteAfter", "PT12S", "sk.inactivity.warnBefore", "PT9S,PT5S"),
                "smtpServer", Map.of("host", "127.0.0.1", "port", String.valueOf(server.mail().getSmtp().getPort()),
                        "from", "servicekonto@localhost", "fromDisplayName", "Servicekonto")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        try {
            String idle = user(server, realm, "idle");
            String active = user(server, realm, "active");
            String idleAddress = idle + "@example.org";
            // One login, so the idle account has something in the activity log that must go with it.
            login(server, realm, idle);
            String idleId = server.admin().get("/realms/" + realm + "/users?exact=true&username=" + idle).get(0).path("id").asText();
            assertThat(server.count(ACTIVITY_OF, idleId)).isPositive();

            Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
            while (exists(server, realm, idle)) {
                assertThat(Instant.now()).as("idle account deleted in time").isBefore(deadline);
                login(server, realm, active);
                Thread.sleep(1000);
            }

            List<MimeMessage> warnings = new ArrayList<>();
            for (MimeMessage message : server.mail().getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(idleAddress)) {
                    warnings.add(message);
                }
            }
            assertThat(server.count(ACTIVITY_OF, idleId)).as("the account's activity log is deleted with it").isZero();
            assertThat(warnings).hasSize(2);
            for (MimeMessage warning : warnings) {
                assertThat(warning.getSubject()).startsWith("Ihr Servicekonto wird am").endsWith("gelöscht, wenn Sie sich nicht anmelden");
                String body = GreenMailUtil.getBody(warning);
                assertThat(body).doesNotContain("http://").doesNotContain("https://");
            }
            assertThat(exists(server, realm, active)).as("an account in use stays").isTrue();
            for (MimeMessage message : server.mail().getReceivedMessages()) {
                assertThat(message.getAllRecipients()[0].toString()).isNotEqualToIgnoringCase(active + "@example.org");
            }
        } finally {
            server.admin().delete("/realms/" + realm);
        }
    }

    private static String user(ServicekontoServer server, String realm, String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/" + realm + "/users", Map.of(
                "username", username, "enabled", true, "firstName", "Ina", "lastName", "Aktiv",
                "email", username + "@example.org", "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private static boolean exists(ServicekontoServer server, String realm, String username) {
        return server.admin().get("/realms/" + realm + "/users?exact=true&username=" + username).size() > 0;
    }

    /** A password login through the realm's admin-cli client (direct grant): a LOGIN event like any other. */
    private static void login(ServicekontoServer server, String realm, String username) {
        HttpResponse<String> response = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create(server.baseUri() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + username
                        + "&password=" + PASSWORD)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
