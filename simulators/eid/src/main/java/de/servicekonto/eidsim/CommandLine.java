package de.servicekonto.eidsim;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Parses the simulator's command line into {@link EidSimulator.Settings}. */
final class CommandLine {

    static final int EXIT_USAGE = 2;

    private static final List<String> OPTIONS = List.of("--dir", "--server-port", "--client-port", "--bind",
            "--identity");

    static final String USAGE = """
            Usage: java -jar servicekonto-eid-simulator.jar --dir DIR [options]

            eID simulator for development and tests (never for production): a simulated eID-Server
            (BSI TR-03130, SOAP over mutual TLS) and a simulated eID-Client (BSI TR-03124) with test identities.

              --dir DIR            where key material and eid-simulator.properties are written and reused (required)
              --server-port PORT   port of the eID-Server (default 24728; 0 picks a free port)
              --client-port PORT   port of the eID-Client (default 24727; 0 picks a free port)
              --bind ADDRESS       address both listen on (default 127.0.0.1)
              --identity ID        identity to present without asking, or "choose" for a choice page (default)
              --help               show this text

            Identities: %s
            """.formatted(identityIds());

    private CommandLine() {
    }

    /** A command line that cannot be followed; the message says why. */
    static final class UsageException extends Exception {

        UsageException(String message) {
            super(message);
        }
    }

    /** The settings, or empty when help was asked for. */
    static Optional<EidSimulator.Settings> parse(String[] args) throws UsageException {
        EidSimulator.Settings.Builder builder = EidSimulator.Settings.builder()
                .serverPort(EidSimulator.DEFAULT_SERVER_PORT)
                .clientPort(EidSimulator.DEFAULT_CLIENT_PORT);
        boolean directoryGiven = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            String value = null;
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                value = option.substring(equals + 1);
                option = option.substring(0, equals);
            }
            if (option.equals("--help") || option.equals("-h")) {
                return Optional.empty();
            }
            if (!OPTIONS.contains(option)) {
                throw new UsageException("unknown option " + option);
            }
            if (!seen.add(option)) {
                throw new UsageException(option + " given more than once");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(option + " needs a value");
                }
                value = args[++i];
            }
            switch (option) {
                case "--dir" -> {
                    if (value.isBlank()) {
                        throw new UsageException("--dir needs a directory");
                    }
                    builder.directory(Path.of(value));
                    directoryGiven = true;
                }
                case "--server-port" -> builder.serverPort(port(option, value));
                case "--client-port" -> builder.clientPort(port(option, value));
                case "--bind" -> {
                    if (value.isBlank()) {
                        throw new UsageException("--bind needs an address");
                    }
                    builder.bindAddress(value);
                }
                case "--identity" -> builder.defaultIdentity(identity(value));
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if (!directoryGiven) {
            throw new UsageException("--dir is required");
        }
        return Optional.of(builder.build());
    }

    private static int port(String option, String value) throws UsageException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a port number from 0 to 65535, not " + value);
    }

    private static String identity(String value) throws UsageException {
        if (value.equals("choose")) {
            return null;
        }
        if (!Identities.exists(value)) {
            throw new UsageException("unknown identity " + value + "; known: " + identityIds() + ", choose");
        }
        return value;
    }

    private static String identityIds() {
        return Identities.all(LocalDate.now(Identities.GERMAN_TIME)).stream()
                .map(Identity::id)
                .collect(Collectors.joining(", "));
    }
}
