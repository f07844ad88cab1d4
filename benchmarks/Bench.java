import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Load driver of benchmarks/run.sh (JDK only, run as a single-file program): password logins through the real
 * login form (authorization-code flow with PKCE, code exchanged for tokens) and refresh-token grants, against one
 * realm of a running server. Prints one line per measurement.
 *
 * Usage: java Bench.java BASE_URL REALM CLIENT_ID SECRET REDIRECT_URI USER PASSWORD LOGINS THREADS REFRESHES
 * ADMIN_USER ADMIN_PASSWORD: LOGINS logins and REFRESHES refreshes of USER in a row, then, with THREADS above 1, the same
 * numbers spread over THREADS client threads, each with a user of its own (copies of USER, created as ADMIN_USER).
 */
public class Bench {

    private static final Pattern FORM_ACTION = Pattern.compile("<form id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Logins refused with the right password and tried again, since the last report line. */
    private static final java.util.concurrent.atomic.AtomicInteger REFUSED = new java.util.concurrent.atomic.AtomicInteger();

    private final String realm;
    private final String clientId;
    private final String secret;
    private final String redirect;
    private final String user;
    private final String password;
    private final String base;
    /** The cluster's public URL (Keycloak's --hostname) when it is not BASE; the login form's action names it. */
    private String publicBase;

    Bench(String base, String realm, String clientId, String secret, String redirect, String user, String password) {
        this.base = base;
        this.realm = base + "/realms/" + realm;
        this.clientId = clientId;
        this.secret = secret;
        this.redirect = redirect;
        this.user = user;
        this.password = password;
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the worker threads must not keep the JVM (and run.sh) waiting
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Bench bench = new Bench(args[0], args[1], args[2], args[3], args[4], args[5], args[6]);
        int logins = Integer.parseInt(args[7]);
        int threads = Integer.parseInt(args[8]);
        int refreshes = Integer.parseInt(args[9]);

        for (int i = 0; i < 5; i++) {
            bench.login(); // warm-up: JIT, caches, first Argon2 allocations
        }
        report("login", logins, 1, i -> bench::login);
        String[] current = {bench.login()};
        report("refresh", refreshes, 1, i -> () -> {
            current[0] = bench.refresh(current[0]);
            return current[0];
        });
        if (threads < 2) {
            return;
        }
        // Concurrent: one user per client thread (copies of USER made through the admin API), because logins of the
        // same user at the same moment are refused by Keycloak's brute-force protector (docs/benchmarks.md).
        List<Bench> users = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            users.add(bench.copyOfUser(args[0], args[10], args[11], args[5] + "-" + (t + 1)));
        }
        for (Bench user : users) {
            user.login(); // each copy's first login (first-login book-keeping stays out of the figures)
        }
        report("login", logins, threads, t -> users.get(t)::login);
        String[] chains = new String[threads];
        for (int t = 0; t < threads; t++) {
            chains[t] = users.get(t).login();
        }
        report("refresh", refreshes, threads, t -> () -> {
            chains[t] = users.get(t).refresh(chains[t]);
            return chains[t];
        });
    }

    interface Call {
        String run() throws Exception;
    }

