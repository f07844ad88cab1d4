package de.servicekonto.eid.server;

import static de.servicekonto.eid.server.SoapResponseReaderTest.SERVER_MINOR;
import static de.servicekonto.eid.server.SoapResponseReaderTest.SESSION_ID;
import static de.servicekonto.eid.server.SoapResponseReaderTest.envelope;
import static de.servicekonto.eid.server.SoapResponseReaderTest.errorResult;
import static de.servicekonto.eid.server.SoapResponseReaderTest.failure;
import static de.servicekonto.eid.server.SoapResponseReaderTest.useIdResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import de.servicekonto.eid.EidResult;
import de.servicekonto.eid.server.EidServerException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** The client against a real HTTPS server with mutual TLS on 127.0.0.1. */
class SoapEidServerClientTest {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(8);
    /** Failures must come well before this; a hang would otherwise block the build. */
    private static final Duration NO_HANG = Duration.ofSeconds(30);
    private static final String JVM_TRUST_STORE = "javax.net.ssl.trustStore";

    private static TestPki.Identity serverIdentity;
    private static TestPki.Identity clientIdentity;

    private TlsServerFixture server;

    @BeforeAll
    static void createCertificates() throws Exception {
        serverIdentity = TestPki.server();
        clientIdentity = TestPki.client("servicekonto test");
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new TlsServerFixture(serverIdentity, clientIdentity.trustStore());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private EidServerSettings settings(URI endpoint, TestPki.Identity client, TestPki.Identity trusted)
            throws Exception {
        return new EidServerSettings(endpoint, client.keyStore(), TestPki.PASSWORD, trusted.trustStore(),
                CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    private SoapEidServerClient client() throws Exception {
        return new SoapEidServerClient(settings(server.endpoint(), clientIdentity, serverIdentity));
    }

    private static UseIdRequest request() {
        return new UseIdRequest(Map.of(EidField.GIVEN_NAMES, UseOperation.REQUIRED,
                EidField.RESTRICTED_ID, UseOperation.REQUIRED), 16, UseIdRequest.LOA_HIGH);
    }

    @Test
    void givenMutualTlsThenUseIdMakesTheRoundTrip() throws Exception {
        server.respondWith(200, envelope(useIdResponse()));

        UseIdResponse response = client().useId(request());

        assertThat(response.sessionId()).isEqualTo(SESSION_ID);
        assertThat(response.ecardServerAddress()).isEqualTo(URI.create("https://127.0.0.1:24728/paos"));
        assertThat(server.received()).hasSize(1);
        TlsServerFixture.Received received = server.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo(TlsServerFixture.PATH);
        assertThat(received.contentType()).isEqualTo("text/xml; charset=utf-8");
        assertThat(received.soapAction()).isEqualTo("\"\"");
        assertThat(received.clientCertificate()).isEqualTo(clientIdentity.certificate());
        Element useId = SoapMessagesTest.onlyChild(SoapMessagesTest.onlyChild(
                SoapMessagesTest.parse(received.body()).getDocumentElement()));
        assertThat(useId.getNamespaceURI()).isEqualTo("http://bsi.bund.de/eID/");
        assertThat(useId.getLocalName()).isEqualTo("useIDRequest");
        assertThat(useId.getElementsByTagNameNS("http://bsi.bund.de/eID/", "Age").item(0).getTextContent())
                .isEqualTo("16");
    }

    @Test
    void givenGetResultThenSessionAndCounterAreSentAndErrorResultReturned() throws Exception {
        server.respondWith(200, envelope(errorResult("getResultResponse", SERVER_MINOR + "getResult#noResultYet")));

        GetResultResponse response = client().getResult(SESSION_ID, 3);

        assertThat(response.result()).isEqualTo(EidResult.NO_RESULT_YET);
        Element request = SoapMessagesTest.onlyChild(SoapMessagesTest.onlyChild(
                SoapMessagesTest.parse(server.received().get(0).body()).getDocumentElement()));
        assertThat(request.getLocalName()).isEqualTo("getResultRequest");
        assertThat(request.getElementsByTagNameNS("http://bsi.bund.de/eID/", "ID").item(0).getTextContent())
                .isEqualTo(SESSION_ID);
        assertThat(request.getElementsByTagNameNS("http://bsi.bund.de/eID/", "RequestCounter").item(0)
                .getTextContent()).isEqualTo("3");
    }

    @Test
    void givenTooManyOpenSessionsThenServerBusy() throws Exception {
        server.respondWith(200, envelope(errorResult("useIDResponse", SERVER_MINOR + "useID#tooManyOpenSessions")));
        SoapEidServerClient client = client();

        EidServerException e = failure(() -> client.useId(request()));

        assertThat(e.reason()).isEqualTo(Reason.REFUSED);
        assertThat(e.result()).isEqualTo(EidResult.SERVER_BUSY);
    }

    @Test
    void givenClientKeyTheServerDoesNotTrustThenFailsWithoutHanging() throws Exception {
        server.respondWith(200, envelope(useIdResponse()));
        TestPki.Identity stranger = TestPki.client("stranger");
        SoapEidServerClient client = new SoapEidServerClient(settings(server.endpoint(), stranger, serverIdentity));

        EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.useId(request())));

        assertThat(e.reason()).isIn(Reason.UNAVAILABLE, Reason.REFUSED);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void givenClientWithoutAnyKeyThenTheFixtureRefusesIt() throws Exception {
        // Makes sure the round trip above really depends on the client certificate.
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(serverIdentity.trustStore());
        SSLContext noKey = SSLContext.getInstance("TLS");
        noKey.init(null, trust.getTrustManagers(), null);
        HttpClient plain = HttpClient.newBuilder().sslContext(noKey).connectTimeout(CONNECT_TIMEOUT).build();
        server.respondWith(200, envelope(useIdResponse()));
        HttpRequest post = HttpRequest.newBuilder(server.endpoint()).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(SoapMessages.useIdRequest(request()))).build();

        assertThatThrownBy(() -> plain.send(post, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
        assertThat(server.received()).isEmpty();
    }

    /**
     * The JVM's default trust store is made to trust the test server, as a public CA's certificate would be. The
     * client trusts only its own store (here: another server's certificate) and refuses the server anyway; a client
     * without a store of its own cannot even be configured.
     */
    @Test
    void givenJvmDefaultTrustStoreThatTrustsTheServerThenTheClientStillTrustsOnlyItsOwnStore(@TempDir Path directory)
            throws Exception {
        Path jvmTrust = directory.resolve("jvm-default-trust.p12");
        try (OutputStream out = Files.newOutputStream(jvmTrust)) {
            serverIdentity.trustStore().store(out, TestPki.PASSWORD);
        }
        server.respondWith(200, envelope(useIdResponse()));
        Map<String, String> before = new HashMap<>();
        for (String name : List.of(JVM_TRUST_STORE, JVM_TRUST_STORE + "Password", JVM_TRUST_STORE + "Type")) {
            before.put(name, System.getProperty(name));
        }
        System.setProperty(JVM_TRUST_STORE, jvmTrust.toString());
        System.setProperty(JVM_TRUST_STORE + "Password", new String(TestPki.PASSWORD));
        System.setProperty(JVM_TRUST_STORE + "Type", "PKCS12");
        try {
            // The JVM default now trusts the server: a client falling back to it would make the round trip.
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(clientIdentity.keyStore(), TestPki.PASSWORD);
            TrustManagerFactory jvmDefault = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            jvmDefault.init((java.security.KeyStore) null);
            SSLContext fallback = SSLContext.getInstance("TLS");
            fallback.init(keys.getKeyManagers(), jvmDefault.getTrustManagers(), null);
            HttpResponse<byte[]> viaJvmDefault = HttpClient.newBuilder().sslContext(fallback)
                    .connectTimeout(CONNECT_TIMEOUT).build()
                    .send(HttpRequest.newBuilder(server.endpoint()).timeout(REQUEST_TIMEOUT)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(SoapMessages.useIdRequest(request()))).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertThat(viaJvmDefault.statusCode()).as("the test's premise: the JVM default trusts the server").isEqualTo(200);
            int receivedBefore = server.received().size();

            SoapEidServerClient client = new SoapEidServerClient(settings(server.endpoint(), clientIdentity, TestPki.server()));
            EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.useId(request())));

            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(e.getMessage()).contains("TLS");
            assertThat(server.received()).hasSize(receivedBefore);
            assertThatThrownBy(() -> new EidServerSettings(server.endpoint(), clientIdentity.keyStore(), TestPki.PASSWORD,
                    null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trust store");
        } finally {
            before.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }

    @Test
    void givenKeyStoreWithoutKeyThenNoClientCanBeConfigured() {
        assertThatThrownBy(() -> new EidServerSettings(server.endpoint(), clientIdentity.trustStore(),
                TestPki.PASSWORD, serverIdentity.trustStore())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void givenAnswerOfOneAndAHalfMebibyteThenProtocolError(boolean chunked) throws Exception {
        byte[] large = new byte[1536 * 1024];
        Arrays.fill(large, (byte) ' ');
        server.respondWith((exchange, request) -> {
            exchange.sendResponseHeaders(200, chunked ? 0 : large.length);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int offset = 0; offset < large.length; offset += 16 * 1024) {
                    out.write(large, offset, 16 * 1024);
                }
            }
        });
        SoapEidServerClient client = client();

        EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.useId(request())));

        assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
        // cut off while downloading, not only refused by the XML reader after reading everything
        assertThat(e).hasRootCauseInstanceOf(BoundedBodyHandler.TooLarge.class);
    }

    @Test
    void givenEndlessAnswerThenDownloadIsCutOffEarly() throws Exception {
        AtomicLong written = new AtomicLong();
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        server.respondWith((exchange, request) -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 4096; i++) { // up to 256 MiB, unless the client hangs up
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            }
        });
        SoapEidServerClient client = client();

        EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.getResult(SESSION_ID, 1)));

        assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
        Thread.sleep(200);
        assertThat(written.get()).isLessThan(64L * 1024 * 1024);
    }

    @Test
    void givenDeclaredLengthOverTheLimitThenRefusedWithoutWaitingForTheBody() throws Exception {
        server.respondWith((exchange, request) -> {
            exchange.sendResponseHeaders(200, 1536 * 1024);
            exchange.getResponseBody().write("<soap:Envelope".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            server.waitUntilClosed();
        });
        SoapEidServerClient client = client();

        EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.useId(request())));

        assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenAnswerJustBelowTheLimitThenItIsRead() throws Exception {
        byte[] answer = envelope(useIdResponse());
        byte[] padded = new byte[SoapEidServerClient.MAX_RESPONSE_BYTES];
        Arrays.fill(padded, (byte) ' ');
        System.arraycopy(answer, 0, padded, 0, answer.length);
        server.respondWith(200, padded);

        assertThat(client().useId(request()).sessionId()).isEqualTo(SESSION_ID);
    }

    @Test
    void givenServerThatNeverAnswersThenUnavailableAfterTheTimeout() throws Exception {
        server.neverRespond();
        SoapEidServerClient client = new SoapEidServerClient(settings(server.endpoint(), clientIdentity,
                serverIdentity).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(800)));

        long start = System.nanoTime();
        EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.getResult(SESSION_ID, 1)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.result()).isEqualTo(EidResult.SERVER_BUSY);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(700)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void givenServerThatStallsInTheMiddleOfTheBodyThenUnavailableAfterTheTimeout() throws Exception {
        server.respondWith((exchange, request) -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">".getBytes(
                    StandardCharsets.UTF_8));
            out.flush();
            server.waitUntilClosed();
        });
        SoapEidServerClient client = new SoapEidServerClient(settings(server.endpoint(), clientIdentity,
                serverIdentity).withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(800)));

        long start = System.nanoTime();
        EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.getResult(SESSION_ID, 1)));

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void givenServerCertificateNotInTrustStoreThenUnavailable() throws Exception {
        server.respondWith(200, envelope(useIdResponse()));
        TestPki.Identity otherServer = TestPki.server();
        SoapEidServerClient client = new SoapEidServerClient(settings(server.endpoint(), clientIdentity, otherServer));

        EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.useId(request())));

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).contains("TLS");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void givenTrustedCertificateForAnotherHostThenUnavailable() throws Exception {
        TestPki.Identity wrongHost = TestPki.serverFor("eid.example.org");
        try (TlsServerFixture misnamed = new TlsServerFixture(wrongHost, clientIdentity.trustStore())) {
            misnamed.respondWith(200, envelope(useIdResponse()));
            SoapEidServerClient client = new SoapEidServerClient(settings(misnamed.endpoint(), clientIdentity,
                    wrongHost));

            EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.useId(request())));

            assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
            assertThat(misnamed.received()).isEmpty();
        }
    }

    @Test
    void givenNothingListensThenUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SoapEidServerClient client = new SoapEidServerClient(settings(URI.create("https://127.0.0.1:" + port + "/eid"),
                clientIdentity, serverIdentity));

        EidServerException e = assertTimeoutPreemptively(NO_HANG, () -> failure(() -> client.getResult(SESSION_ID, 1)));

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
    }

    @Test
    void givenSoapFaultWithStatus500ThenRefused() throws Exception {
        server.respondWith(500, envelope("<soap:Fault><faultcode>soap:Client</faultcode>"
                + "<faultstring>malformed</faultstring></soap:Fault>"));
        SoapEidServerClient client = client();

        EidServerException e = failure(() -> client.getResult(SESSION_ID, 1));

        assertThat(e.reason()).isEqualTo(Reason.REFUSED);
        assertThat(e.getMessage()).contains("soap:Client");
    }

    @Test
    void givenStatus503WithoutFaultThenUnavailable() throws Exception {
        server.respondWith(503, "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8));
        SoapEidServerClient client = client();

        EidServerException e = failure(() -> client.getResult(SESSION_ID, 1));

        assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(e.getMessage()).contains("503").doesNotContain("maintenance");
    }

    @Test
    void givenStatus403ThenRefused() throws Exception {
        server.respondWith(403, new byte[0]);
        SoapEidServerClient client = client();

        assertThat(failure(() -> client.useId(request())).reason()).isEqualTo(Reason.REFUSED);
    }

    @Test
    void givenRedirectThenNotFollowed() throws Exception {
        server.respondWith((exchange, request) -> {
            exchange.getResponseHeaders().set("Location", "/elsewhere");
            exchange.sendResponseHeaders(307, -1);
        });
        SoapEidServerClient client = client();

        EidServerException e = failure(() -> client.useId(request()));

        assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
        assertThat(server.received()).extracting(TlsServerFixture.Received::path).containsExactly(TlsServerFixture.PATH);
    }

    @Test
    void givenGarbageWithStatus200ThenProtocolError() throws Exception {
        server.respondWith(200, "<html>hello</html>".getBytes(StandardCharsets.UTF_8));
        SoapEidServerClient client = client();

        assertThat(failure(() -> client.useId(request())).reason()).isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenBadSessionIdOrCounterThenNothingIsSent() throws Exception {
        SoapEidServerClient client = client();

        assertThatThrownBy(() -> client.getResult("not hex", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.getResult(SESSION_ID, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void givenOneClientUsedFromManyThreadsThenEveryCallSucceeds() throws Exception {
        server.respondWith(200, envelope(useIdResponse()));
        SoapEidServerClient client = client();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<UseIdResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                calls.add(threads.submit(() -> client.useId(request())));
            }
            for (Future<UseIdResponse> call : calls) {
                assertThat(call.get().sessionId()).isEqualTo(SESSION_ID);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(server.received()).hasSize(24);
    }

    @Test
    void givenJvmWithHostNameVerificationSwitchedOffThenClientRefusesToStart() throws Exception {
        EidServerSettings settings = settings(server.endpoint(), clientIdentity, serverIdentity);
        String property = "jdk.internal.httpclient.disableHostnameVerification";
        String before = System.getProperty(property);
        System.setProperty(property, "true");
        try {
            assertThatThrownBy(() -> new SoapEidServerClient(settings)).isInstanceOf(IllegalStateException.class);
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    @Test
    void givenWrongKeyPasswordThenClientCannotBeCreated() throws Exception {
        EidServerSettings wrongPassword = new EidServerSettings(server.endpoint(), clientIdentity.keyStore(),
                "wrong".toCharArray(), serverIdentity.trustStore());

        assertThatThrownBy(() -> new SoapEidServerClient(wrongPassword)).isInstanceOf(IllegalArgumentException.class);
    }
}
