package de.servicekonto.eidsim;

import com.sun.net.httpserver.HttpServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Clients, messages and a tiny service provider for the simulator tests. */
final class SimulatorTestSupport {

    static final String EID = "http://bsi.bund.de/eID/";
    static final String MAJOR_OK = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#ok";
    static final String MAJOR_ERROR = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error";
    static final String MINOR = "http://www.bsi.bund.de/eid/server/2.0/resultminor/";
    static final String CANCELLED = "http://www.bsi.bund.de/ecard/api/1.1/resultminor/sal#cancellationByUser";

    private SimulatorTestSupport() {
    }

    /** An HTTP client that presents the service provider's certificate and trusts the simulator's. */
    static HttpClient serviceProviderClient(EidSimulator simulator) throws Exception {
        return serviceProviderClient(simulator.spKeyStore(), simulator.spKeyStorePassword(), simulator);
    }

    /** An HTTP client that presents the certificate of {@code keyStore} and trusts {@code simulator}. */
    static HttpClient serviceProviderClient(Path keyStore, String password, EidSimulator simulator) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, password), password.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust(simulator), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An HTTP client that trusts the simulator but has no client certificate. */
    static HttpClient anonymousClient(EidSimulator simulator) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust(simulator), null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The citizen's browser: does not follow redirects, so tests see the 303. */
    static HttpClient browser() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static TrustManager[] trust(EidSimulator simulator) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(simulator.spTrustStore(), simulator.spTrustStorePassword()));
        return trust.getTrustManagers();
    }

    private static KeyStore load(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    static HttpResponse<String> postSoap(HttpClient client, URI endpoint, String envelope) throws Exception {
        return client.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The UseOperations of the contract's example, all 17 in schema order. */
    static Map<String, String> defaultOperations() {
        Map<String, String> operations = new LinkedHashMap<>();
        operations.put("DocumentType", "REQUIRED");
        operations.put("IssuingState", "REQUIRED");
        operations.put("DateOfExpiry", "REQUIRED");
        operations.put("GivenNames", "REQUIRED");
        operations.put("FamilyNames", "REQUIRED");
        operations.put("ArtisticName", "ALLOWED");
        operations.put("AcademicTitle", "ALLOWED");
        operations.put("DateOfBirth", "REQUIRED");
        operations.put("PlaceOfBirth", "ALLOWED");
        operations.put("Nationality", "ALLOWED");
        operations.put("BirthName", "ALLOWED");
        operations.put("PlaceOfResidence", "ALLOWED");
        operations.put("CommunityID", "PROHIBITED");
        operations.put("ResidencePermitI", "PROHIBITED");
        operations.put("RestrictedID", "REQUIRED");
        operations.put("AgeVerification", "REQUIRED");
        operations.put("PlaceVerification", "PROHIBITED");
        return operations;
    }

    /** A useIDRequest as a service provider writes it; {@code age} null sends no AgeVerificationRequest. */
    static String useIdRequest(Map<String, String> operations, Integer age) {
        StringBuilder body = new StringBuilder("<eid:useIDRequest><eid:UseOperations>");
        operations.forEach((name, value) -> body.append("<eid:").append(name).append('>').append(value)
                .append("</eid:").append(name).append('>'));
        body.append("</eid:UseOperations>");
        if (age != null) {
            body.append("<eid:AgeVerificationRequest><eid:Age>").append(age).append("</eid:Age>")
                    .append("</eid:AgeVerificationRequest>");
        }
        body.append("<eid:LevelOfAssuranceRequest>http://bsi.bund.de/eID/LoA/hoch</eid:LevelOfAssuranceRequest>")
                .append("</eid:useIDRequest>");
        return envelope(body.toString());
    }

    static String getResultRequest(String sessionId, long counter) {
        return envelope("<eid:getResultRequest><eid:Session><eid:ID>" + sessionId + "</eid:ID></eid:Session>"
                + "<eid:RequestCounter>" + counter + "</eid:RequestCounter></eid:getResultRequest>");
    }

    /** Uses other prefixes than the simulator on purpose: only namespaces may count. */
    static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:eid=\"" + EID + "\">"
                + "<S:Header/><S:Body>" + body + "</S:Body></S:Envelope>";
    }

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Follows a path of local names from the first element named {@code path[0]} anywhere in the document; returns
     * the element, or null when a step is missing.
     */
    static Element find(Document document, String... path) {
        Node first = document.getElementsByTagNameNS("*", path[0]).item(0);
        Element current = (Element) first;
        for (int i = 1; i < path.length && current != null; i++) {
            Element next = null;
            for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && path[i].equals(element.getLocalName())) {
                    next = element;
                    break;
                }
            }
            current = next;
        }
        return current;
    }

    /** The text at {@code path}, or null. */
    static String text(Document document, String... path) {
        Element element = find(document, path);
        return element == null ? null : element.getTextContent();
    }

    /** What useID gave the service provider. */
    record Session(String id, String pskId, String pskKey, String serverAddress) {
    }

    static Session useId(HttpClient client, EidSimulator simulator, Map<String, String> operations, Integer age)
            throws Exception {
        HttpResponse<String> response = postSoap(client, simulator.serverUrl(), useIdRequest(operations, age));
        if (response.statusCode() != 200) {
            throw new AssertionError("useID answered " + response.statusCode() + ": " + response.body());
        }
        Document document = xml(response.body());
        return new Session(text(document, "Session", "ID"), text(document, "PSK", "ID"), text(document, "PSK", "Key"),
                text(document, "eCardServerAddress"));
    }

    static Document getResult(HttpClient client, EidSimulator simulator, String sessionId, long counter)
            throws Exception {
        HttpResponse<String> response = postSoap(client, simulator.serverUrl(), getResultRequest(sessionId, counter));
        if (response.statusCode() != 200) {
            throw new AssertionError("getResult answered " + response.statusCode() + ": " + response.body());
        }
        return xml(response.body());
    }

    /** A stand-in for the service provider's TC Token endpoint: serves whatever the test last set. */
    static final class TcTokenServer implements AutoCloseable {

        private final HttpServer server;
        private volatile String body = "";
        private volatile int status = 200;

        TcTokenServer() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/tc-token", exchange -> {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/tc-token?flow=eid&tab=1";
        }

        void serve(String tcToken) {
            this.body = tcToken;
            this.status = 200;
        }

        void fail(int status) {
            this.body = "";
            this.status = status;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A TC Token as a service provider builds it; {@code communicationErrorAddress} may be null. */
    static String tcToken(Session session, String refreshAddress, String communicationErrorAddress) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TCTokenType>"
                + "<ServerAddress>" + session.serverAddress() + "</ServerAddress>"
                + "<SessionIdentifier>" + session.id() + "</SessionIdentifier>"
                + "<RefreshAddress>" + refreshAddress.replace("&", "&amp;") + "</RefreshAddress>"
                + (communicationErrorAddress == null ? ""
                : "<CommunicationErrorAddress>" + communicationErrorAddress.replace("&", "&amp;")
                + "</CommunicationErrorAddress>")
                + "<Binding>urn:liberty:paos:2006-08</Binding>"
                + "<PathSecurity-Protocol>urn:ietf:rfc:4279</PathSecurity-Protocol>"
                + "<PathSecurity-Parameters><PSK>" + session.pskKey() + "</PSK></PathSecurity-Parameters>"
                + "</TCTokenType>";
    }

    /** Opens the eID-Client as the browser would, for the TC Token URL of {@code tokens}. */
    static HttpResponse<String> openEidClient(EidSimulator simulator, TcTokenServer tokens, String identity)
            throws Exception {
        String url = simulator.clientUrl() + "?tcTokenURL="
                + URLEncoder.encode(tokens.url(), StandardCharsets.UTF_8)
                + (identity == null ? "" : "&identity=" + identity);
        return get(browser(), url);
    }
}