    /** COUNT calls spread evenly over THREADS client threads; thread t runs the calls of {@code calls.apply(t)} (also ClusterBench). */
    static void report(String name, int count, int threads, java.util.function.IntFunction<Call> calls)
            throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        REFUSED.set(0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Call call = calls.apply(t);
            int share = count / threads + (t < count % threads ? 1 : 0);
            futures.add(pool.submit(() -> {
                for (int i = 0; i < share; i++) {
                    long t0 = System.nanoTime();
                    call.run();
                    nanos.add(System.nanoTime() - t0);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        long total = System.nanoTime() - start;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("%-8s n=%d threads=%d  %.1f/s  p50=%.0f ms  p95=%.0f ms  refused-and-retried=%d%n", name, count,
                threads, count / (total / 1e9), sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.95)) / 1e6, REFUSED.getAndSet(0));
    }

    /**
     * A copy of this bench's user under another name, with the same attributes and password, created through the admin
     * REST API (as ADMIN_USER of the master realm); a bench for the copy.
     */
    Bench copyOfUser(String base, String adminUser, String adminPassword, String username) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String admin = field(http.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", adminUser, "password", adminPassword)))).build(),
                HttpResponse.BodyHandlers.ofString()).body(), "access_token");
        String users = base + "/admin/realms/" + realm.substring(realm.lastIndexOf('/') + 1) + "/users";
        String found = http.send(HttpRequest.newBuilder(URI.create(users + "?exact=true&username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8))).header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        // The representation as the admin API gives it, without id and timestamps, under the new name and address.
        String copy = found.substring(1, found.length() - 1)
                .replaceFirst("\"id\":\"[^\"]+\",", "")
                .replaceFirst("\"createdTimestamp\":[0-9]+,", "")
                .replaceFirst("\"username\":\"[^\"]+\"", "\"username\":\"" + username + "\"")
                .replaceFirst("\"email\":\"[^\"]+\"", "\"email\":\"" + username + "@example.org\"");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(users))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(copy)).build(), HttpResponse.BodyHandlers.ofString());
        String location = created.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("user " + username + " not created: " + created.statusCode() + " " + created.body()));
        HttpResponse<String> reset = http.send(HttpRequest.newBuilder(URI.create(location + "/reset-password"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"password\",\"temporary\":false,\"value\":\""
                        + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (reset.statusCode() != 204) {
            throw new IllegalStateException("password of " + username + " not set: " + reset.statusCode() + " " + reset.body());
        }
        return new Bench(base, realm.substring(realm.lastIndexOf('/') + 1), clientId, secret, redirect, username, password);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(name + " not in " + json);
        }
        return m.group(1);
    }

    /**
     * For one node of a cluster whose public URL is PUBLIC_BASE (benchmarks/failover.sh): the login form is posted to
     * this bench's node instead of the public URL, as a load balancer that keeps the node would.
     */
    Bench onNodeOf(String publicBase) {
        this.publicBase = publicBase;
        return this;
    }

    private String toNode(String url) {
        return publicBase != null && url.startsWith(publicBase + "/") ? base + url.substring(publicBase.length()) : url;
    }

    /** One login as a fresh browser; returns the refresh token. */
    String login() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String auth = realm + "/protocol/openid-connect/auth?" + form(Map.of("client_id", clientId,
                "redirect_uri", redirect, "response_type", "code", "scope", "openid", "state", random(),
                "code_challenge", challenge, "code_challenge_method", "S256"));
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(auth)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form: " + page.statusCode());
        }
        HttpResponse<String> posted = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            posted = browser.send(HttpRequest.newBuilder(URI.create(toNode(action.group(1).replace("&amp;", "&"))))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            action = FORM_ACTION.matcher(posted.body());
            if (posted.headers().firstValue("Location").isPresent() || !action.find()) {
                break;
            }
            // The login form again, with the right password: Keycloak's brute-force protector refused the login
            // while the book-keeping of this user's previous login was still running (see docs/benchmarks.md).
            // Counted, and tried again on the new form; the time of the retries counts to this login.
            REFUSED.incrementAndGet();
            Thread.sleep(50);
        }
        int status = posted.statusCode();
        String location = posted.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("login not accepted: " + status));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new IllegalStateException("no code in " + location);
        }
        return token(Map.of("grant_type", "authorization_code", "code", code.group(1), "redirect_uri", redirect,
                "code_verifier", verifier));
    }

    String refresh(String refreshToken) throws Exception {
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    private String token(Map<String, String> params) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
        Matcher refresh = Pattern.compile("\"refresh_token\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !refresh.find()) {
            throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
        }
        return refresh.group(1);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String random() {
        byte[] bytes = new byte[32]; // 43 characters: the shortest PKCE code verifier (RFC 7636 §4.1)
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Browsers send Secure cookies to http://localhost; the JDK's cookie manager does so only over https. */
    static final class LoopbackCookies extends CookieManager {
        LoopbackCookies() {
            super(null, CookiePolicy.ACCEPT_ALL);
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
            try {
                URI lookup = "http".equals(uri.getScheme())
                        ? new URI("https", null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), null) : uri;
                return super.get(lookup, headers);
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
        }
    }
}
