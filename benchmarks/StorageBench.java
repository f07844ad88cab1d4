import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Driver of benchmarks/storage.sh (JDK only; compiled with Bench.java, whose login through the form it uses): makes
 * citizens' accounts in the realm servicekonto through the admin API and logs each in once, so that the script can
 * measure what they cost in the database.
 *
 * <pre>
 * java StorageBench client   BASE ADMIN_USER ADMIN_PASSWORD CLIENT_ID SECRET REDIRECT_URI
 * java StorageBench template BASE ADMIN_USER ADMIN_PASSWORD USERNAME PASSWORD
 * java StorageBench import   BASE ADMIN_USER ADMIN_PASSWORD COUNT BATCH SECRET_DATA_FILE CREDENTIAL_DATA_FILE PASSWORD_FILE
 * java StorageBench login    BASE CLIENT_ID SECRET REDIRECT_URI PASSWORD COUNT THREADS
 * </pre>
 */
public class StorageBench {

    static final String REALM = "servicekonto";
    private static final String[] FIRST = {"Erika", "Jürgen", "Aylin", "Sören", "Małgorzata", "Thomas", "Leonie",
            "Mehmet", "Anna-Lena", "Friedrich", "Zoë", "Konstantin"};
    private static final String[] LAST = {"Mustermann", "Müller", "Schmidt", "Yılmaz", "Schäfer", "Nowak", "Becker",
            "Hoffmann-Weiß", "Krüger", "Wagner", "Özdemir", "Lehmann", "Zimmermann"};
    private static final String[] PLACES = {"Köln", "Berlin", "Düsseldorf", "Münster", "Gelsenkirchen",
            "Frankfurt am Main", "Mönchengladbach", "Aachen"};
    private static final String[] STREETS = {"Heidestraße", "Hauptstraße", "Am Ölberg", "Friedrich-Ebert-Allee",
            "Königsallee", "Lindenweg", "Schloßstraße"};

