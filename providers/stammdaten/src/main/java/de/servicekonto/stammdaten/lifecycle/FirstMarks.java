package de.servicekonto.stammdaten.lifecycle;

import java.time.Instant;
import java.util.Optional;

/**
 * What the first lifecycle row says about an account the sweep meets without one: created before this version (which
 * kept the marks as user attributes), by an operator, or by an import, none of which publishes an event we see.
 */
public final class FirstMarks {

    /** Former user attribute of the last login (epoch ms, zero-padded); read once, no longer written. */
    public static final String LEGACY_LAST_LOGIN = "sk-last-login";

    private FirstMarks() {
    }

    /**
     * The last login the account's former attribute recorded; else its creation; else {@code now} (the safe side: an
     * account whose age nobody knows is not inactive yet).
     */
    public static Instant lastActive(String legacyLastLogin, Long createdTimestamp, Instant now) {
        try {
            if (legacyLastLogin != null) {
                return Instant.ofEpochMilli(Long.parseLong(legacyLastLogin.strip()));
            }
        } catch (NumberFormatException e) {
            // unreadable: fall back to the creation time
        }
        return createdTimestamp == null ? now : Instant.ofEpochMilli(createdTimestamp);
    }

    /**
     * Since when a self-registration is unconfirmed, from its mark {@value UnconfirmedRegistrations#MARK} (seconds,
     * zero-padded); none once the address is confirmed or without a readable mark.
     */
    public static Optional<Instant> unconfirmedSince(String mark, boolean emailVerified) {
        if (emailVerified || mark == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(mark.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
