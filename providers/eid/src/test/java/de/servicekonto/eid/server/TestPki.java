package de.servicekonto.eid.server;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed test certificates (no CA), made with BouncyCastle and the JDK's EC keys. */
final class TestPki {

    static final char[] PASSWORD = "changeit".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair with its self-signed certificate. */
    record Identity(KeyPair keys, X509Certificate certificate) {

        /** A PKCS#12 store holding this key under {@link #PASSWORD}. */
        KeyStore keyStore() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("key", keys.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
            return store;
        }

        /** A PKCS#12 store trusting only this certificate. */
        KeyStore trustStore() throws Exception {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("trusted", certificate);
            return store;
        }
    }

    private TestPki() {
    }

    /** A TLS server certificate for 127.0.0.1 (IP address in the subject alternative name). */
    static Identity server() throws Exception {
        return create("CN=eID-Server test", new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                KeyPurposeId.id_kp_serverAuth);
    }

    /** A TLS server certificate that names another host only. */
    static Identity serverFor(String dnsName) throws Exception {
        return create("CN=" + dnsName, new GeneralName(GeneralName.dNSName, dnsName), KeyPurposeId.id_kp_serverAuth);
    }

    /** A TLS client certificate. */
    static Identity client(String name) throws Exception {
        return create("CN=" + name, null, KeyPurposeId.id_kp_clientAuth);
    }

    private static Identity create(String subject, GeneralName alternativeName, KeyPurposeId purpose)
            throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (alternativeName != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeName));
        }
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        return new Identity(keys, certificate);
    }
}
