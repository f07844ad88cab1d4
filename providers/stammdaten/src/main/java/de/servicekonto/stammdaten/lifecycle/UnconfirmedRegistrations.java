package de.servicekonto.stammdaten.lifecycle;

import de.servicekonto.spi.BoundedSetting;
import java.time.Duration;
import java.time.Instant;

/**
 * The rule for self-registered accounts whose e-mail address was never confirmed: they are deleted once the
 * confirmation period (default 24 hours, realm attribute {@value #PERIOD_ATTRIBUTE}) is over. A registration is
 * marked in our lifecycle table and, for operators to see, with the user attribute {@value #MARK} (seconds since the
 * epoch, zero-padded) until the address is confirmed.
 */
public final class UnconfirmedRegistrations {

    /** User attribute: when the account registered itself and has not confirmed its address yet. */
    public static final String MARK = "sk-unconfirmed-since";
    /** Realm attribute: seconds a registration has to confirm its address. */
    public static final String PERIOD_ATTRIBUTE = "sk.registration.confirmationPeriodSeconds";
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
    private static final int WIDTH = 12;

    private UnconfirmedRegistrations() {
    }

    public static String mark(Instant registeredAt) {
        return String.format("%0" + WIDTH + "d", registeredAt.getEpochSecond());
    }

    /** The realm's period; unset, unparsable or out-of-range values give the default. */
    public static Duration period(String attribute) {
        return Duration.ofSeconds(BoundedSetting.of(attribute, 1L, Duration.ofDays(365).toSeconds(), DEFAULT_PERIOD.toSeconds()));
    }
}
