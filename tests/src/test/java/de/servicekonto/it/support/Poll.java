package de.servicekonto.it.support;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Waiting for what the server does after a request (e-mails after the commit, scheduled tasks). */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Poll() {
    }

    /**
     * Reads {@code probe} until {@code done} holds or {@code timeout} has passed, and returns the last value read: the
     * caller asserts on it, so a timeout fails with the value the server last showed.
     */
    public static <T> T until(Duration timeout, Callable<T> probe, Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        T value = probe.call();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(INTERVAL.toMillis());
            value = probe.call();
        }
        return value;
    }
}
