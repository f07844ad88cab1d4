package de.servicekonto.stammdaten;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Age rules on a date of birth (ISO {@code YYYY-MM-DD}), counted in German time. */
public final class Ages {

    /** Servicekonten are for people of this age and older (DOMAIN: "age at least 16"). */
    public static final int MINIMUM = 16;
    public static final ZoneId GERMANY = ZoneId.of("Europe/Berlin");

    private Ages() {
    }

    /** The date, if the text is an ISO date. */
    public static Optional<LocalDate> parse(String isoDate) {
        if (isoDate == null || isoDate.isBlank() || isoDate.length() > 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(isoDate.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether someone born on {@code birth} is at least {@code years} old on {@code today} (born on 29 Feb: 1 Mar). */
    public static boolean isAtLeast(LocalDate birth, int years, LocalDate today) {
        return !birth.plusYears(years).isAfter(today);
    }

    /** Whether the date lies in the future or implausibly far back (before 1900). */
    public static boolean implausible(LocalDate birth, LocalDate today) {
        return birth.isAfter(today) || birth.getYear() < 1900;
    }
}
