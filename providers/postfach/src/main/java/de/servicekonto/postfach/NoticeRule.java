package de.servicekonto.postfach;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/**
 * When an administrative act provided in the Postfach counts as notified (bekannt gegeben). The rule in force when
 * the act is provided is stored with it, so a later change of the realm's setting does not move the date of acts
 * already provided.
 */
public enum NoticeRule {

    /** OZG §9(1) as amended (in force since 24.07.2024, per BundID's FAQ): the fourth day after provision. */
    FOURTH_DAY_AFTER_PROVISION,

    /** The earlier wording of OZG §9(1): the third day after provision. */
    THIRD_DAY_AFTER_PROVISION,

    /** VwVfG §41(2a): the day after the recipient retrieved the act; not yet notified while it is not retrieved. */
    DAY_AFTER_RETRIEVAL;

    /** Days count in German civil time: a provision at 23:30 UTC on 31 Dec is on 1 Jan in Berlin. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    public static final NoticeRule DEFAULT = FOURTH_DAY_AFTER_PROVISION;

    /**
     * The day on which the act counts as notified, or empty if it does not yet (retrieval-based rule, not retrieved).
     *
     * @param providedAt       when the act was provided for retrieval
     * @param firstRetrievedAt when the recipient first opened it, or null
     */
    public Optional<LocalDate> deemedNotifiedOn(Instant providedAt, Instant firstRetrievedAt) {
        if (providedAt == null) {
            throw new IllegalArgumentException("providedAt is required");
        }
        LocalDate provided = providedAt.atZone(ZONE).toLocalDate();
        return switch (this) {
            case FOURTH_DAY_AFTER_PROVISION -> Optional.of(provided.plusDays(4));
            case THIRD_DAY_AFTER_PROVISION -> Optional.of(provided.plusDays(3));
            case DAY_AFTER_RETRIEVAL -> firstRetrievedAt == null ? Optional.empty()
                    : Optional.of(firstRetrievedAt.atZone(ZONE).toLocalDate().plusDays(1));
        };
    }

    /**
     * The instant before which an act provided under this rule and not retrieved counts as notified at {@code now};
     * empty for the retrieval-based rule, under which an act never retrieved is never notified. An act provided at
     * the returned instant or later is not notified yet: its day (provision day plus N, Berlin time) is after today.
     */
    public Optional<Instant> deemedIfProvidedBefore(Instant now) {
        LocalDate today = now.atZone(ZONE).toLocalDate();
        return switch (this) {
            // Notified on day provided+N <= today, i.e. provided on today-N or earlier: before the start of today-N+1.
            case FOURTH_DAY_AFTER_PROVISION -> Optional.of(today.minusDays(3).atStartOfDay(ZONE).toInstant());
            case THIRD_DAY_AFTER_PROVISION -> Optional.of(today.minusDays(2).atStartOfDay(ZONE).toInstant());
            case DAY_AFTER_RETRIEVAL -> Optional.empty();
        };
    }

    /** The rule named in a realm setting ({@code fourth-day}, {@code third-day}, {@code day-after-retrieval}). */
    public static Optional<NoticeRule> fromSetting(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "fourth-day" -> Optional.of(FOURTH_DAY_AFTER_PROVISION);
            case "third-day" -> Optional.of(THIRD_DAY_AFTER_PROVISION);
            case "day-after-retrieval" -> Optional.of(DAY_AFTER_RETRIEVAL);
            default -> Optional.empty();
        };
    }
}
