package de.servicekonto.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports, so a test run never collides with ./run.sh or another run on the same machine. Taken below the kernel's
 * ephemeral range (Linux: 32768–60999): a port the kernel handed out for a moment (the old {@code new ServerSocket(0)})
 * is the kind it hands out again to the next outgoing connection, so on a busy machine another process could hold it
 * before Keycloak binds it ("Address already in use"). Checked on all interfaces, as Keycloak's management interface
 * binds {@code 0.0.0.0}.
 */
public final class Ports {

    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;

    private Ports() {
    }

    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port), 1);
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + FIRST + " and " + LAST));
    }
}
