package de.servicekonto.eidsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import de.servicekonto.eidsim.HttpSupport.BodyTooLargeException;
import de.servicekonto.eidsim.TcToken.InvalidTcTokenException;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The simulated eID-Client in place of the AusweisApp (TR-03124-1): answers the Status query and, for a TC Token
 * URL, plays the citizen's part with a test identity, then sends the browser back to the service provider.
 */
final class SimulatedEidClient implements AutoCloseable {

    static final String PATH = "/eID-Client";
    private static final int MAX_TC_TOKEN = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(SimulatedEidClient.class.getName());

    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient tcTokenClient;
    private final HttpClient eidServerClient;
    private final Supplier<String> defaultIdentity;
    private final Clock clock;
    private final URI url;

    private SimulatedEidClient(HttpServer server, ExecutorService executor, HttpClient tcTokenClient,
                               HttpClient eidServerClient, Supplier<String> defaultIdentity, Clock clock,
                               String advertisedHost) {
        this.server = server;
        this.executor = executor;
        this.tcTokenClient = tcTokenClient;
        this.eidServerClient = eidServerClient;
        this.defaultIdentity = defaultIdentity;
        this.clock = clock;
        this.url = URI.create("http://" + Urls.hostForUri(advertisedHost) + ":" + server.getAddress().getPort()
                + PATH);
    }

    /**
     * @param defaultIdentity the identity to use when the request names none; {@code null} shows the choice page
     */
    static SimulatedEidClient start(InetSocketAddress address, String advertisedHost, KeyMaterial keys,
                                    Supplier<String> defaultIdentity, Clock clock) throws IOException {
        HttpClient tcTokenClient;
        HttpClient eidServerClient;
        try {
            tcTokenClient = httpClient(keys.trustingServerAndDefaults());
            eidServerClient = httpClient(keys.trustingServerOnly());
        } catch (GeneralSecurityException e) {
            throw new IOException("could not set up TLS for the eID-Client", e);
        }
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Threads.pool("eid-client");
        server.setExecutor(executor);
        SimulatedEidClient client = new SimulatedEidClient(server, executor, tcTokenClient, eidServerClient,
                defaultIdentity, clock, advertisedHost);
        server.createContext("/", Threads.guarded(client::handle));
        server.start();
        return client;
    }

