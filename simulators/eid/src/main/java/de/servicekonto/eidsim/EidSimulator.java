package de.servicekonto.eidsim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An eID simulator for development and tests, never for production: a simulated eID-Server (TR-03130-1 SOAP over
 * mutual TLS) for the service provider, and a simulated eID-Client in place of the AusweisApp (TR-03124-1) that
 * identifies with fixed test identities.
 *
 * <p>Tests start it in their own JVM with {@link #start(Settings)}; developers run the jar, see {@link #main}.
 * On start it writes {@value #PROPERTIES_FILE} to its directory, naming both URLs and the service provider's key
 * and trust stores.
 */
public final class EidSimulator implements AutoCloseable {

    public static final String PROPERTIES_FILE = "eid-simulator.properties";
    /** The port the AusweisApp listens on (TR-03124-1); the simulated eID-Client takes it by default on the CLI. */
    public static final int DEFAULT_CLIENT_PORT = 24727;
    public static final int DEFAULT_SERVER_PORT = 24728;

    private final SimulatedEidServer server;
    private final SimulatedEidClient client;
    private final KeyMaterial keys;
    private final Path propertiesFile;
    private final AtomicReference<String> defaultIdentity;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EidSimulator(KeyMaterial keys, SimulatedEidServer server, SimulatedEidClient client, Path propertiesFile,
                         AtomicReference<String> defaultIdentity) {
        this.defaultIdentity = defaultIdentity;
        this.keys = keys;
        this.server = server;
        this.client = client;
        this.propertiesFile = propertiesFile;
    }

    /**
     * Creates or reuses the key material, starts both servers, writes {@value #PROPERTIES_FILE} and prints one
     * ready line to standard output.
     *
     * @throws UncheckedIOException when a port is taken or the directory cannot be written; unchecked so that test
     *                              fixtures can start the simulator without ceremony
     */
    public static EidSimulator start(Settings settings) {
        Objects.requireNonNull(settings, "settings");
        try {
            return startServers(settings);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the eID simulator: " + e.getMessage(), e);
        }
    }

    private static EidSimulator startServers(Settings settings) throws IOException {
        Path directory = settings.directory().toAbsolutePath().normalize();
        InetAddress bindAddress = InetAddress.getByName(settings.bindAddress());
        // Bound to all interfaces, the simulator is still addressed through the loopback address its certificate
        // names.
        String advertisedHost = bindAddress.isAnyLocalAddress() ? "127.0.0.1" : settings.bindAddress();
        KeyMaterial keys = KeyMaterial.loadOrCreate(directory, advertisedHost, settings.clock());
        SessionStore sessions = new SessionStore(settings.clock(), settings.sessionLifetime(),
                settings.maxOpenSessions());

        SimulatedEidServer server = SimulatedEidServer.start(new InetSocketAddress(bindAddress, settings.serverPort()),
                advertisedHost, keys, sessions, settings.clock());
        AtomicReference<String> defaultIdentity = new AtomicReference<>(settings.defaultIdentity());
        SimulatedEidClient client;
        try {
            client = SimulatedEidClient.start(new InetSocketAddress(bindAddress, settings.clientPort()),
                    advertisedHost, keys, defaultIdentity::get, settings.clock());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        EidSimulator simulator = new EidSimulator(keys, server, client, directory.resolve(PROPERTIES_FILE),
                defaultIdentity);
        try {
            simulator.writeProperties();
        } catch (IOException | RuntimeException e) {
            simulator.close();
            throw e;
        }
        System.out.println("eID simulator ready: eID-Server " + simulator.serverUrl() + ", eID-Client "
                + simulator.clientUrl());
        return simulator;
    }

    private void writeProperties() throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.url", serverUrl().toString());
        properties.put("client.url", clientUrl().toString());
        properties.put("sp.keystore", spKeyStore().toString());
        properties.put("sp.keystore.password", spKeyStorePassword());
        properties.put("sp.truststore", spTrustStore().toString());
        properties.put("sp.truststore.password", spTrustStorePassword());
        PrivateFiles.writeProperties(propertiesFile,
                "eID simulator for development and tests; key stores are PKCS12 (never use in production)",
                properties);
    }

    /** The SOAP endpoint for useID and getResult, e.g. {@code https://127.0.0.1:24728/eID}. */
    public URI serverUrl() {
        return server.soapUrl();
    }

    /** The address useID returns as eCardServerAddress, where the eID-Client completes a session. */
    public URI paosUrl() {
        return server.completionUrl();
    }

    /** The eID-Client endpoint, e.g. {@code http://127.0.0.1:24727/eID-Client}. */
    public URI clientUrl() {
        return client.url();
    }

    /** PKCS12 file with the client key and certificate the service provider presents in mutual TLS. */
    public Path spKeyStore() {
        return keys.spKeyStore();
    }

    public String spKeyStorePassword() {
        return keys.spKeyStorePassword();
    }

    /** PKCS12 file with the simulated eID-Server's certificate, for the service provider to trust. */
    public Path spTrustStore() {
        return keys.spTrustStore();
    }

    public String spTrustStorePassword() {
        return keys.spTrustStorePassword();
    }

    /** The properties file written on start. */
    public Path propertiesFile() {
        return propertiesFile;
    }

    /** The identity used when the eID-Client request names none; empty means the choice page is shown. */
    public Optional<String> defaultIdentity() {
        return Optional.ofNullable(defaultIdentity.get());
    }

    /** Switches the identity for later logins; {@code null} shows the choice page again. */
    public void setDefaultIdentity(String identityId) {
        defaultIdentity.set(Settings.checkIdentity(identityId));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        client.close();
        server.close();
    }

    /** Command line entry point; {@code --help} describes the options. */
    public static void main(String[] args) throws InterruptedException {
        Settings settings;
        try {
            Optional<Settings> parsed = CommandLine.parse(args);
            if (parsed.isEmpty()) {
                System.out.print(CommandLine.USAGE);
                return;
            }
            settings = parsed.get();
        } catch (CommandLine.UsageException e) {
            System.err.println("eid-simulator: " + e.getMessage());
            System.err.print(CommandLine.USAGE);
            System.exit(CommandLine.EXIT_USAGE);
            return;
        }
        EidSimulator simulator;
        try {
            simulator = start(settings);
        } catch (RuntimeException e) {
            System.err.println("eid-simulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "eid-simulator-shutdown"));
        stopped.await();
    }

    /** How to start the simulator; build with {@link #builder()}. */
    public static final class Settings {

        private final Path directory;
        private final int serverPort;
        private final int clientPort;
        private final String bindAddress;
        private final String defaultIdentity;
        private final int maxOpenSessions;
        private final Duration sessionLifetime;
        private final Clock clock;

        private Settings(Builder builder) {
            this.directory = Objects.requireNonNull(builder.directory, "directory");
            this.serverPort = checkPort(builder.serverPort);
            this.clientPort = checkPort(builder.clientPort);
            this.bindAddress = Objects.requireNonNull(builder.bindAddress, "bindAddress");
            this.defaultIdentity = checkIdentity(builder.defaultIdentity);
            if (builder.maxOpenSessions < 1) {
                throw new IllegalArgumentException("maxOpenSessions must be at least 1");
            }
            this.maxOpenSessions = builder.maxOpenSessions;
            if (builder.sessionLifetime.isNegative() || builder.sessionLifetime.isZero()) {
                throw new IllegalArgumentException("sessionLifetime must be positive");
            }
            this.sessionLifetime = builder.sessionLifetime;
            this.clock = Objects.requireNonNull(builder.clock, "clock");
        }

        public static Builder builder() {
            return new Builder();
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return port;
        }

        static String checkIdentity(String identityId) {
            if (identityId != null && !Identities.exists(identityId)) {
                throw new IllegalArgumentException("unknown identity: " + identityId);
            }
            return identityId;
        }

        public Path directory() {
            return directory;
        }

        public int serverPort() {
            return serverPort;
        }

        public int clientPort() {
            return clientPort;
        }

        public String bindAddress() {
            return bindAddress;
        }

        /** The default identity, or {@code null} for the choice page. */
        public String defaultIdentity() {
            return defaultIdentity;
        }

        public int maxOpenSessions() {
            return maxOpenSessions;
        }

        public Duration sessionLifetime() {
            return sessionLifetime;
        }

        public Clock clock() {
            return clock;
        }

        public static final class Builder {

            private Path directory;
            private int serverPort;
            private int clientPort;
            private String bindAddress = "127.0.0.1";
            private String defaultIdentity;
            private int maxOpenSessions = 200;
            private Duration sessionLifetime = Duration.ofMinutes(10);
            private Clock clock = Clock.systemUTC();

            private Builder() {
            }

            /** Where the key material and {@value EidSimulator#PROPERTIES_FILE} are written and reused. Required. */
            public Builder directory(Path directory) {
                this.directory = directory;
                return this;
            }

            /** The eID-Server's port; 0, the default, picks a free one. */
            public Builder serverPort(int serverPort) {
                this.serverPort = serverPort;
                return this;
            }

            /** The eID-Client's port; 0, the default, picks a free one. */
            public Builder clientPort(int clientPort) {
                this.clientPort = clientPort;
                return this;
            }

            /** The address both servers listen on; {@code 127.0.0.1} by default. */
            public Builder bindAddress(String bindAddress) {
                this.bindAddress = bindAddress;
                return this;
            }

            /** The identity used when the eID-Client request names none; {@code null} shows the choice page. */
            public Builder defaultIdentity(String defaultIdentity) {
                this.defaultIdentity = defaultIdentity;
                return this;
            }

            /** With this many sessions open, useID answers tooManyOpenSessions; 200 by default. */
            public Builder maxOpenSessions(int maxOpenSessions) {
                this.maxOpenSessions = maxOpenSessions;
                return this;
            }

            /** How long a session lives after useID; 10 minutes by default. */
            public Builder sessionLifetime(Duration sessionLifetime) {
                this.sessionLifetime = Objects.requireNonNull(sessionLifetime, "sessionLifetime");
                return this;
            }

            /** The clock for session expiry, certificate validity, ages and document expiry. */
            public Builder clock(Clock clock) {
                this.clock = clock;
                return this;
            }

            public Settings build() {
                return new Settings(this);
            }
        }
    }
}
