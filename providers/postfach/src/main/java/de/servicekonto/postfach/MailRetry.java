package de.servicekonto.postfach;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * When to try a Postfach e-mail again after the mail server did not accept it: after {@code firstDelay}, then four
 * times as long each time, at most a day between two attempts, {@code maxAttempts} attempts in all (the defaults,
 * one minute and ten attempts, spread them over about four days). A notice whose e-mail never went out shows no
 * {@code notifiedAt}; the authority sees that and informs the recipient another way.
 */
public record MailRetry(Duration firstDelay, int maxAttempts) {

    public static final Duration DEFAULT_FIRST_DELAY = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_ATTEMPTS = 10;
    /** If the attempt right after sending never reports back (the node stopped), the retry task takes over then. */
    public static final Duration UNREPORTED_ATTEMPT = Duration.ofMinutes(10);
    private static final Duration MAX_DELAY = Duration.ofDays(1);

    public MailRetry {
        if (firstDelay.isNegative() || firstDelay.isZero() || maxAttempts < 1) {
            throw new IllegalArgumentException("first delay must be positive and at least one attempt allowed");
        }
    }

    public static MailRetry defaults() {
        return new MailRetry(DEFAULT_FIRST_DELAY, DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * After {@code failedAttempts} failed attempts (at least one), at {@code now}: when to try next, or empty if
     * that was the last attempt allowed.
     */
    public OptionalLong next(int failedAttempts, long now) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1");
        }
        if (failedAttempts >= maxAttempts) {
            return OptionalLong.empty();
        }
        long delay = firstDelay.toMillis();
        for (int i = 1; i < failedAttempts && delay < MAX_DELAY.toMillis(); i++) {
            delay *= 4;
        }
        return OptionalLong.of(now + Math.min(delay, MAX_DELAY.toMillis()));
    }
}
