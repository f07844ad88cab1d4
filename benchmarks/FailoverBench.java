import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Driver of benchmarks/failover.sh (compiled with Bench.java and PostfachBench.java, whose login and set-up it uses;
 * the PostgreSQL driver and Jackson of the distribution on the class path). Three steps, each a run of its own, that
 * share a properties file STATE:
 * <ol>
 *   <li>{@code setup STATE BASE_A ADMIN_USER ADMIN_PASSWORD DB_URL}: an authority with its Fachverfahren client
 *       {@code bench-fachverfahren} and the citizen {@code bench-citizen} (PostfachBench's set-up, on node A);</li>
 *   <li>{@code stream STATE BASE_A BASE_B PID_A SENDS LOGINS}: SENDS rounds, each a Postfach send by the Fachverfahren
 *       with an attachment (every fifth an official notice) whose subject carries a marker unique to the round, and
 *       LOGINS of them also a password login of the demo user through the login form with a refresh on the other
 *       node. The nodes alternate until the middle round, whose send goes to A: A's JVM (PID_A) is killed with
 *       SIGKILL while that send is in flight; from then on every request goes to B. At the end each session that was
 *       logged in on A is refreshed on B;</li>
 *   <li>{@code check STATE BASE_A BASE_B DB_URL} (after A's restart): every acknowledged send exactly once in the
 *       authority's Sent folder through the REST API of both nodes and exactly once in the citizen's mailbox in the
 *       database (same message reference), with its attachment on both copies and, for a notice, its notice row.
 *       Prints {@code failover: sends=N stored=N lost=0 duplicated=0 sessions_survived=K/K} last; exit status 1 when
 *       anything was lost or duplicated or a session did not survive.</li>
 * </ol>
 * A send whose outcome is unknown (connection lost, 5xx) is looked up by its marker in the Sent folder before it is
 * sent again: the Postfach API has no idempotency key, so sending again blindly after a lost answer could store the
 * message twice, and a Fachverfahren has to do the same. What the server does twice on its own still shows as
 * duplicated.
 */
public class FailoverBench {

    private static final String REALM = "servicekonto";
    private static final int NOTICE_EVERY = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    public static void main(String[] args) throws Exception {
        int status;
        try {
            status = switch (args[0]) {
                case "setup" -> setup(Path.of(args[1]), args[2], args[3], args[4], args[5]);
                case "stream" -> stream(Path.of(args[1]), args[2], args[3], Long.parseLong(args[4]),
                        Integer.parseInt(args[5]), Integer.parseInt(args[6]));
                case "check" -> check(Path.of(args[1]), args[2], args[3], args[4]);
                default -> throw new IllegalArgumentException("unknown step " + args[0]);
            };
        } catch (Exception e) {
            e.printStackTrace();
            status = 2;
        }
        System.exit(status); // HttpClient threads must not keep the JVM (and the script) waiting
    }

    private static int setup(Path state, String baseA, String adminUser, String adminPassword, String dbUrl) throws Exception {
        PostfachBench.use(baseA, adminUser, adminPassword);
        PostfachBench.Setup setup = PostfachBench.setUp(dbUrl, "keycloak", "", null);
        Properties p = new Properties();
        p.setProperty("realmId", setup.realmId());
        p.setProperty("authority", setup.authority());
        p.setProperty("citizen", setup.citizen());
        p.setProperty("run", Long.toString(System.currentTimeMillis(), 36));
        save(state, p);
        System.out.println("set up: authority, Fachverfahren client and citizen (one message sent on node A)");
        return 0;
    }

    /** One node as the client sees it: its base URL, a login of the demo user, and the Fachverfahren's token. */
    private static final class Node {
        final String name;
        final String base;
        final Bench user;
        String token;
        long tokenAt;

        /** PUBLIC_BASE: the cluster's one public URL (both nodes' --hostname), which every token names as issuer. */
        Node(String name, String base, String publicBase) {
            this.name = name;
            this.base = base;
            // The demo portal of realm-config/dev and the demo user of the local distribution (as benchmarks/run.sh).
            this.user = new Bench(base, REALM, "demo-portal", "local-dev-only-demo-portal-secret",
                    "http://localhost:8081/callback", "erika", "Erika-lokal-2026").onNodeOf(publicBase);
        }

        /** The Fachverfahren's access token, fetched from this node; renewed well before its 5 minutes are over. */
        String token() throws Exception {
            if (token == null || System.currentTimeMillis() - tokenAt > 60_000) {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/" + REALM
                                + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                                + "&client_id=bench-fachverfahren&client_secret=bench-secret")).build(),
                        HttpResponse.BodyHandlers.ofString());
                expect(r, 200, "client-credentials token from " + name);
                token = JSON.readTree(r.body()).path("access_token").asText();
                tokenAt = System.currentTimeMillis();
            }
            return token;
        }

        String box(String authority) {
            return base + "/realms/" + REALM + "/postfach/mailboxes/" + authority;
        }
    }

    private static int stream(Path state, String baseA, String baseB, long pidA, int sends, int logins) throws Exception {
        Properties p = load(state);
        String authority = p.getProperty("authority");
        String citizen = p.getProperty("citizen");
        String run = p.getProperty("run");
        Node a = new Node("A", baseA, baseA);
        Node b = new Node("B", baseB, baseA);
        int killRound = sends / 2;
        int loginEvery = Math.max(1, sends / logins);
        List<String> sessionsOfA = new ArrayList<>(); // latest refresh token of each session logged in on A
        int sessions = 0;
        int refreshedOnOther = 0;
        int sent = 0;
        int lookedUp = 0;
        int retried = 0;
        String inFlight = "none";
        List<Long> sendMillisOnA = new ArrayList<>();
        long started = System.nanoTime();
        for (int round = 0; round < sends; round++) {
            boolean killed = round > killRound;
            Node node = killed ? b : (round == killRound || round % 2 == 0 ? a : b);
            Node other = killed ? b : (node == a ? b : a);
            if (sessions < logins && round % loginEvery == 0) {
                String refresh = node.user.login();
                // Refreshed on the other node: the session was written by the node of the login.
                refresh = other.user.refresh(refresh);
                refreshedOnOther++;
                sessions++;
                if (node == a) {
                    sessionsOfA.add(refresh);
                }
            }
            String marker = "fo-" + run + "-" + round;
            boolean notice = round % NOTICE_EVERY == 0;
            String attachment = upload(node, authority, round);
            String body = JSON.writeValueAsString(Map.of("to", Map.of("kind", "user", "id", citizen),
                    "subject", "Bescheid " + marker, "body", "Failover-Test, Runde " + round,
                    "notice", notice, "attachments", List.of(attachment)));
            if (round == killRound) {
                // In flight on A when A dies: sent asynchronously, and A's JVM killed a few milliseconds later.
                CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(post(node.box(authority) + "/messages",
                        node.token(), body), HttpResponse.BodyHandlers.ofString());
                // Within the time A's sends took so far (their median), so the kill falls inside the request
                // rather than after its answer, at a point that differs from run to run.
                List<Long> sorted = new ArrayList<>(sendMillisOnA);
                java.util.Collections.sort(sorted);
                long median = sorted.isEmpty() ? 20 : sorted.get(sorted.size() / 2);
                long killAfter = ThreadLocalRandom.current().nextLong(1, Math.max(2, median));
                Thread.sleep(killAfter);
                ProcessHandle victim = ProcessHandle.of(pidA).orElseThrow(() -> new IllegalStateException(
                        "node A's JVM (pid " + pidA + ") is not running"));
                victim.destroyForcibly(); // SIGKILL
                victim.onExit().get(30, TimeUnit.SECONDS);
                System.out.printf("round %d: node A killed (SIGKILL) %d ms after a send to it left%n", round, killAfter);
                Outcome outcome;
                try {
                    HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
                    outcome = r.statusCode() == 201 ? Outcome.STORED : r.statusCode() >= 500 ? Outcome.UNKNOWN : fail(r, marker);
                    inFlight = "answered " + r.statusCode() + " by A before it died";
                } catch (ExecutionException e) {
                    outcome = Outcome.UNKNOWN;
                    inFlight = "no answer (" + e.getCause().getClass().getSimpleName() + ")";
                }
                if (outcome == Outcome.UNKNOWN) {
                    // The dead node's open transaction is settled by PostgreSQL when its connection drops; a moment
                    // for that before looking.
                    Thread.sleep(2000);
                    lookedUp++;
                    if (inSentFolder(b, authority, marker)) {
                        inFlight += ", found stored on B: not sent again";
                    } else {
                        inFlight += ", not stored: sent again on B";
                        retried++;
                        send(b, authority, marker, body);
                    }
                }
                sent++;
                continue;
            }
            long t0 = System.nanoTime();
            int[] counts = send(node, authority, marker, body);
            if (node == a) {
                sendMillisOnA.add((System.nanoTime() - t0) / 1_000_000);
            }
            lookedUp += counts[0];
            retried += counts[1];
            sent++;
            if ((round + 1) % 25 == 0) {
                System.out.printf("round %d of %d (%.0f s)%n", round + 1, sends, (System.nanoTime() - started) / 1e9);
            }
        }
        // After the kill: every session that was logged in on A, refreshed on B.
        int survived = 0;
        for (String refresh : sessionsOfA) {
            try {
                b.user.refresh(refresh);
                survived++;
            } catch (IllegalStateException refused) {
                System.out.println("session of node A not refreshed on B: " + refused.getMessage());
            }
        }
        System.out.printf("stream: %d sends acknowledged, %d logins (each refreshed on the other node: %d), in flight at"
                        + " the kill: %s; sends looked up after an unknown outcome: %d, sent again: %d (%.0f s)%n",
                sent, sessions, refreshedOnOther, inFlight, lookedUp, retried, (System.nanoTime() - started) / 1e9);
        p.setProperty("sends", Integer.toString(sent));
        p.setProperty("rounds", Integer.toString(sends));
        p.setProperty("sessionsOfA", Integer.toString(sessionsOfA.size()));
        p.setProperty("survived", Integer.toString(survived));
        save(state, p);
        return 0;
    }

    private enum Outcome { STORED, UNKNOWN }

    private static Outcome fail(HttpResponse<String> r, String marker) {
        throw new IllegalStateException("send " + marker + " refused: " + r.statusCode() + " " + r.body());
    }

    /**
     * Sends until the message is known to be stored: after an unknown outcome the marker is looked up in the Sent
     * folder first. Returns {lookups, sends again}.
     */
    private static int[] send(Node node, String authority, String marker, String body) throws Exception {
        int lookups = 0;
        for (int attempt = 1; attempt <= 5; attempt++) {
            if (attempt > 1) {
                Thread.sleep(1000L * attempt);
                lookups++;
                if (inSentFolder(node, authority, marker)) {
                    return new int[] {lookups, attempt - 2};
                }
            }
            try {
                HttpResponse<String> r = HTTP.send(post(node.box(authority) + "/messages", node.token(), body),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 201) {
                    return new int[] {lookups, attempt - 1};
                }
                if (r.statusCode() < 500) {
                    fail(r, marker);
                }
                System.out.printf("send %s on %s: %d, outcome unknown%n", marker, node.name, r.statusCode());
            } catch (IOException e) {
                System.out.printf("send %s on %s: %s, outcome unknown%n", marker, node.name, e);
            }
        }
        throw new IllegalStateException("send " + marker + " not acknowledged after 5 attempts");
    }

    private static String upload(Node node, String authority, int round) throws Exception {
        byte[] pdf = new byte[4096];
        RANDOM.nextBytes(pdf);
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.box(authority)
                                + "/attachments?filename=anlage-" + round + ".pdf")).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + node.token()).header("Content-Type", "application/pdf")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString());
                expect(r, 201, "attachment upload on " + node.name);
                return JSON.readTree(r.body()).path("id").asText();
            } catch (IOException e) {
                // An upload that is lost leaves an unsent attachment, which the purge task removes; simply again.
                if (attempt == 5) {
                    throw e;
                }
                Thread.sleep(1000L * attempt);
            }
        }
    }

    /** Whether the Sent folder holds a message with the marker in its subject (the server's search, newest first). */
    private static boolean inSentFolder(Node node, String authority, String marker) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.box(authority)
                        + "/messages?folder=sent&limit=100&q=" + URLEncoder.encode(marker, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + node.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        expect(r, 200, "search of the Sent folder on " + node.name);
        for (JsonNode m : JSON.readTree(r.body()).path("messages")) {
            if (m.path("subject").asText().endsWith(" " + marker)) {
                return true;
            }
        }
        return false;
    }

    private static int check(Path state, String baseA, String baseB, String dbUrl) throws Exception {
        Properties p = load(state);
        String authority = p.getProperty("authority");
        String citizen = p.getProperty("citizen");
        String realmId = p.getProperty("realmId");
        String prefix = "Bescheid fo-" + p.getProperty("run") + "-";
        int rounds = Integer.parseInt(p.getProperty("rounds"));
        int acknowledged = Integer.parseInt(p.getProperty("sends"));
        // The Sent folder as each node's REST API lists it: marker -> the sender's copies.
        Map<Integer, List<JsonNode>> viaA = sentFolder(new Node("A", baseA, baseA), authority, prefix);
        Map<Integer, List<JsonNode>> viaB = sentFolder(new Node("B", baseB, baseA), authority, prefix);
        int stored = 0;
        int lost = 0;
        int duplicated = 0;
        try (Connection db = DriverManager.getConnection(dbUrl, "keycloak", "")) {
            String authorityBox = single(db, "select ID from SK_PF_MAILBOX where REALM_ID=? and OWNER_KIND='AUTHORITY'"
                    + " and OWNER_ID=?", realmId, authority);
            String citizenBox = single(db, "select ID from SK_PF_MAILBOX where REALM_ID=? and OWNER_KIND='USER'"
                    + " and OWNER_ID=?", realmId, citizen);
            for (int round = 0; round < rounds; round++) {
                List<JsonNode> copies = viaA.getOrDefault(round, List.of());
                int copiesOnB = viaB.getOrDefault(round, List.of()).size();
                String problem = null;
                if (copies.size() > 1 || copiesOnB > 1) {
                    duplicated++;
                    problem = copies.size() + " sender's copies (" + copiesOnB + " listed by B)";
                } else if (copies.isEmpty() || copiesOnB == 0) {
                    lost++;
                    problem = "not in the Sent folder (listed by A: " + copies.size() + ", by B: " + copiesOnB + ")";
                } else {
                    JsonNode copy = copies.get(0);
                    String id = copy.path("id").asText();
                    String ref = single(db, "select MESSAGE_REF from SK_PF_MESSAGE where ID=? and MAILBOX_ID=?", id, authorityBox);
                    int inCitizenBox = count(db, "select count(*) from SK_PF_MESSAGE where MESSAGE_REF=? and MAILBOX_ID=?",
                            ref, citizenBox);
                    int attachments = count(db, "select count(*) from SK_PF_ATTACHMENT a join SK_PF_MESSAGE m on"
                            + " a.MESSAGE_ID=m.ID where m.MESSAGE_REF=?", ref);
                    int notices = count(db, "select count(*) from SK_PF_NOTICE where REALM_ID=? and MESSAGE_REF=?", realmId, ref);
                    boolean notice = round % NOTICE_EVERY == 0;
                    if (inCitizenBox > 1) {
                        duplicated++;
                        problem = inCitizenBox + " copies in the citizen's mailbox";
                    } else if (inCitizenBox == 0 || attachments != 2 || notices != (notice ? 1 : 0)
                            || copy.path("notice").asBoolean() != notice) {
                        lost++;
                        problem = "incomplete: citizen's copies " + inCitizenBox + ", attachment rows " + attachments
                                + " (2 expected), notice rows " + notices;
                    } else {
                        stored++;
                    }
                }
                if (problem != null) {
                    System.out.printf("round %d: %s%n", round, problem);
                }
            }
            // Rows of this run nobody listed: the citizen's mailbox holds the set-up message and one copy per send.
            int citizenRows = count(db, "select count(*) from SK_PF_MESSAGE where MAILBOX_ID=?", citizenBox);
            int authorityRows = count(db, "select count(*) from SK_PF_MESSAGE where MAILBOX_ID=?", authorityBox);
            System.out.printf("database: %d rows in the citizen's mailbox, %d in the authority's (each %d sends + 1"
                    + " set-up message expected)%n", citizenRows, authorityRows, rounds);
            int strays = Math.max(0, Math.max(citizenRows, authorityRows) - (rounds + 1));
            if (strays > 0 && duplicated == 0) {
                duplicated += strays;
                System.out.printf("%d rows more than sends in a mailbox%n", strays);
            }
        }
        int sessions = Integer.parseInt(p.getProperty("sessionsOfA"));
        int survived = Integer.parseInt(p.getProperty("survived"));
        boolean ok = lost == 0 && duplicated == 0 && stored == acknowledged && acknowledged == rounds
                && sessions > 0 && survived == sessions;
        System.out.printf("failover: sends=%d stored=%d lost=%d duplicated=%d sessions_survived=%d/%d%n",
                acknowledged, stored, lost, duplicated, survived, sessions);
        return ok ? 0 : 1;
    }

    /** Every message of this run in the authority's Sent folder, by round, paged through with the cursor. */
    private static Map<Integer, List<JsonNode>> sentFolder(Node node, String authority, String prefix) throws Exception {
        Map<Integer, List<JsonNode>> byRound = new LinkedHashMap<>();
        String cursor = null;
        do {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.box(authority)
                            + "/messages?folder=sent&limit=100" + (cursor == null ? "" : "&cursor=" + cursor)))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + node.token()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            expect(r, 200, "Sent folder on " + node.name);
            JsonNode page = JSON.readTree(r.body());
            for (JsonNode m : page.path("messages")) {
                String subject = m.path("subject").asText();
                if (subject.startsWith(prefix)) {
                    byRound.computeIfAbsent(Integer.parseInt(subject.substring(prefix.length())), k -> new ArrayList<>()).add(m);
                }
            }
            cursor = page.hasNonNull("next") ? page.path("next").asText() : null;
        } while (cursor != null);
        return byRound;
    }

    private static HttpRequest post(String uri, String token, String json) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
        }
    }

    private static String single(Connection db, String sql, String... params) throws Exception {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                st.setString(i + 1, params[i]);
            }
            ResultSet rs = st.executeQuery();
            if (!rs.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return rs.getString(1);
        }
    }

    private static int count(Connection db, String sql, String... params) throws Exception {
        return Integer.parseInt(single(db, sql, params));
    }

    private static Properties load(Path state) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newInputStream(state)) {
            p.load(in);
        }
        return p;
    }

    private static void save(Path state, Properties p) throws IOException {
        try (var out = Files.newOutputStream(state)) {
            p.store(out, "benchmarks/failover.sh");
        }
    }
}
