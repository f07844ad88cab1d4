package de.servicekonto.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authorities of the test run, made afresh at every start (no key material in the repository): the
 * CA the realm trusts ({@link #ISSUER}), which signs the server's TLS certificate and the citizens' certificates and
 * publishes its CRL over HTTP as a CA does; and a second CA that the server's TLS truststore holds but the realm does
 * not trust. One certificate of the trusted CA is revoked from the start: Keycloak keeps a fetched CRL until its next
 * update, so a revocation must be on the first CRL it reads.
 */
public final class TestCa implements AutoCloseable {

    /** The issuer the realm trusts (setting sk.certificate.trusted-issuers). */
    public static final String ISSUER = "CN=Servicekonto Test-CA,O=Servicekonto IT,C=DE";
    static final String OTHER_ISSUER = "CN=Andere Test-CA,O=Servicekonto IT,C=DE";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A citizen's certificate with its private key, as a key file (ELSTER: .pfx) holds them. */
    public record ClientCertificate(PrivateKey key, X509Certificate certificate) {
    }

    private final Authority trusted;
    private final Authority other;
    private final ClientCertificate revoked;
    private final HttpServer crlServer;
    private final Path truststore;
    private final Path serverCertificate;
    private final Path serverKey;

    private TestCa(Authority trusted, Authority other, ClientCertificate revoked, HttpServer crlServer, Path truststore,
                   Path serverCertificate, Path serverKey) {
        this.trusted = trusted;
        this.other = other;
        this.revoked = revoked;
        this.crlServer = crlServer;
        this.truststore = truststore;
        this.serverCertificate = serverCertificate;
        this.serverKey = serverKey;
    }

    /** Makes both CAs, the server's certificate for 127.0.0.1 and localhost, and starts publishing the CRL. */
    public static TestCa create(Path dir) {
        try {
            Files.createDirectories(dir);
            Authority trusted = Authority.create(ISSUER);
            Authority other = Authority.create(OTHER_ISSUER);
            KeyPair serverKeys = keyPair();
            X509Certificate server = trusted.sign("CN=127.0.0.1,O=Servicekonto IT,C=DE", serverKeys, KeyPurposeId.id_kp_serverAuth,
                    new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}));
            KeyPair revokedKeys = keyPair();
            ClientCertificate revoked = new ClientCertificate(revokedKeys.getPrivate(),
                    trusted.sign("CN=Gesperrt Zertifikat,O=Servicekonto IT,C=DE", revokedKeys, KeyPurposeId.id_kp_clientAuth, null));
            byte[] crl = trusted.crl(List.of(revoked.certificate().getSerialNumber()));

            HttpServer crlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            crlServer.createContext("/test-ca.crl", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, crl.length);
                exchange.getResponseBody().write(crl);
                exchange.close();
            });
            crlServer.start();

            Path truststore = dir.resolve("truststore.pem");
            Files.writeString(truststore, pem("CERTIFICATE", trusted.certificate.getEncoded())
                    + pem("CERTIFICATE", other.certificate.getEncoded()));
            Path serverCertificate = dir.resolve("server.crt");
            Files.writeString(serverCertificate, pem("CERTIFICATE", server.getEncoded()));
            Path serverKey = dir.resolve("server.key");
            Files.writeString(serverKey, pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
            return new TestCa(trusted, other, revoked, crlServer, truststore, serverCertificate, serverKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new certificate of the trusted CA for a citizen or an organisation. */
    public ClientCertificate issue(String commonName) {
        return trusted.issue(commonName);
    }

    /** A certificate of the CA the server's TLS accepts but the realm does not trust. */
    public ClientCertificate issueByUntrustedCa(String commonName) {
        return other.issue(commonName);
    }

    /** The certificate on the CA's revocation list. */
    public ClientCertificate revoked() {
        return revoked;
    }

    public URI crlUri() {
        return URI.create("http://127.0.0.1:" + crlServer.getAddress().getPort() + "/test-ca.crl");
    }

    public Path truststore() {
        return truststore;
    }

    public Path serverCertificate() {
        return serverCertificate;
    }

    public Path serverKey() {
        return serverKey;
    }

    /**
     * TLS for a browser: trusts the server's certificate and, when {@code client} is given, presents it when the
     * server asks (Keycloak with {@code --https-client-auth=request}).
     */
    public SSLContext tls(ClientCertificate client) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("test-ca", trusted.certificate);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (client != null) {
                char[] password = "test".toCharArray();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("citizen", client.key(), password, new X509Certificate[] {client.certificate()});
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, password);
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), RANDOM);
            return tls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        crlServer.stop(0);
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** One CA: its key, its self-signed certificate, what it signs. */
    private static final class Authority {

        private final KeyPair keys;
        private final X509Certificate certificate;
        private final X500Name name;

        private Authority(KeyPair keys, X509Certificate certificate, X500Name name) {
            this.keys = keys;
            this.certificate = certificate;
            this.name = name;
        }

        static Authority create(String name) throws GeneralSecurityException, OperatorCreationException, IOException {
            KeyPair keys = keyPair();
            // As Java reads the name (RFC 2253 order), so it equals the realm's trusted-issuer setting.
            X500Name subject = x500(name);
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer(keys.getPrivate())));
            return new Authority(keys, certificate, subject);
        }

        ClientCertificate issue(String commonName) {
            try {
                KeyPair keys = keyPair();
                return new ClientCertificate(keys.getPrivate(), sign("CN=" + commonName + ",O=Servicekonto IT,C=DE", keys,
                        KeyPurposeId.id_kp_clientAuth, null));
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        X509Certificate sign(String subject, KeyPair subjectKeys, KeyPurposeId purpose, GeneralNames altNames)
                throws GeneralSecurityException, OperatorCreationException, IOException {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), x500(subject),
                    subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (altNames != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, altNames);
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(keys.getPrivate())));
        }

        byte[] crl(List<BigInteger> revoked) throws OperatorCreationException, IOException {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(name, Date.from(now.minus(Duration.ofMinutes(5))));
            builder.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
            for (BigInteger serial : revoked) {
                builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(5))), CRLReason.keyCompromise);
            }
            return builder.build(signer(keys.getPrivate())).getEncoded();
        }

        private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        }

        private static X500Name x500(String name) {
            return X500Name.getInstance(new javax.security.auth.x500.X500Principal(name).getEncoded());
        }

        private static BigInteger serial() {
            return new BigInteger(64, RANDOM).add(BigInteger.ONE);
        }
    }
}
