package de.servicekonto.eidsim;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The simulator's TLS keys: the eID-Server's key and certificate, the service provider's client key and
 * certificate for mutual TLS, and a trust store for the service provider holding the server certificate. All three
 * are PKCS12 files in the simulator's directory, protected by random passwords kept in an owner-only file. They are
 * reused as long as they stay valid, so a service provider configured once keeps working across restarts.
 */
final class KeyMaterial {

    static final String SERVER_KEY_STORE = "eid-server.p12";
    static final String SP_KEY_STORE = "sp-client.p12";
    static final String SP_TRUST_STORE = "sp-truststore.p12";
    static final String PASSWORDS = "key-material.properties";

    private static final String SERVER_ALIAS = "eid-server";
    private static final String SP_ALIAS = "sp-client";
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Duration VALIDITY = Duration.ofDays(2 * 365);
    /** Material that would expire within this margin is replaced rather than reused. */
    private static final Duration RENEWAL_MARGIN = Duration.ofDays(1);
    private static final int PASSWORD_BYTES = 24;

    private static final System.Logger LOG = System.getLogger(KeyMaterial.class.getName());

    private final PrivateKey serverKey;
    private final X509Certificate serverCertificate;
    private final X509Certificate spCertificate;
    private final Path spKeyStore;
    private final String spKeyStorePassword;
    private final Path spTrustStore;
    private final String spTrustStorePassword;

    private KeyMaterial(PrivateKey serverKey, X509Certificate serverCertificate, X509Certificate spCertificate,
                        Path spKeyStore, String spKeyStorePassword, Path spTrustStore, String spTrustStorePassword) {
        this.serverKey = serverKey;
        this.serverCertificate = serverCertificate;
        this.spCertificate = spCertificate;
        this.spKeyStore = spKeyStore;
        this.spKeyStorePassword = spKeyStorePassword;
        this.spTrustStore = spTrustStore;
        this.spTrustStorePassword = spTrustStorePassword;
    }

    /**
     * Reuses the key material in {@code directory} if it is complete, readable, valid for at least another day and
     * its server certificate names {@code serverHost}; otherwise generates new material and writes it there.
     */
    static KeyMaterial loadOrCreate(Path directory, String serverHost, Clock clock) throws IOException {
        PrivateFiles.createDirectory(directory);
        Instant now = clock.instant();
        try {
            KeyMaterial existing = load(directory);
            if (existing != null && existing.usableFor(serverHost, now)) {
                return existing;
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "Replacing unreadable key material in {0}: {1}", directory,
                    e.toString());
        }
        try {
            return generate(directory, serverHost, now);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("could not generate key material", e);
        }
    }

    private static KeyMaterial load(Path directory) throws IOException, GeneralSecurityException {
        Path passwordFile = directory.resolve(PASSWORDS);
        if (!Files.isRegularFile(passwordFile)) {
            return null;
        }
        Properties passwords = new Properties();
        try (Reader reader = Files.newBufferedReader(passwordFile, StandardCharsets.ISO_8859_1)) {
            passwords.load(reader);
        }
        String serverPassword = required(passwords, "server.keystore.password");
        String spPassword = required(passwords, "sp.keystore.password");
        String trustPassword = required(passwords, "sp.truststore.password");

        KeyStore serverStore = read(directory.resolve(SERVER_KEY_STORE), serverPassword);
        KeyStore spStore = read(directory.resolve(SP_KEY_STORE), spPassword);
        KeyStore trustStore = read(directory.resolve(SP_TRUST_STORE), trustPassword);

        PrivateKey serverKey = (PrivateKey) serverStore.getKey(SERVER_ALIAS, serverPassword.toCharArray());
        X509Certificate serverCertificate = (X509Certificate) serverStore.getCertificate(SERVER_ALIAS);
        X509Certificate spCertificate = (X509Certificate) spStore.getCertificate(SP_ALIAS);
        boolean spKeyPresent = spStore.getKey(SP_ALIAS, spPassword.toCharArray()) != null;
        boolean serverTrusted = serverCertificate != null
                && serverCertificate.equals(trustStore.getCertificate(SERVER_ALIAS));
        if (serverKey == null || spCertificate == null || !spKeyPresent || !serverTrusted) {
            return null;
        }
        return new KeyMaterial(serverKey, serverCertificate, spCertificate, directory.resolve(SP_KEY_STORE),
                spPassword, directory.resolve(SP_TRUST_STORE), trustPassword);
    }

