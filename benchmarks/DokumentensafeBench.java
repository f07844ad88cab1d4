import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Load driver of benchmarks/dokumentensafe.sh (JDK only, run as a single-file program): uploads FILES through upload
 * sessions of the Dokumentensafe API (open, parts in order, complete) into the safe of the demo citizen erika, downloads
 * each again and compares the SHA-256, and meanwhile samples the server: used heap (the management port's /metrics,
 * jvm_memory_used_bytes of area heap), resident memory (/proc/PID/status) and the bytes of the server's open files in
 * the temporary directory (/proc/PID/fd: where the safe spools ciphertext). Prints one line per file and a summary.
 *
 * Usage: java DokumentensafeBench.java BASE_URL MGMT_URL ADMIN_USER ADMIN_PASSWORD SERVER_PID TMPDIR FILE...
 * (realm servicekonto; MB = 2^20 bytes)
 */
public class DokumentensafeBench {

    private static final Pattern FORM_ACTION = Pattern.compile("<form id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+(\\S+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String REDIRECT = "http://localhost:8081/callback";
    private static final double MB = 1024 * 1024;

    private static String base;
    private static String realm;
    private static String clientId;
    private static String secret;
    private static String refreshToken;
    /** Seconds per 8 MiB part (PUT) and per completion (POST complete), over the measured uploads. */
    private static final List<Double> PART_SECONDS = new ArrayList<>();
    private static final List<Double> COMPLETE_SECONDS = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        base = args[0];
        String mgmt = args[1];
        realm = base + "/realms/servicekonto";
        long pid = Long.parseLong(args[4]);
        Path tmp = Path.of(args[5]);
        List<Path> files = new ArrayList<>();
        for (int i = 6; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        long largest = 0;
        for (Path f : files) {
            largest = Math.max(largest, Files.size(f));
        }

        String admin = adminToken(args[2], args[3]);
        // The realm's limits (default 100 MiB per file, 500 MiB per safe) made room for the run; nothing else changes.
        expect(send(admin, "PUT", base + "/admin/realms/servicekonto", "{\"attributes\":{"
                + "\"sk.dokumentensafe.maxFileBytes\":\"" + Math.max(largest, 100L << 20) + "\","
                + "\"sk.dokumentensafe.quotaBytes\":\"" + (largest * files.size() + (64L << 20)) + "\"}}"), 204);
        clientId = "bench-safe";
        secret = "bench-safe-" + random().substring(0, 12);
        expect(send(admin, "POST", base + "/admin/realms/servicekonto/clients", "{\"clientId\":\"" + clientId
                + "\",\"protocol\":\"openid-connect\",\"publicClient\":false,\"secret\":\"" + secret
                + "\",\"standardFlowEnabled\":true,\"redirectUris\":[\"" + REDIRECT + "\"],"
                + "\"attributes\":{\"pkce.code.challenge.method\":\"S256\"}}"), 201);
        String internalId = field(send(admin, "GET", base + "/admin/realms/servicekonto/clients?clientId=" + clientId,
                null).body(), "id");
        String scopes = send(admin, "GET", base + "/admin/realms/servicekonto/client-scopes", null).body();
        for (String name : List.of("dokumentensafe:read", "dokumentensafe:write")) {
            // The scope's object: its "name", and the last "id" before it (ids come first in Keycloak's JSON).
            int at = scopes.indexOf("\"name\":\"" + name + "\"");
            int idAt = scopes.lastIndexOf("\"id\":\"", at);
            if (at < 0 || idAt < 0) {
                throw new IllegalStateException("client scope " + name + " not in the realm");
            }
            String scopeId = field(scopes.substring(idAt, at), "id");
            expect(send(admin, "PUT", base + "/admin/realms/servicekonto/clients/" + internalId
                    + "/optional-client-scopes/" + scopeId, null), 204);
        }
        refreshToken = login("erika", "Erika-lokal-2026", "openid dokumentensafe:read dokumentensafe:write");

        Sampler sampler = new Sampler(mgmt, pid, tmp);
        sampler.start();
        // Warm-up: one small session and its download (JIT, first Argon2-free paths, connection pool); not counted.
        Path warm = files.get(0);
        String warmId = upload(warm, "warm.pdf", Math.min(Files.size(warm), 9L << 20));
        download(warmId);
        Thread.sleep(1000);
        long heapBefore = sampler.heap();
        long rssBefore = sampler.rss();
        System.out.printf(Locale.ROOT, "server before: used heap %.0f MB, resident %.0f MB%n", heapBefore / MB, rssBefore / MB);

        PART_SECONDS.clear();
        COMPLETE_SECONDS.clear();
        List<Double> up = new ArrayList<>();
        List<Double> down = new ArrayList<>();
        List<Double> firstByte = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        sampler.phase("upload");
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            long t0 = System.nanoTime();
            String id = upload(f, "bench-" + i + ".pdf", Files.size(f));
            double s = (System.nanoTime() - t0) / 1e9;
            up.add(Files.size(f) / MB / s);
            ids.add(id);
            System.out.printf(Locale.ROOT, "upload %d: %.0f MB in %.2f s = %.1f MB/s%n", i + 1, Files.size(f) / MB, s,
                    Files.size(f) / MB / s);
        }
        Sampler.Peak upPeak = sampler.phase("download");
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            String expected = sha256(f);
            long t0 = System.nanoTime();
            Download d = download(ids.get(i));
            double s = (d.end - t0) / 1e9;
            double ttfb = (d.headers - t0) / 1e9;
            if (!d.sha256.equals(expected) || d.bytes != Files.size(f)) {
                throw new IllegalStateException("download " + (i + 1) + " differs: " + d.bytes + " bytes, " + d.sha256
                        + ", expected " + expected);
            }
            down.add(d.bytes / MB / s);
            firstByte.add(ttfb);
            System.out.printf(Locale.ROOT, "download %d: %.0f MB in %.2f s = %.1f MB/s, response headers after %.2f s,"
                    + " SHA-256 equal%n", i + 1, d.bytes / MB, s, d.bytes / MB / s, ttfb);
        }
        Sampler.Peak downPeak = sampler.phase("end");
        Thread.sleep(1000);
        long heapAfter = sampler.heap();
        long rssAfter = sampler.rss();
        sampler.stop();