    public static void main(String[] args) throws Exception {
        try {
            switch (args[0]) {
                case "client" -> client(args);
                case "template" -> template(args);
                case "import" -> importCitizens(args);
                case "login" -> login(args);
                default -> throw new IllegalArgumentException("unknown command " + args[0]);
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** A confidential client with the code flow only (the realm refuses the password grant to every client). */
    private static void client(String[] a) throws Exception {
        String body = "{\"clientId\":" + json(a[4]) + ",\"protocol\":\"openid-connect\",\"publicClient\":false,"
                + "\"clientAuthenticatorType\":\"client-secret\",\"secret\":" + json(a[5]) + ","
                + "\"standardFlowEnabled\":true,\"directAccessGrantsEnabled\":false,\"implicitFlowEnabled\":false,"
                + "\"redirectUris\":[" + json(a[6]) + "],\"attributes\":{\"pkce.code.challenge.method\":\"S256\"}}";
        HttpResponse<String> r = admin(a[1], a[2], a[3], "POST", "/clients", body);
        expect(r, 201, "client " + a[4]);
    }

    /** One citizen with a password set through the admin API: the server hashes it as for any citizen (Argon2id). */
    private static void template(String[] a) throws Exception {
        // No realmRoles here: the admin API grants the realm's default roles on creation itself.
        String body = citizen(0, a[4], "\"credentials\":[{\"type\":\"password\",\"temporary\":false,\"value\":"
                + json(a[5]) + "}]");
        expect(admin(a[1], a[2], a[3], "POST", "/users", body), 201, "user " + a[4]);
    }

    /**
     * COUNT citizens through the partial import, BATCH a request. Each gets the stored password credential of the
     * template (secret and credential data as the database holds them): the same Argon2id hash, salt included, so the
     * same bytes as a hash of its own, without COUNT hashings on the server (the logins verify it as usual).
     */
    private static void importCitizens(String[] a) throws Exception {
        int count = Integer.parseInt(a[4]);
        int batch = Integer.parseInt(a[5]);
        String secret = Files.readString(Path.of(a[6])).strip();
        String credential = Files.readString(Path.of(a[7])).strip();
        String credentials = "\"credentials\":[{\"type\":\"password\",\"createdDate\":" + System.currentTimeMillis()
                + ",\"secretData\":" + json(secret) + ",\"credentialData\":" + json(credential) + "}]";
        long t0 = System.nanoTime();
        // Citizen 1 alone first: should the server not take the stored hash (refused, or the user without a password),
        // every citizen gets the password itself and the server hashes each; the figures are the same, it takes longer.
        HttpResponse<String> probe = admin(a[1], a[2], a[3], "POST", "/partialImport",
                "{\"ifResourceExists\":\"FAIL\",\"users\":[" + citizen(1, username(1), credentials) + "]}");
        int from0 = 2;
        if (probe.statusCode() != 200 || !hasPassword(a, username(1))) {
            System.out.println("stored hash not taken (" + probe.statusCode() + "); the server hashes each password");
            credentials = "\"credentials\":[{\"type\":\"password\",\"temporary\":false,\"value\":"
                    + json(Files.readString(Path.of(a[8])).strip()) + "}]";
            if (probe.statusCode() == 200) {
                expect(admin(a[1], a[2], a[3], "DELETE", "/users/" + userId(a, username(1)), ""), 204, "delete");
            }
            from0 = 1;
        }
        for (int from = from0; from <= count; from += batch) {
            int to = Math.min(count, from + batch - 1);
            StringBuilder users = new StringBuilder();
            for (int i = from; i <= to; i++) {
                users.append(i == from ? "" : ",").append(citizen(i, username(i), credentials));
            }
            HttpResponse<String> r = admin(a[1], a[2], a[3], "POST", "/partialImport",
                    "{\"ifResourceExists\":\"FAIL\",\"users\":[" + users + "]}");
            expect(r, 200, "users " + from + " to " + to);
            Matcher added = Pattern.compile("\"added\":(\\d+)").matcher(r.body());
            if (!added.find() || Integer.parseInt(added.group(1)) != to - from + 1) {
                throw new IllegalStateException("partial import of " + from + " to " + to + ": " + r.body());
            }
        }
        System.out.printf("imported %d citizens in %.1f s%n", count, (System.nanoTime() - t0) / 1e9);
    }

    private static String userId(String[] a, String username) throws Exception {
        HttpResponse<String> r = admin(a[1], a[2], a[3], "GET", "/users?exact=true&briefRepresentation=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), "");
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(r.body());
        if (r.statusCode() != 200 || !id.find()) {
            throw new IllegalStateException("user " + username + " not found: " + r.statusCode());
        }
        return id.group(1);
    }

    private static boolean hasPassword(String[] a, String username) throws Exception {
        HttpResponse<String> r = admin(a[1], a[2], a[3], "GET", "/users/" + userId(a, username) + "/credentials", "");
        return r.statusCode() == 200 && r.body().contains("\"type\":\"password\"");
    }

    /** Every citizen logs in once through the login form (Bench.login: code flow with PKCE, code exchanged). */
    private static void login(String[] a) throws Exception {
        int count = Integer.parseInt(a[6]);
        int threads = Integer.parseInt(a[7]);
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i <= count; i = next.getAndIncrement()) {
                    new Bench(a[1], REALM, a[2], a[3], a[4], username(i), a[5]).login();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("logged in %d citizens once each in %.1f s (%.1f/s, %d client threads)%n", count, seconds,
                count / seconds, threads);
    }

    static String username(int i) {
        return String.format("citizen-%07d", i);
    }

    /**
     * A citizen as the realm's user profile defines one: e-mail, names and the Stammdaten attributes, with values of
     * realistic length (German names, umlauts: UTF-8 takes two bytes for them). Citizen 0 is the template; the others
     * come through the partial import, which grants only the roles named, so they name the realm's default roles.
     */
    private static String citizen(int i, String username, String credentials) {
        String first = FIRST[i % FIRST.length];
        String last = LAST[(i / FIRST.length) % LAST.length];
        String birthdate = String.format("%04d-%02d-%02d", 1940 + i % 66, 1 + i % 12, 1 + i % 28);
        return "{\"username\":" + json(username) + ",\"email\":" + json(username + "@example.org")
                + ",\"emailVerified\":true,\"enabled\":true,\"firstName\":" + json(first) + ",\"lastName\":" + json(last)
                + ",\"attributes\":{"
                + "\"birthdate\":[" + json(birthdate) + "],"
                + "\"birthName\":[" + json(LAST[(i + 3) % LAST.length]) + "],"
                + "\"placeOfBirth\":[" + json(PLACES[i % PLACES.length]) + "],"
                + "\"nationality\":[\"DE\"],"
                + "\"gender\":[" + json(i % 2 == 0 ? "female" : "male") + "],"
                + "\"street\":[" + json(STREETS[i % STREETS.length]) + "],"
                + "\"houseNumber\":[" + json(String.valueOf(1 + i % 180)) + "],"
                + "\"postal_code\":[" + json(String.format("%05d", 10115 + i % 89000)) + "],"
                + "\"locality\":[" + json(PLACES[(i + 1) % PLACES.length]) + "],"
                + "\"country\":[\"DE\"],"
                + "\"phoneNumber\":[" + json(String.format("+49 221 %07d", i)) + "]},"
                + (i == 0 ? "" : "\"realmRoles\":[\"default-roles-" + REALM + "\"],") + credentials + "}";
    }

    /** One admin REST call with a fresh token of ADMIN_USER (master realm; its tokens live a minute). */
    private static HttpResponse<String> admin(String base, String user, String password, String method, String path,
            String body) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username="
                        + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(token.body());
        if (!m.find()) {
            throw new IllegalStateException("no admin token: " + token.statusCode());
        }
        return http.send(HttpRequest.newBuilder(URI.create(base + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + m.group(1)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
