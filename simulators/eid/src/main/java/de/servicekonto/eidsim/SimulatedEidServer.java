package de.servicekonto.eidsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import de.servicekonto.eidsim.HttpSupport.BodyTooLargeException;
import de.servicekonto.eidsim.SessionStore.OpenedSession;
import de.servicekonto.eidsim.SessionStore.Poll;
import de.servicekonto.eidsim.SoapRequests.GetResult;
import de.servicekonto.eidsim.SoapRequests.SoapRequest;
import de.servicekonto.eidsim.SoapRequests.UseId;
import de.servicekonto.eidsim.Xml.XmlException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The simulated eID-Server: the SOAP interface for the service provider (TR-03130-1, over mutual TLS) and the
 * simulator-only completion step that stands in for PAOS and EAC between eID-Client and eID-Server.
 */
final class SimulatedEidServer implements AutoCloseable {

    static final int MAX_SOAP_BODY = 64 * 1024;
    private static final int MAX_COMPLETION_BODY = 4 * 1024;
    private static final String SOAP_PATH = "/eID";
    private static final String COMPLETION_PATH = "/paos";

    private final HttpsServer server;
    private final ExecutorService executor;
    private final SessionStore sessions;
    private final X509Certificate serviceProviderCertificate;
    private final Clock clock;
    private final URI soapUrl;
    private final URI completionUrl;

    private SimulatedEidServer(HttpsServer server, ExecutorService executor, SessionStore sessions,
                               X509Certificate serviceProviderCertificate, Clock clock, String advertisedHost) {
        this.server = server;
        this.executor = executor;
        this.sessions = sessions;
        this.serviceProviderCertificate = serviceProviderCertificate;
        this.clock = clock;
        String base = "https://" + Urls.hostForUri(advertisedHost) + ":" + server.getAddress().getPort();
        this.soapUrl = URI.create(base + SOAP_PATH);
        this.completionUrl = URI.create(base + COMPLETION_PATH);
    }

    static SimulatedEidServer start(InetSocketAddress address, String advertisedHost, KeyMaterial keys,
                                    SessionStore sessions, Clock clock) throws IOException {
        SSLContext tls;
        try {
            tls = keys.serverContext();
        } catch (GeneralSecurityException e) {
            throw new IOException("could not set up TLS for the eID-Server", e);
        }
        HttpsServer server = HttpsServer.create(address, 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                ssl.setWantClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        ExecutorService executor = Threads.pool("eid-server");
        server.setExecutor(executor);
        SimulatedEidServer simulated = new SimulatedEidServer(server, executor, sessions, keys.spCertificate(), clock,
                advertisedHost);
        server.createContext("/", Threads.guarded(simulated::route));
        server.start();
        return simulated;
    }

    URI soapUrl() {
        return soapUrl;
    }

    URI completionUrl() {
        return completionUrl;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (SOAP_PATH.equals(path)) {
            handleSoap(exchange);
        } else if (COMPLETION_PATH.equals(path)) {
            handleCompletion(exchange);
        } else {
            HttpSupport.send(exchange, 404, HttpSupport.TEXT_PLAIN, "404 Not Found\n");
        }
    }

    private void handleSoap(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            HttpSupport.methodNotAllowed(exchange, "POST");
            return;
        }
        if (!presentsServiceProviderCertificate(exchange)) {
            HttpSupport.send(exchange, 403, HttpSupport.TEXT_PLAIN, "403 Forbidden: the eID-Server answers only "
                    + "the service provider presenting the client certificate from sp.keystore\n");
            return;
        }
        byte[] body;
        try {
            body = HttpSupport.readRequestBody(exchange, MAX_SOAP_BODY);
        } catch (BodyTooLargeException e) {
            HttpSupport.send(exchange, 413, HttpSupport.TEXT_PLAIN, "413 Payload Too Large\n");
            return;
        }
        SoapRequest request;
        try {
            request = SoapRequests.parse(body);
        } catch (XmlException e) {
            HttpSupport.send(exchange, 500, HttpSupport.TEXT_XML, SoapResponses.fault("Client", e.getMessage()));
            return;
        }
        String response = request instanceof UseId useId ? useId(useId) : getResult((GetResult) request);
        HttpSupport.send(exchange, 200, HttpSupport.TEXT_XML, response);
    }