    private static String required(Properties properties, String key) throws IOException {
        String value = properties.getProperty(key);
        if (value == null || value.isEmpty()) {
            throw new IOException(PASSWORDS + " lacks " + key);
        }
        return value;
    }

    private static KeyStore read(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private boolean usableFor(String serverHost, Instant now) throws CertificateException {
        Date renewalDeadline = Date.from(now.plus(RENEWAL_MARGIN));
        for (X509Certificate certificate : List.of(serverCertificate, spCertificate)) {
            if (certificate.getNotAfter().before(renewalDeadline)
                    || certificate.getNotBefore().after(Date.from(now))) {
                return false;
            }
        }
        return names(serverCertificate, serverHost);
    }

    /** Whether the certificate's subject alternative names cover {@code host} (a DNS name or an IP literal). */
    private static boolean names(X509Certificate certificate, String host) throws CertificateException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return false;
        }
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = (String) name.get(1);
            if (type == GeneralName.dNSName && value.equalsIgnoreCase(host)) {
                return true;
            }
            if (type == GeneralName.iPAddress && isIpLiteral(host) && sameAddress(value, host)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String first, String second) {
        try {
            // Both are literals, so no name lookup happens; this only normalises notations such as ::1.
            return InetAddress.getByName(first).equals(InetAddress.getByName(second));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static boolean isIpLiteral(String host) {
        return host.contains(":") || (!host.isEmpty() && host.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }

    private static KeyMaterial generate(Path directory, String serverHost, Instant now)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        SecureRandom random = new SecureRandom();
        KeyPair serverKeys = newKeyPair(random);
        KeyPair spKeys = newKeyPair(random);
        X509Certificate serverCertificate = selfSigned(serverKeys, "CN=localhost, O=Servicekonto eID simulator",
                KeyPurposeId.id_kp_serverAuth, serverNames(serverHost), now, random);
        X509Certificate spCertificate = selfSigned(spKeys, "CN=Servicekonto eID simulator client",
                KeyPurposeId.id_kp_clientAuth, null, now, random);

        String serverPassword = newPassword(random);
        String spPassword = newPassword(random);
        String trustPassword = newPassword(random);

        KeyStore serverStore = emptyStore();
        serverStore.setKeyEntry(SERVER_ALIAS, serverKeys.getPrivate(), serverPassword.toCharArray(),
                new Certificate[] {serverCertificate});
        KeyStore spStore = emptyStore();
        spStore.setKeyEntry(SP_ALIAS, spKeys.getPrivate(), spPassword.toCharArray(),
                new Certificate[] {spCertificate});
        KeyStore trustStore = emptyStore();
        trustStore.setCertificateEntry(SERVER_ALIAS, serverCertificate);

        // Stores first, passwords last: an interrupted run leaves passwords that do not open the stores, which
        // the next start detects and repairs.
        PrivateFiles.write(directory.resolve(SERVER_KEY_STORE), serialize(serverStore, serverPassword));
        PrivateFiles.write(directory.resolve(SP_KEY_STORE), serialize(spStore, spPassword));
        PrivateFiles.write(directory.resolve(SP_TRUST_STORE), serialize(trustStore, trustPassword));
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put("server.keystore.password", serverPassword);
        passwords.put("sp.keystore.password", spPassword);
        passwords.put("sp.truststore.password", trustPassword);
        PrivateFiles.writeProperties(directory.resolve(PASSWORDS),
                "Passwords of the eID simulator's key stores (test material, never use in production)", passwords);

        return new KeyMaterial(serverKeys.getPrivate(), serverCertificate, spCertificate,
                directory.resolve(SP_KEY_STORE), spPassword, directory.resolve(SP_TRUST_STORE), trustPassword);
    }

    private static KeyPair newKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static GeneralNames serverNames(String serverHost) {
        List<GeneralName> names = new ArrayList<>(List.of(
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1")));
        if (!List.of("localhost", "127.0.0.1", "::1").contains(serverHost)) {
            names.add(new GeneralName(isIpLiteral(serverHost) ? GeneralName.iPAddress : GeneralName.dNSName,
                    serverHost));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static X509Certificate selfSigned(KeyPair keys, String subject, KeyPurposeId purpose,
                                              GeneralNames alternativeNames, Instant now, SecureRandom random)
            throws GeneralSecurityException, OperatorCreationException, CertIOException {
        X500Name name = new X500Name(subject);
        // Starts a little in the past so that a clock slightly behind ours still accepts the certificate.
        Instant notBefore = now.minus(Duration.ofHours(1));
        BigInteger serial = new BigInteger(127, random).setBit(0);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial, Date.from(notBefore),
                Date.from(now.plus(VALIDITY)), name, keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(keys.getPublic()));
        if (alternativeNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
        }
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(keys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static String newPassword(SecureRandom random) {
        byte[] bytes = new byte[PASSWORD_BYTES];
        random.nextBytes(bytes);
        // 24 random bytes give 32 characters from the URL-safe alphabet, harmless in properties files and shells.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static byte[] serialize(KeyStore store, String password) throws GeneralSecurityException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }

    /**
     * TLS for the simulated eID-Server. Any client certificate passes the handshake (TLS still proves the client
     * holds its key); the SOAP endpoint then admits only the service provider's certificate and answers others
     * with 403, which is easier to diagnose than a failed handshake.
     */
    SSLContext serverContext() throws GeneralSecurityException, IOException {
        char[] password = new char[0];
        KeyStore store = emptyStore();
        store.setKeyEntry(SERVER_ALIAS, serverKey, password, new Certificate[] {serverCertificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), new X509TrustManager[] {new AnyClientCertificate(spCertificate)},
                null);
        return context;
    }

    /** TLS for clients that talk to the simulated eID-Server and trust nothing but its certificate. */
    SSLContext trustingServerOnly() throws GeneralSecurityException, IOException {
        KeyStore store = emptyStore();
        store.setCertificateEntry(SERVER_ALIAS, serverCertificate);
        return clientContext(store);
    }

    /** TLS for clients that trust the simulated eID-Server and everything the Java runtime trusts by default. */
    SSLContext trustingServerAndDefaults() throws GeneralSecurityException, IOException {
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        KeyStore store = emptyStore();
        int index = 0;
        for (var trustManager : defaults.getTrustManagers()) {
            if (trustManager instanceof X509TrustManager x509) {
                for (X509Certificate anchor : x509.getAcceptedIssuers()) {
                    store.setCertificateEntry("default-" + index++, anchor);
                }
            }
        }
        store.setCertificateEntry(SERVER_ALIAS, serverCertificate);
        return clientContext(store);
    }

    private static SSLContext clientContext(KeyStore trusted) throws GeneralSecurityException {
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    X509Certificate serverCertificate() {
        return serverCertificate;
    }

    X509Certificate spCertificate() {
        return spCertificate;
    }

    Path spKeyStore() {
        return spKeyStore;
    }

    String spKeyStorePassword() {
        return spKeyStorePassword;
    }

    Path spTrustStore() {
        return spTrustStore;
    }

    String spTrustStorePassword() {
        return spTrustStorePassword;
    }

    /**
     * Lets every client certificate through the handshake if it is currently valid, and names the service
     * provider's certificate as the one wanted, so clients offer it. The authorisation is the endpoint's
     * comparison with the expected certificate.
     */
    private static final class AnyClientCertificate extends X509ExtendedTrustManager {

        private final X509Certificate wanted;

        private AnyClientCertificate(X509Certificate wanted) {
            this.wanted = wanted;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("empty client certificate chain");
            }
            chain[0].checkValidity();
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this trust manager only judges client certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {wanted};
        }
    }
}
