package de.servicekonto.stammdaten.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The rule for inactive accounts: deleted after {@link #deleteAfter()} without a login (default 24 months), with
 * warnings {@link #warnBefore()} that (default 6 and 3 months before). Realm attributes {@value #DELETE_AFTER} and
 * {@value #WARN_BEFORE} (ISO-8601 durations, the latter comma-separated).
 *
 * @param deleteAfter how long an account may go without login
 * @param warnBefore  how long before the deletion each warning goes out, longest first
 */
public record Inactivity(Duration deleteAfter, List<Duration> warnBefore) {

    public static final String DELETE_AFTER = "sk.inactivity.deleteAfter";
    public static final String WARN_BEFORE = "sk.inactivity.warnBefore";
    /** Realm attribute: since when logins are recorded (epoch ms); earlier inactivity does not count. */
    public static final String COUNTING_SINCE = "sk.inactivity.countingSince";
    /** User attribute: when the last warning went out (epoch ms). */
    public static final String WARNED_AT = "sk-inactivity-warned-at";
    /** User attribute: how many warnings went out since the last login. */
    public static final String WARNINGS_SENT = "sk-inactivity-warnings";
    public static final Inactivity DEFAULT = new Inactivity(Duration.ofDays(730), List.of(Duration.ofDays(182), Duration.ofDays(91)));

    public Inactivity {
        List<Duration> sorted = new ArrayList<>(warnBefore);
        sorted.sort(Collections.reverseOrder());
        if (deleteAfter.isNegative() || deleteAfter.isZero() || sorted.stream().anyMatch(d -> d.isNegative() || d.compareTo(deleteAfter) >= 0)) {
            throw new IllegalArgumentException("warnings must come before the deletion");
        }
        warnBefore = List.copyOf(sorted);
    }

    /** The realm's rule; missing or invalid attributes give the default. */
    public static Inactivity of(String deleteAfter, String warnBefore) {
        if (deleteAfter == null || deleteAfter.isBlank()) {
            return DEFAULT;
        }
        try {
            List<Duration> warnings = new ArrayList<>();
            if (warnBefore != null) {
                for (String part : warnBefore.split(",")) {
                    if (!part.isBlank()) {
                        warnings.add(Duration.parse(part.strip()));
                    }
                }
            }
            return new Inactivity(Duration.parse(deleteAfter.strip()), warnings);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return DEFAULT;
        }
    }

    /**
     * What is due for an account last active at {@code lastActive} that has had {@code warningsSent} warnings. An account that can be warned (it has an e-mail address) is deleted only after every warning went
     * out and the last one is at least the shortest warning period old; a late warning moves the deletion back.
     *
     * @param lastWarned when the last warning went out, or null
     * @param warnable   whether the account can be warned at all
     */
    public Optional<Action> due(Instant lastActive, int warningsSent, Instant lastWarned, boolean warnable, Instant now) {
        Instant deletion = lastActive.plus(deleteAfter);
        if (warnable && !warnBefore.isEmpty() && lastWarned != null && warningsSent >= warnBefore.size()) {
            Instant earliest = lastWarned.plus(warnBefore.get(warnBefore.size() - 1));
            if (earliest.isAfter(deletion)) {
                deletion = earliest;
            }
        }
        int due = 0;
        for (Duration before : warnBefore) {
            if (!now.isBefore(lastActive.plus(deleteAfter).minus(before))) {
                due++;
            }
        }
        boolean allWarned = !warnable || warningsSent >= warnBefore.size();
        if (!now.isBefore(deletion) && allWarned) {
            return Optional.of(new Action(true, warningsSent, deletion));
        }
        if (warnable && due > warningsSent) {
            // Overdue warnings go out now; the deletion then waits the shortest warning period.
            Instant announced = now.isBefore(deletion) ? deletion
                    : now.plus(warnBefore.get(warnBefore.size() - 1));
            return Optional.of(new Action(false, due, announced));
        }
        return Optional.empty();
    }

    /** The oldest last-activity time at which the first warning (or the deletion) can be due. */
    public Instant earliestConcern(Instant now) {
        Duration first = warnBefore.isEmpty() ? Duration.ZERO : warnBefore.get(0);
        return now.minus(deleteAfter.minus(first));
    }

    /** A new login is recorded if the stored one is older than this (fewer writes, still exact enough). */
    public Duration loginPrecision() {
        Duration twentieth = deleteAfter.dividedBy(20);
        return twentieth.compareTo(Duration.ofDays(1)) < 0 ? twentieth : Duration.ofDays(1);
    }

    /**
     * @param delete       delete the account now
     * @param warningsDue  the number of warnings that should have gone out (send the last one)
     * @param deletion     when the account will be deleted
     */
    public record Action(boolean delete, int warningsDue, Instant deletion) {
    }
}
