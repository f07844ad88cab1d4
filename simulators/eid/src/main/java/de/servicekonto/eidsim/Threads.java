package de.servicekonto.eidsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Worker threads and last-resort error handling for the two HTTP servers. */
final class Threads {

    /** Enough for a developer's browser and a test suite; the simulator is not built for load. */
    private static final int WORKERS = 8;

    private static final System.Logger LOG = System.getLogger(Threads.class.getName());

    private Threads() {
    }

    /** A fixed pool of daemon threads, so that a forgotten simulator never keeps a test JVM alive. */
    static ExecutorService pool(String name) {
        AtomicInteger counter = new AtomicInteger();
        return Executors.newFixedThreadPool(WORKERS, task -> {
            Thread thread = new Thread(task, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Answers 500 when {@code handler} fails before responding, and always closes the exchange. */
    static HttpHandler guarded(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handle(exchange);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Request to " + exchange.getRequestURI().getPath() + " failed", e);
                answerFailure(exchange);
            } finally {
                exchange.close();
            }
        };
    }

    private static void answerFailure(HttpExchange exchange) {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        try {
            HttpSupport.send(exchange, 500, HttpSupport.TEXT_PLAIN, "500 Internal Server Error\n");
        } catch (Exception e) {
            // The connection is gone; nothing is left to tell the client.
        }
    }
}