    private static HttpClient httpClient(SSLContext tls) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls)
                .build();
    }

    URI url() {
        return url;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            HttpSupport.sendHtml(exchange, 404, ClientPages.error("Seite nicht gefunden",
                    "Der eID-Client kennt nur die Adresse " + PATH + ".", null));
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            HttpSupport.methodNotAllowed(exchange, "GET");
            return;
        }
        Map<String, String> query = HttpSupport.parseForm(exchange.getRequestURI().getRawQuery());
        if (query.containsKey("Status")) {
            status(exchange, query.get("Status"));
            return;
        }
        String tcTokenUrlText = query.getOrDefault("tcTokenURL", "").trim();
        URI tcTokenUrl = Urls.parseHttpUrl(tcTokenUrlText);
        if (tcTokenUrl == null || !Urls.isFetchableTcTokenUrl(tcTokenUrl)) {
            HttpSupport.sendHtml(exchange, 400, ClientPages.error("Ungültige Anfrage",
                    "Der Parameter tcTokenURL fehlt oder ist keine erlaubte Adresse. Erlaubt sind https-Adressen "
                            + "und http-Adressen dieses Rechners (localhost, 127.0.0.1, [::1]).", null));
            return;
        }
        LocalDate today = Identities.today(clock);
        String identityId = query.containsKey("identity") ? query.get("identity") : defaultIdentity.get();
        if (identityId == null) {
            HttpSupport.sendHtml(exchange, 200, ClientPages.choice(PATH, tcTokenUrlText, Identities.all(today)));
            return;
        }
        Optional<Identity> identity = Identities.find(identityId, today);
        if (identity.isEmpty()) {
            HttpSupport.sendHtml(exchange, 400, ClientPages.error("Unbekannte Testidentität",
                    "Der eID-Simulator kennt keine Testidentität mit diesem Namen.", identityId));
            return;
        }
        identify(exchange, tcTokenUrl, identity.get(), today);
    }

    /** The AusweisApp's answer to {@code ?Status}, as plain text or, with {@code Status=json}, as JSON. */
    private void status(HttpExchange exchange, String format) throws IOException {
        String version = Optional.ofNullable(SimulatedEidClient.class.getPackage().getImplementationVersion())
                .orElse("development");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Name", "Servicekonto eID simulator");
        fields.put("Implementation-Title", "Servicekonto eID simulator");
        fields.put("Implementation-Vendor", "Servicekonto");
        fields.put("Implementation-Version", version);
        fields.put("Specification-Title", "TR-03124");
        fields.put("Specification-Vendor", "Federal Office for Information Security");
        fields.put("Specification-Version", "1.4");
        // Portals probe the local eID-Client from their own origin with script, as they do with the AusweisApp.
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        if ("json".equalsIgnoreCase(format)) {
            StringBuilder json = new StringBuilder("{");
            fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                    .append(jsonString(name)).append(':').append(jsonString(value)));
            HttpSupport.send(exchange, 200, "application/json; charset=utf-8", json.append('}').toString());
        } else {
            StringBuilder text = new StringBuilder();
            fields.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
            HttpSupport.send(exchange, 200, HttpSupport.TEXT_PLAIN, text.toString());
        }
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Fetches the TC Token, completes the session at the eID-Server, and redirects to the RefreshAddress. */
    private void identify(HttpExchange exchange, URI tcTokenUrl, Identity identity, LocalDate today)
            throws IOException {
        TcToken token;
        try {
            token = TcToken.parse(fetchTcToken(tcTokenUrl));
        } catch (InvalidTcTokenException e) {
            fail(exchange, e.communicationErrorAddress().orElse(null), "unusable TC Token: " + e.getMessage());
            return;
        } catch (IOException e) {
            fail(exchange, null, "TC Token could not be fetched: " + e.getMessage());
            return;
        }
        try {
            complete(token, identity);
        } catch (IOException e) {
            fail(exchange, token.communicationErrorAddress(), "eID-Server refused the session: " + e.getMessage());
            return;
        }
        HttpSupport.redirect(exchange, Urls.appendQuery(token.refreshAddress().toString(), result(identity, today)));
    }

    /** The result the AusweisApp appends to the RefreshAddress (TR-03124-1), already URL-encoded. */
    private static String result(Identity identity, LocalDate today) {
        if (identity.cancelsLogin()) {
            return "ResultMajor=error&ResultMinor=" + Urls.encode(ResultUris.CANCELLATION_BY_USER);
        }
        if (identity.person().documentExpiredOn(today)) {
            return "ResultMajor=error&ResultMinor=" + Urls.encode(ResultUris.INVALID_DOCUMENT);
        }
        return "ResultMajor=ok";
    }

    private byte[] fetchTcToken(URI tcTokenUrl) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(tcTokenUrl)
                .timeout(TIMEOUT)
                .header("Accept", "text/xml, application/xml")
                .GET()
                .build();
        HttpResponse<byte[]> response = await(tcTokenClient.sendAsync(request, info -> info.statusCode() == 200
                ? new LimitedBody(MAX_TC_TOKEN)
                : HttpResponse.BodySubscribers.replacing(new byte[0])));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP status " + response.statusCode());
        }
        return response.body();
    }

    private void complete(TcToken token, Identity identity) throws IOException {
        String form = "session=" + Urls.encode(token.sessionIdentifier())
                + "&psk=" + Urls.encode(token.psk())
                + "&identity=" + Urls.encode(identity.id())
                + "&outcome=" + (identity.cancelsLogin() ? "cancel" : "ok");
        HttpRequest request = HttpRequest.newBuilder(token.serverAddress())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<Void> response = await(eidServerClient.sendAsync(request,
                HttpResponse.BodyHandlers.discarding()));
        if (response.statusCode() != 200) {
            throw new IOException("HTTP status " + response.statusCode());
        }
    }

    /** Waits for a whole exchange, body included, at most {@link #TIMEOUT}. */
    private static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> exchange) throws IOException {
        try {
            return exchange.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new IOException("no complete answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause == null ? e.toString() : cause.toString(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * Gives up like the AusweisApp: to the CommunicationErrorAddress when the TC Token named one, else with an error
     * page, because without a usable TC Token there is no address to return to.
     */
    private void fail(HttpExchange exchange, URI communicationErrorAddress, String reason) throws IOException {
        LOG.log(System.Logger.Level.WARNING, "eID-Client could not finish: {0}", reason);
        if (communicationErrorAddress != null) {
            HttpSupport.redirect(exchange, Urls.appendQuery(communicationErrorAddress.toString(),
                    "ResultMajor=error&ResultMinor=" + Urls.encode(ResultUris.COMMUNICATION_ERROR)));
            return;
        }
        HttpSupport.sendHtml(exchange, 502, ClientPages.error("Ausweisen nicht möglich",
                "Der eID-Client konnte den Vorgang nicht abschließen. Bitte kehren Sie zum Dienst zurück und "
                        + "versuchen Sie es erneut.", reason));
    }

    /** Collects a response body and gives up as soon as it grows beyond the limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        private LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (body.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > limit) {
                    subscription.cancel();
                    body.completeExceptionally(new BodyTooLargeException(limit));
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                buffer.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(buffer.toByteArray());
        }
    }
}
