package de.servicekonto.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * The SAML SP of {@code tests/src/test/node/saml-sp} ({@code sp.mjs} on {@code @node-saml/node-saml}, installed by
 * {@code npm ci} from its package-lock.json during the build), run with the machine's Node.js on a free loopback
 * port. The test makes its RSA key pair (openssl); the SP generates its metadata from it, signs its requests with it
 * and decrypts assertions with it. Its protected page shows what the SP received, each value in an element with an id.
 */
public final class NodeSamlSp implements AutoCloseable {

    private static final Path SP_DIR = Path.of(System.getProperty("servicekonto.node.sp.dir",
            TestPaths.projectDir().resolve("tests/src/test/node/saml-sp").toString()));

    private final Path dir;
    private final int port;
    private Process node;

    private NodeSamlSp(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** A key pair in a folder of its own; nothing runs yet. */
    public static NodeSamlSp create() {
        if (!Files.isDirectory(SP_DIR.resolve("node_modules/@node-saml/node-saml"))) {
            throw new IllegalStateException("node-saml is not installed in " + SP_DIR
                    + ": the tests module's build runs npm ci there (./mvnw verify -pl tests -am)");
        }
        try {
            NodeSamlSp sp = new NodeSamlSp(Files.createTempDirectory(TestPaths.workDir(), "node-saml-sp"), Ports.free());
            sp.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-days", "30",
                    "-subj", "/CN=127.0.0.1", "-keyout", "sp-key.pem", "-out", "sp-cert.pem"));
            return sp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The entity id node-saml is configured with (its issuer). */
    public String entityId() {
        return baseUri() + "/metadata";
    }

    public URI protectedPage() {
        return baseUri().resolve("/index.html");
    }

    /** SP-initiated single logout: the SP's signed LogoutRequest to the IdP. */
    public URI logout() {
        return baseUri().resolve("/logout");
    }

    /**
     * Starts {@code node sp.mjs} trusting the IdP described by {@code idpMetadata}; every AuthnRequest asks for
     * {@code authnContextClassRef} with {@code Comparison="minimum"}. Returns once the SP listens.
     */
    public void start(String idpMetadata, String authnContextClassRef) {
        try {
            Files.writeString(dir.resolve("idp.xml"), idpMetadata);
            Files.writeString(dir.resolve("sp.json"), Json.write(java.util.Map.of(
                    "port", port, "baseUrl", baseUri().toString(),
                    "keyFile", dir.resolve("sp-key.pem").toString(), "certFile", dir.resolve("sp-cert.pem").toString(),
                    "idpMetadataFile", dir.resolve("idp.xml").toString(), "authnContextClassRef", authnContextClassRef)));
            node = new ProcessBuilder("node", SP_DIR.resolve("sp.mjs").toString(), dir.resolve("sp.json").toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("sp.log").toFile())
                    .start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!listens()) {
                if (!node.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the node-saml SP does not listen on " + port + ":\n" + log());
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The metadata the SP generates itself, as its operator downloads it. */
    public String metadata() {
        HttpResponse<String> metadata = new BrowserlessClient().get(baseUri().resolve("/metadata"));
        if (metadata.statusCode() != 200) {
            throw new IllegalStateException("SP metadata: " + metadata.statusCode() + "\n" + log());
        }
        return metadata.body();
    }

    /** A value the protected page shows (NameID, trust level, …) by its element id; empty on any other page. */
    public static Optional<String> shown(HttpResponse<String> page, String id) {
        Element element = Jsoup.parse(page.body()).getElementById(id);
        return Optional.ofNullable(element).map(Element::text);
    }

    public static boolean isSignedIn(HttpResponse<String> page) {
        return page.statusCode() == 200 && shown(page, "name-id").isPresent();
    }

    /** The SP's output (what it received, what it refused and why), for assertion messages. */
    public String log() {
        try {
            Path log = dir.resolve("sp.log");
            return "== sp.log\n" + (Files.exists(log) ? Files.readString(log) : "");
        } catch (IOException e) {
            return e.toString();
        }
    }

    private boolean listens() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void run(List<String> command) {
        try {
            Process started = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(started.getInputStream().readAllBytes());
            if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
                throw new IllegalStateException(command + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (node == null) {
            return;
        }
        node.destroy();
        try {
            if (!node.waitFor(10, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
