package de.servicekonto.eid.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach one eID-Server.
 *
 * @param endpoint           the SOAP endpoint; must be https
 * @param clientKeys         the service's TLS client key and certificate chain (mutual TLS); must hold a private key.
 *                           Key stores are mutable: do not change this one after handing it over.
 * @param clientKeyPassword  the password of the private key(s) in {@code clientKeys} (a copy is kept; may be empty)
 * @param trustStore         the certificates trusted for the eID-Server's TLS certificate (its CA or the certificate
 *                           itself); required and holding at least one certificate. The JVM's default trust store is
 *                           never used: public CAs must not be able to vouch for the eID-Server.
 * @param connectTimeout     how long to wait for the TCP connection; null for {@link #DEFAULT_CONNECT_TIMEOUT}
 * @param requestTimeout     how long the whole exchange may take, from sending the request to the last byte of the
 *                           answer; null for {@link #DEFAULT_REQUEST_TIMEOUT}
 */
public record EidServerSettings(URI endpoint, KeyStore clientKeys, char[] clientKeyPassword, KeyStore trustStore,
                                Duration connectTimeout, Duration requestTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

    public EidServerSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!"https".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("the eID-Server endpoint must be an https URI with a host");
        }
        if (endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the eID-Server endpoint must not contain user information");
        }
        if (clientKeys == null) {
            throw new IllegalArgumentException("a client key store is required (the eID-Server needs mutual TLS)");
        }
        if (!hasPrivateKey(clientKeys)) {
            throw new IllegalArgumentException("the client key store holds no private key");
        }
        if (clientKeyPassword == null) {
            throw new IllegalArgumentException("clientKeyPassword is required (may be empty)");
        }
        if (trustStore == null) {
            throw new IllegalArgumentException("a trust store with the eID-Server's CA or certificate is required "
                    + "(the JVM's default trust store is never used for the eID-Server)");
        }
        if (!hasCertificate(trustStore)) {
            throw new IllegalArgumentException("the trust store holds no trusted certificate");
        }
        clientKeyPassword = clientKeyPassword.clone();
        connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connectTimeout");
        requestTimeout = positive(requestTimeout, DEFAULT_REQUEST_TIMEOUT, "requestTimeout");
    }

    /** Settings with the default timeouts. */
    public EidServerSettings(URI endpoint, KeyStore clientKeys, char[] clientKeyPassword, KeyStore trustStore) {
        this(endpoint, clientKeys, clientKeyPassword, trustStore, null, null);
    }

    /** Settings with the default timeouts; the same as the four-argument constructor. */
    public static EidServerSettings of(URI endpoint, KeyStore clientKeys, char[] clientKeyPassword,
                                       KeyStore trustStore) {
        return new EidServerSettings(endpoint, clientKeys, clientKeyPassword, trustStore);
    }

    /** A copy of the key password. */
    @Override
    public char[] clientKeyPassword() {
        return clientKeyPassword.clone();
    }

    /** The same settings with other timeouts (null for the defaults). */
    public EidServerSettings withTimeouts(Duration connect, Duration request) {
        return new EidServerSettings(endpoint, clientKeys, clientKeyPassword, trustStore, connect, request);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EidServerSettings that
                && endpoint.equals(that.endpoint)
                && clientKeys == that.clientKeys
                && Arrays.equals(clientKeyPassword, that.clientKeyPassword)
                && trustStore == that.trustStore
                && connectTimeout.equals(that.connectTimeout)
                && requestTimeout.equals(that.requestTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpoint, System.identityHashCode(clientKeys), Arrays.hashCode(clientKeyPassword),
                System.identityHashCode(trustStore), connectTimeout, requestTimeout);
    }

    /** Leaves out the password. */
    @Override
    public String toString() {
        return "EidServerSettings[endpoint=" + endpoint + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }

    /**
     * Loads a key or trust store from a file.
     *
     * @param type      {@code PKCS12} (the default when null or blank) or {@code JKS}
     * @param password  the store's password; null skips the integrity check (only sensible for trust stores)
     * @throws IllegalArgumentException if the file is missing or unreadable, the type unknown, or the password wrong
     */
    public static KeyStore loadKeyStore(Path file, String type, char[] password) {
        Objects.requireNonNull(file, "file");
        String storeType = type == null || type.isBlank() ? "PKCS12" : type.trim().toUpperCase(Locale.ROOT);
        if (!storeType.equals("PKCS12") && !storeType.equals("JKS")) {
            throw new IllegalArgumentException("unsupported key store type " + storeType + " (PKCS12 or JKS)");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance(storeType);
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the JVM does not support " + storeType + " key stores", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("key store file not found: " + file, e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException("wrong password for key store " + file, e);
            }
            throw new IllegalArgumentException("cannot read key store " + file
                    + " (wrong password, wrong type " + storeType + ", or not a key store)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read key store " + file, e);
        }
    }

    private static boolean hasPrivateKey(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                    return true;
                }
            }
            return false;
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("the client key store is not loaded", e);
        }
    }

    private static boolean hasCertificate(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.entryInstanceOf(alias, KeyStore.TrustedCertificateEntry.class)) {
                    return true;
                }
            }
            return false;
        } catch (KeyStoreException e) {
            throw new IllegalArgumentException("the trust store is not loaded", e);
        }
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }
}