        System.out.println("--");
        System.out.println("upload MB/s: " + stats(up));
        System.out.println("upload, seconds per full 8 MiB part (PUT): " + stats(PART_SECONDS));
        System.out.println("upload, seconds per completion (POST complete): " + stats(COMPLETE_SECONDS));
        System.out.println("download MB/s: " + stats(down));
        System.out.println("download, seconds to the response headers: " + stats(firstByte));
        System.out.printf(Locale.ROOT, "used heap MB: before %.0f, peak during uploads %.0f, peak during downloads %.0f,"
                + " after %.0f%n", heapBefore / MB, upPeak.heap / MB, downPeak.heap / MB, heapAfter / MB);
        System.out.printf(Locale.ROOT, "resident MB: before %.0f, peak during uploads %.0f, peak during downloads %.0f,"
                + " after %.0f%n", rssBefore / MB, upPeak.rss / MB, downPeak.rss / MB, rssAfter / MB);
        System.out.printf(Locale.ROOT, "server's open temporary files, peak MB: during uploads %.1f, during downloads"
                + " %.1f%n", upPeak.temp / MB, downPeak.temp / MB);
        System.out.printf(Locale.ROOT, "summary: median upload %.1f MB/s, download %.1f MB/s, heap peak %.0f MB%n",
                median(up), median(down), Math.max(upPeak.heap, downPeak.heap) / MB);
    }

    /** One upload session: open, parts of partSize in order, complete; returns the document's id. */
    private static String upload(Path file, String name, long size) throws Exception {
        String token = accessToken();
        HttpResponse<String> opened = send(token, "POST", realm + "/dokumentensafe/me/uploads",
                "{\"filename\":\"" + name + "\",\"size\":" + size + ",\"contentType\":\"application/pdf\"}");
        expect(opened, 201);
        String id = field(opened.body(), "id");
        int partSize = Integer.parseInt(number(opened.body(), "partSize"));
        int parts = Integer.parseInt(number(opened.body(), "parts"));
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            for (int p = 0; p < parts; p++) {
                byte[] part = new byte[(int) Math.min(partSize, size - (long) p * partSize)];
                in.readFully(part);
                long t0 = System.nanoTime();
                HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(URI.create(realm
                                + "/dokumentensafe/me/uploads/" + id + "/parts/" + p))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(part)).build(), HttpResponse.BodyHandlers.ofString());
                expect(stored, 204);
                if (part.length == partSize) {
                    PART_SECONDS.add((System.nanoTime() - t0) / 1e9);
                }
            }
        }
        long t0 = System.nanoTime();
        HttpResponse<String> done = send(token, "POST", realm + "/dokumentensafe/me/uploads/" + id + "/complete", null);
        expect(done, 201);
        COMPLETE_SECONDS.add((System.nanoTime() - t0) / 1e9);
        return id;
    }

    record Download(long headers, long end, long bytes, String sha256) {
    }

    private static Download download(String id) throws Exception {
        String token = accessToken();
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(realm
                        + "/dokumentensafe/me/documents/" + id + "/content")).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        long headers = System.nanoTime();
        if (response.statusCode() != 200) {
            throw new IllegalStateException("download answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long bytes = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = response.body()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
        }
        return new Download(headers, System.nanoTime(), bytes, HexFormat.of().formatHex(digest.digest()));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Samples the server every 100 ms; phase(name) returns the peaks since the previous phase began. */
    static final class Sampler {
        record Peak(long heap, long rss, long temp) {
        }

        private final String metrics;
        private final long pid;
        private final Path tmp;
        private volatile boolean running = true;
        private long heap;
        private long rss;
        private long temp;
        private Thread thread;

        Sampler(String mgmt, long pid, Path tmp) {
            this.metrics = mgmt + "/metrics";
            this.pid = pid;
            this.tmp = tmp;
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        long h = heap();
                        long r = rss();
                        long t = temp();
                        synchronized (this) {
                            heap = Math.max(heap, h);
                            rss = Math.max(rss, r);
                            temp = Math.max(temp, t);
                        }
                        Thread.sleep(100);
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        synchronized Peak phase(String name) {
            Peak peak = new Peak(heap, rss, temp);
            heap = 0;
            rss = 0;
            temp = 0;
            return peak;
        }

        void stop() {
            running = false;
        }

        long heap() throws Exception {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(metrics)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = HEAP.matcher(body);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return (long) sum;
        }

        long rss() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return 0;
        }

        /** Bytes of the regular files under TMPDIR the server holds open right now. */
        long temp() {
            long sum = 0;
            try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        Path target = Files.readSymbolicLink(fd);
                        if (target.startsWith(tmp) && Files.isRegularFile(target)) {
                            sum += Files.size(target);
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            } catch (IOException e) {
                return 0;
            }
            return sum;
        }
    }

    private static String stats(List<Double> values) {
        if (values.isEmpty()) {
            return "none (0 samples)"; // e.g. no full 8 MiB part when the files are smaller than one part
        }
        return String.format(Locale.ROOT, "median %.2f, min %.2f, max %.2f (%d samples)", median(values),
                values.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(0), values.size());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String adminToken(String user, String password) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", user, "password", password)))).build(), HttpResponse.BodyHandlers.ofString());
        expect(r, 200);
        return field(r.body(), "access_token");
    }

    private static HttpResponse<String> send(String token, String method, String url, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> r, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered "
                    + r.statusCode() + ": " + r.body());
        }
    }

    /** A fresh access token from the refresh token (outside the timed parts: tokens may live only minutes). */
    private static String accessToken() throws Exception {
        String body = token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        refreshToken = field(body, "refresh_token");
        return field(body, "access_token");
    }

    /** A password login through the login form (authorization code with PKCE); returns the refresh token. */
    private static String login(String user, String password, String scope) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookies())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = random();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String auth = realm + "/protocol/openid-connect/auth?" + form(Map.of("client_id", clientId,
                "redirect_uri", REDIRECT, "response_type", "code", "scope", scope, "state", random(),
                "code_challenge", challenge, "code_challenge_method", "S256"));
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(auth)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form: " + page.statusCode() + " " + page.body());
        }
        HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", password)))).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = posted.headers().firstValue("Location").orElseThrow(
                () -> new IllegalStateException("login not accepted: " + posted.statusCode()));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!code.find()) {
            throw new IllegalStateException("no code in " + location);
        }
        return field(token(Map.of("grant_type", "authorization_code", "code", code.group(1), "redirect_uri", REDIRECT,
                "code_verifier", verifier)), "refresh_token");
    }

    private static String token(Map<String, String> params) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
        expect(response, 200);
        return response.body();
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(name + " not in " + json);
        }
        return m.group(1);
    }

    private static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException(name + " not in " + json);
        }
        return m.group(1);
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static String random() {
        byte[] bytes = new byte[32];
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
