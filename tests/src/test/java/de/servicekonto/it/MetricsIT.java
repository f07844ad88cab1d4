package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Poll;
import de.servicekonto.it.support.PostfachFixture;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The meters an operator reads at the management port's {@code /metrics}: logins by trust level and means, eID logins
 * that did not complete by reason, the Postfach's deliveries and e-mails, and the notices pending or deemed notified. Each test reads a counter before and
 * after one action through the real server (the ITs of a run share the server one after another).
 */
@ServicekontoServerTest
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)\\{([^}]*)\\}\\s+([0-9.eE+-]+)$");
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
    private static final String REALM = "servicekonto";

    @Test
    void givenAPasswordLoginAndAnIdCardLoginThenEachCountedWithItsLevelAndMeans(ServicekontoServer server) {
        PostfachFixture pf = new PostfachFixture(server);
        String[] citizen = pf.account("Mia");
        double password = value(server, "servicekonto_logins_total", "level", "niedrig", "means", "Benutzername");
        double card = value(server, "servicekonto_logins_total", "level", "hoch", "means", "eID");

        pf.token(citizen[0]);
        assertThat(value(server, "servicekonto_logins_total", "level", "niedrig", "means", "Benutzername"))
                .isEqualTo(password + 1);

        pf.eidToken();
        assertThat(value(server, "servicekonto_logins_total", "level", "hoch", "means", "eID")).isEqualTo(card + 1);
    }

    @Test
    void givenACancelledIdCardLoginThenCountedAsCancelledAndNotAsLogin(ServicekontoServer server) {
        double cancelled = value(server, "servicekonto_eid_failures_total", "reason", "cancelled_by_user");
        double card = value(server, "servicekonto_logins_total", "level", "hoch", "means", "eID");
        OidcFlow flow = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);

        HttpResponse<String> answer = EidLogin.readCard(flow.browser(),
                flow.authorize(Map.of("acr_values", PostfachFixture.HIGH)), "cancel");

        assertThat(EidLogin.errorText(answer)).isPresent();
        assertThat(value(server, "servicekonto_eid_failures_total", "reason", "cancelled_by_user")).isEqualTo(cancelled + 1);
        assertThat(value(server, "servicekonto_logins_total", "level", "hoch", "means", "eID")).isEqualTo(card);
    }

    @Test
    void givenAMessageANoticeAndARefusedSendThenTwoDeliveriesAndOneMailAttemptCounted(ServicekontoServer server)
            throws Exception {
        PostfachFixture pf = new PostfachFixture(server);
        String[] clerk = pf.account("Amtmann");
        String authority = pf.authority("Meldeamt", true, clerk[1]);
        // No e-mail address: a message is not mailed at all (decided when it is sent); a notice is, and its e-mail's
        // outcome is "nobody", whatever the test server's mail settings.
        HttpResponse<String> created = server.admin().post("/realms/" + REALM + "/users", Map.of(
                "username", "metrics-" + UUID.randomUUID().toString().substring(0, 8), "enabled", true,
                "firstName", "Nora", "lastName", "Muster",
                "credentials", List.of(Map.of("type", "password", "value", PostfachFixture.PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        String citizen = location.substring(location.lastIndexOf('/') + 1);
        String token = pf.token(clerk[0]);
        double messages = value(server, "servicekonto_postfach_sends_total", "kind", "message");
        double notices = value(server, "servicekonto_postfach_sends_total", "kind", "notice");
        double nobody = value(server, "servicekonto_postfach_mails_total", "attempt", "first", "outcome", "nobody");

        pf.send(token, authority, Map.of("to", Map.of("kind", "user", "id", citizen), "subject", "Termin", "body", "b"));
        pf.send(token, authority, Map.of("to", Map.of("kind", "user", "id", citizen), "subject", "Bescheid",
                "body", "b", "notice", true));
        HttpResponse<String> refused = pf.post(token, "/mailboxes/" + authority + "/messages",
                Map.of("to", Map.of("kind", "user", "id", citizen), "subject", 5, "body", "b"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);

        assertThat(value(server, "servicekonto_postfach_sends_total", "kind", "message")).isEqualTo(messages + 1);
        assertThat(value(server, "servicekonto_postfach_sends_total", "kind", "notice")).isEqualTo(notices + 1);
        // The e-mail step runs once the sending transaction has committed.
        assertThat(Poll.until(Duration.ofSeconds(20),
                () -> value(server, "servicekonto_postfach_mails_total", "attempt", "first", "outcome", "nobody"),
                v -> v >= nobody + 1)).isEqualTo(nobody + 1);
    }

    @Test
    void givenANoticeProvidedOneLongAgoAndARetrievalThenThePendingAndDeemedGaugesMove(ServicekontoServer server)
            throws Exception {
        PostfachFixture pf = new PostfachFixture(server);
        String[] clerk = pf.account("Amtfrau");
        String[] citizen = pf.account("Greta");
        String authority = pf.authority("Steueramt", true, clerk[1]);
        // The census runs every second in the test server; a gauge appears with the realm's first count. The baseline
        // is a count the census has caught up with: a notice an earlier test sent just before may not be counted yet,
        // and would otherwise pass for this test's own.
        double pending = settled(server, "pending");
        double deemed = settled(server, "deemed");

        pf.send(pf.token(clerk[0]), authority, Map.of("to", Map.of("kind", "user", "id", citizen[1]),
                "subject", "Steuerbescheid", "body", "b", "notice", true));
        assertThat(Poll.until(Duration.ofSeconds(30), () -> value(server, "servicekonto_postfach_notices", "state", "pending"),
                v -> v == pending + 1)).isEqualTo(pending + 1);
        assertThat(value(server, "servicekonto_postfach_notices", "state", "deemed")).isEqualTo(deemed);

        // A notice provided ten days ago under the fourth-day rule and never opened: deemed notified. Written into
        // the table directly (the API provides notices now only), and removed again (notice rows can be deleted).
        String realmId = server.admin().get("/realms/" + REALM).path("id").asText();
        String old = UUID.randomUUID().toString();
        try (Connection db = server.writableDatabase(); PreparedStatement insert = db.prepareStatement(
                "insert into SK_PF_NOTICE (ID, REALM_ID, MESSAGE_REF, AUTHORITY_ID, RECIPIENT_ID, RULE_NAME, PROVIDED_AT)"
                        + " values (?, ?, ?, ?, ?, 'FOURTH_DAY_AFTER_PROVISION', ?)")) {
            insert.setString(1, old);
            insert.setString(2, realmId);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setString(4, authority);
            insert.setString(5, citizen[1]);
            insert.setLong(6, Instant.now().minus(Duration.ofDays(10)).toEpochMilli());
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
        try {
            assertThat(Poll.until(Duration.ofSeconds(30), () -> value(server, "servicekonto_postfach_notices", "state",
                    "deemed"), v -> v == deemed + 1)).isEqualTo(deemed + 1);
            assertThat(value(server, "servicekonto_postfach_notices", "state", "pending")).isEqualTo(pending + 1);
        } finally {
            try (Connection db = server.writableDatabase();
                 PreparedStatement delete = db.prepareStatement("delete from SK_PF_NOTICE where ID = ?")) {
                delete.setString(1, old);
                delete.executeUpdate();
            }
        }

        // The citizen opens the notice: retrieved, so no longer pending.
        String token = pf.token(citizen[0]);
        String inboxId = Json.parse(pf.get(token, "/mailboxes/me/messages").body()).path("messages").get(0).path("id").asText();
        assertThat(pf.get(token, "/mailboxes/me/messages/" + inboxId).statusCode()).isEqualTo(200);
        assertThat(Poll.until(Duration.ofSeconds(30), () -> value(server, "servicekonto_postfach_notices", "state", "pending"),
                v -> v == pending)).isEqualTo(pending);
        assertThat(Poll.until(Duration.ofSeconds(30), () -> value(server, "servicekonto_postfach_notices", "state", "deemed"),
                v -> v == deemed)).isEqualTo(deemed);
    }

    /** As {@link #value}, but null when the series does not exist (a gauge appears with the first count). */
    /** The notice gauge once two readings more than a census interval apart agree. */
    private static double settled(ServicekontoServer server, String state) throws Exception {
        Double previous = Poll.until(Duration.ofSeconds(30), () -> sample(server, "servicekonto_postfach_notices",
                "state", state), v -> v != null);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(1500);
            Double now = sample(server, "servicekonto_postfach_notices", "state", state);
            if (previous.equals(now)) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("the notice gauge " + state + " did not settle");
    }

    private static Double sample(ServicekontoServer server, String name, String... labels) {
        return find(server, name, labels);
    }

    /**
     * The sample of {@code name} in this realm whose labels include the given pairs and no others besides
     * {@code realm}; 0 when the series does not exist yet (a counter appears with its first increment).
     */
    private static double value(ServicekontoServer server, String name, String... labels) {
        Double found = find(server, name, labels);
        return found == null ? 0 : found;
    }

    private static Double find(ServicekontoServer server, String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        wanted.put("realm", REALM);
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        HttpResponse<String> scraped = Http.send(HTTP, HttpRequest.newBuilder(
                URI.create(server.managementUri() + "/metrics")).GET().build());
        assertThat(scraped.statusCode()).isEqualTo(200);
        Matcher sample = SAMPLE.matcher(scraped.body());
        while (sample.find()) {
            if (!sample.group(1).equals(name)) {
                continue;
            }
            Map<String, String> found = new TreeMap<>();
            Matcher label = LABEL.matcher(sample.group(2));
            while (label.find()) {
                found.put(label.group(1), label.group(2));
            }
            if (found.equals(wanted)) {
                return Double.parseDouble(sample.group(3));
            }
        }
        return null;
    }
}
