import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Driver of benchmarks/cluster.sh (compiled with Bench.java, PostfachBench.java and FailoverBench.java; the PostgreSQL
 * driver and Jackson of the distribution on the class path). Measures, against the nodes given, with THREADS client
 * threads where thread t always talks to node {@code t % nodes} (as a load balancer with sticky sessions would
 * spread them):
 * <ol>
 *   <li>password logins through the login form, one user per thread (copies of the demo user, named after LABEL);</li>
 *   <li>refresh-token grants, each thread its own chain;</li>
 *   <li>Postfach sends by the Fachverfahren of FailoverBench's set-up (STATE) to the citizen, two encrypted copies, no
 *       attachment, with a client-credentials token fetched from the thread's node.</li>
 * </ol>
 * Usage: {@code ClusterBench STATE LABEL ADMIN_USER ADMIN_PASSWORD THREADS LOGINS REFRESHES SENDS PUBLIC_BASE [NODE_BASE...]}
 * (PUBLIC_BASE: the cluster's one public URL, every node's --hostname; without NODE_BASE the public URL is the only
 * node). Prints one line per measurement, as Bench does.
 */
public class ClusterBench {

    private static final String REALM = "servicekonto";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(2);
        }
        System.exit(0); // HttpClient threads must not keep the JVM (and the script) waiting
    }

    private static void run(String[] args) throws Exception {
        Properties state = new Properties();
        try (var in = Files.newInputStream(Path.of(args[0]))) {
            state.load(in);
        }
        String label = args[1];
        String adminUser = args[2];
        String adminPassword = args[3];
        int threads = Integer.parseInt(args[4]);
        int logins = Integer.parseInt(args[5]);
        int refreshes = Integer.parseInt(args[6]);
        int sends = Integer.parseInt(args[7]);
        String publicBase = args[8];
        List<String> nodes = args.length > 9 ? List.of(args).subList(9, args.length) : List.of(publicBase);

        Bench erika = new Bench(publicBase, REALM, "demo-portal", "local-dev-only-demo-portal-secret",
                "http://localhost:8081/callback", "erika", "Erika-lokal-2026");
        List<Bench> users = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String node = nodes.get(t % nodes.size());
            users.add(erika.copyOfUser(node, adminUser, adminPassword, "erika-" + label + "-" + (t + 1)).onNodeOf(publicBase));
        }
        for (Bench user : users) {
            user.login(); // first login of each copy and warm-up of both nodes stay out of the figures
            user.login();
        }
        System.out.printf("nodes=%d %s%n", nodes.size(), String.join(" ", nodes));
        Bench.report("login", logins, threads, t -> users.get(t)::login);
        String[] chains = new String[threads];
        for (int t = 0; t < threads; t++) {
            chains[t] = users.get(t).login();
        }
        Bench.report("refresh", refreshes, threads, t -> () -> {
            chains[t] = users.get(t).refresh(chains[t]);
            return chains[t];
        });

        String authority = state.getProperty("authority");
        String citizen = state.getProperty("citizen");
        String[] tokens = new String[threads];
        for (int t = 0; t < threads; t++) {
            tokens[t] = token(nodes.get(t % nodes.size()));
            send(nodes.get(t % nodes.size()), tokens[t], authority, citizen, label + " warm-up " + t);
        }
        AtomicInteger round = new AtomicInteger();
        Bench.report("send", sends, threads, t -> () ->
                send(nodes.get(t % nodes.size()), tokens[t], authority, citizen, label + " " + round.incrementAndGet()));
    }

    /** The Fachverfahren's client-credentials token from NODE (5 minutes, longer than a measurement). */
    private static String token(String node) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node + "/realms/" + REALM
                        + "/protocol/openid-connect/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"
                        + "&client_id=bench-fachverfahren&client_secret=bench-secret")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("client-credentials token from " + node + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private static String send(String node, String token, String authority, String citizen, String what) throws Exception {
        String body = JSON.writeValueAsString(Map.of("to", Map.of("kind", "user", "id", citizen),
                "subject", "Bescheid " + what, "body", "Cluster-Messung, Nachricht " + what));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node + "/realms/" + REALM
                        + "/postfach/mailboxes/" + authority + "/messages")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("send on " + node + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
