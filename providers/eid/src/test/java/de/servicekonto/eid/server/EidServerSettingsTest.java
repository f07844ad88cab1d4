package de.servicekonto.eid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EidServerSettingsTest {

    private static final URI ENDPOINT = URI.create("https://eid.example.org/eid");
    private static TestPki.Identity client;
    private static KeyStore trust;

    @TempDir
    Path directory;

    @BeforeAll
    static void createKey() throws Exception {
        client = TestPki.client("settings test");
        trust = TestPki.server().trustStore();
    }

    @Test
    void givenOnlyRequiredValuesThenDefaultsApply() throws Exception {
        EidServerSettings settings = EidServerSettings.of(ENDPOINT, client.keyStore(), TestPki.PASSWORD, trust);

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.trustStore()).isSameAs(trust);
    }

    @Test
    void givenNoTrustStoreOrOneWithoutCertificatesThenRefusedAndNeverTheJvmDefault() throws Exception {
        KeyStore keys = client.keyStore();
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);

        assertThatThrownBy(() -> EidServerSettings.of(ENDPOINT, keys, TestPki.PASSWORD, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trust store").hasMessageContaining("never used");
        assertThatThrownBy(() -> EidServerSettings.of(ENDPOINT, keys, TestPki.PASSWORD, empty))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no trusted certificate");
        // A key entry is not a trusted certificate.
        assertThatThrownBy(() -> EidServerSettings.of(ENDPOINT, keys, TestPki.PASSWORD, keys))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no trusted certificate");
    }

    @Test
    void givenPasswordThenItIsCopiedAndNotPrinted() throws Exception {
        char[] password = "geheim-1234".toCharArray();
        EidServerSettings settings = new EidServerSettings(ENDPOINT, client.keyStore(), password, trust);

        password[0] = 'X';
        settings.clientKeyPassword()[1] = 'X';

        assertThat(settings.clientKeyPassword()).containsExactly("geheim-1234".toCharArray());
        assertThat(settings.toString()).doesNotContain("geheim");
    }

    @Test
    void givenInvalidSettingsThenRejected() throws Exception {
        KeyStore keys = client.keyStore();
        char[] password = TestPki.PASSWORD;
        assertThatThrownBy(() -> new EidServerSettings(URI.create("http://eid.example.org/eid"), keys, password, trust))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> new EidServerSettings(URI.create("https://user:pw@eid.example.org/"), keys, password,
                trust)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EidServerSettings(ENDPOINT, null, password, trust))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mutual TLS");
        assertThatThrownBy(() -> new EidServerSettings(ENDPOINT, client.trustStore(), password, trust))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private key");
        assertThatThrownBy(() -> new EidServerSettings(ENDPOINT, KeyStore.getInstance("PKCS12"), password, trust))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EidServerSettings(ENDPOINT, keys, null, trust))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EidServerSettings(ENDPOINT, keys, password, trust, Duration.ZERO, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EidServerSettings(ENDPOINT, keys, password, trust, null, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenPkcs12FileThenItIsLoadedByDefault() throws Exception {
        Path file = write(client.keyStore(), "client.p12");

        KeyStore loaded = EidServerSettings.loadKeyStore(file, null, TestPki.PASSWORD);

        assertThat(loaded.getType()).isEqualToIgnoringCase("PKCS12");
        assertThat((X509Certificate) loaded.getCertificate("key")).isEqualTo(client.certificate());
        assertThat(new EidServerSettings(ENDPOINT, loaded, TestPki.PASSWORD, trust).clientKeys()).isSameAs(loaded);
    }

    @Test
    void givenJksFileThenItIsLoaded() throws Exception {
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setKeyEntry("key", client.keys().getPrivate(), TestPki.PASSWORD,
                new X509Certificate[] {client.certificate()});
        Path file = write(jks, "client.jks");

        KeyStore loaded = EidServerSettings.loadKeyStore(file, "jks", TestPki.PASSWORD);

        assertThat(loaded.getType()).isEqualToIgnoringCase("JKS");
        assertThat(loaded.isKeyEntry("key")).isTrue();
    }

    @Test
    void givenWrongPasswordThenClearError() throws Exception {
        Path file = write(client.keyStore(), "client.p12");

        assertThatThrownBy(() -> EidServerSettings.loadKeyStore(file, "PKCS12", "wrong".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password")
                .hasMessageNotContaining("wrong".repeat(2))
                .hasMessageNotContaining(new String(TestPki.PASSWORD));
    }

    @Test
    void givenMissingFileThenClearError() {
        Path missing = directory.resolve("nowhere.p12");

        assertThatThrownBy(() -> EidServerSettings.loadKeyStore(missing, null, TestPki.PASSWORD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not found")
                .hasMessageContaining("nowhere.p12");
    }

    @Test
    void givenUnknownTypeOrNoKeyStoreThenRejected() throws Exception {
        Path text = Files.writeString(directory.resolve("notes.txt"), "not a key store");

        assertThatThrownBy(() -> EidServerSettings.loadKeyStore(text, "PEM", TestPki.PASSWORD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PEM");
        assertThatThrownBy(() -> EidServerSettings.loadKeyStore(text, "PKCS12", TestPki.PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Path write(KeyStore store, String name) throws Exception {
        Path file = directory.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, TestPki.PASSWORD);
        }
        return file;
    }
}