    /** TLS has verified that the client holds the key; this checks that it is the service provider's key. */
    private boolean presentsServiceProviderCertificate(HttpExchange exchange) {
        try {
            Certificate[] chain = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
            return chain.length > 0 && chain[0].equals(serviceProviderCertificate);
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    private String useId(UseId request) {
        Optional<OpenedSession> opened = sessions.open(request);
        if (opened.isEmpty()) {
            return SoapResponses.useIdError(ResultUris.TOO_MANY_OPEN_SESSIONS);
        }
        OpenedSession session = opened.get();
        return SoapResponses.useIdOk(session.id(), completionUrl, session.pskId(), session.pskKey());
    }

    private String getResult(GetResult request) {
        Poll poll = sessions.poll(request.sessionId(), request.requestCounter());
        LocalDate today = Identities.today(clock);
        return switch (poll.status()) {
            case UNKNOWN_SESSION -> SoapResponses.getResultError(ResultUris.INVALID_SESSION);
            case COUNTER_NOT_GREATER -> SoapResponses.getResultError(ResultUris.INVALID_COUNTER);
            case NOT_COMPLETED -> SoapResponses.getResultError(ResultUris.NO_RESULT_YET);
            case CANCELLED -> SoapResponses.getResultError(ResultUris.CANCELLATION_BY_USER);
            case COMPLETED -> poll.identity().person().documentExpiredOn(today)
                    ? SoapResponses.getResultError(ResultUris.INVALID_DOCUMENT)
                    : SoapResponses.getResultOk(poll.request(), poll.identity().person(), today);
        };
    }

    /**
     * The simulator-only completion step: {@code session}, {@code psk}, {@code identity} and {@code outcome} as a
     * form. Knowing the PSK proves the caller read the TC Token, as the TLS-PSK handshake does in production.
     */
    private void handleCompletion(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            HttpSupport.methodNotAllowed(exchange, "POST");
            return;
        }
        Map<String, String> form;
        try {
            form = HttpSupport.parseForm(new String(
                    HttpSupport.readRequestBody(exchange, MAX_COMPLETION_BODY), StandardCharsets.UTF_8));
        } catch (BodyTooLargeException e) {
            HttpSupport.send(exchange, 413, HttpSupport.TEXT_PLAIN, "413 Payload Too Large\n");
            return;
        }
        String sessionId = form.getOrDefault("session", "").trim().toUpperCase(Locale.ROOT);
        byte[] psk;
        try {
            psk = HexFormat.of().parseHex(form.getOrDefault("psk", "").trim());
        } catch (IllegalArgumentException e) {
            badRequest(exchange, "psk must be hexadecimal");
            return;
        }
        if (sessionId.isEmpty() || psk.length == 0) {
            badRequest(exchange, "session and psk are required");
            return;
        }
        String outcome = form.getOrDefault("outcome", "");
        Identity identity = null;
        if ("ok".equals(outcome)) {
            Optional<Identity> chosen = Identities.find(form.getOrDefault("identity", ""), Identities.today(clock))
                    .filter(candidate -> !candidate.cancelsLogin());
            if (chosen.isEmpty()) {
                badRequest(exchange, "identity must name a test identity that does not cancel");
                return;
            }
            identity = chosen.get();
        } else if (!"cancel".equals(outcome)) {
            badRequest(exchange, "outcome must be ok or cancel");
            return;
        }
        switch (sessions.complete(sessionId, psk, identity)) {
            case RECORDED -> HttpSupport.send(exchange, 200, HttpSupport.TEXT_PLAIN, "ok\n");
            case UNKNOWN_SESSION -> HttpSupport.send(exchange, 404, HttpSupport.TEXT_PLAIN,
                    "404 Not Found: no open session with this identifier\n");
            case WRONG_PSK -> HttpSupport.send(exchange, 403, HttpSupport.TEXT_PLAIN,
                    "403 Forbidden: the PSK does not belong to this session\n");
            case ALREADY_COMPLETED -> HttpSupport.send(exchange, 409, HttpSupport.TEXT_PLAIN,
                    "409 Conflict: the session has already been completed\n");
        }
    }

    private static void badRequest(HttpExchange exchange, String reason) throws IOException {
        HttpSupport.send(exchange, 400, HttpSupport.TEXT_PLAIN, "400 Bad Request: " + reason + "\n");
    }
}
