package de.servicekonto.eid.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS server on 127.0.0.1 that demands a client certificate and trusts only the given ones. Answers come from
 * a replaceable {@link Responder}; every request that reaches it is recorded.
 */
final class TlsServerFixture implements AutoCloseable {

    /** Writes the answer to one request. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpExchange exchange, byte[] requestBody) throws IOException;
    }

    /** A request as the server saw it. */
    record Received(String method, String path, String contentType, String soapAction, byte[] body,
                    Certificate clientCertificate) {
    }

    static final String PATH = "/eid";

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Responder responder = (exchange, body) -> answer(exchange, 500, new byte[0]);

    TlsServerFixture(TestPki.Identity serverIdentity, KeyStore trustedClients) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverIdentity.keyStore(), TestPki.PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustedClients);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Certificate[] peer = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("SOAPAction"), body, peer[0]));
                responder.respond(exchange, body);
            } catch (IOException e) {
                // the client went away (for instance after cutting off a large answer)
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    URI endpoint() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    void respondWith(Responder responder) {
        this.responder = responder;
    }

    /** Answers every request with this status and body. */
    void respondWith(int status, byte[] body) {
        respondWith((exchange, request) -> answer(exchange, status, body));
    }

    /** Accepts requests but never answers until the fixture is closed. */
    void neverRespond() {
        respondWith((exchange, request) -> waitUntilClosed());
    }

    /** Blocks the calling handler until the fixture is closed. */
    void waitUntilClosed() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Received> received() {
        return received;
    }

    static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
