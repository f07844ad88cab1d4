package de.servicekonto.eidsim;

import de.servicekonto.eidsim.Identity.NoPlaceInfo;
import de.servicekonto.eidsim.Identity.Person;
import de.servicekonto.eidsim.Identity.StructuredPlace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The fixed set of test identities. Most data is constant; the minor's date of birth depends on the day, so the
 * identities are always built for a given date.
 */
public final class Identities {

    /** The official example person of the German eID card. */
    public static final String ERIKA = "erika";
    /** Erika Mustermann again, with a newer card and therefore a different RestrictedID. */
    public static final String ERIKA_NEW_CARD = "erika-new-card";
    /** Another adult, with an academic title and a Hamburg address. */
    public static final String JONAS = "jonas";
    /** A 14-year-old; fails an age verification for 16. */
    public static final String MINOR = "minor";
    /** A card past its date of expiry; getResult answers invalidDocument. */
    public static final String EXPIRED = "expired";
    /** The citizen cancels in the eID-Client. */
    public static final String CANCEL = "cancel";
    /** A citizen living abroad, without an address in Germany. */
    public static final String NO_ADDRESS = "no-address";
    /**
     * A citizen whose names have umlauts, a hyphen and two given names, for matching a card to an account written
     * "Juergen Mueller Luedenscheidt".
     */
    public static final String UMLAUT = "umlaut";

    /** Ages and expiry dates are judged by the calendar day in Germany. */
    public static final ZoneId GERMAN_TIME = ZoneId.of("Europe/Berlin");

    private static final StructuredPlace ERIKA_ADDRESS =
            new StructuredPlace("HEIDESTRASSE 17", "KÖLN", "", "D", "51147");
    private static final String ERIKA_COMMUNITY_ID = "02760503150000";

    private Identities() {
    }

    /** Today's date in Germany according to {@code clock}. */
    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(GERMAN_TIME));
    }

    /** All identities as they are on {@code today}, in the order the choice page lists them. */
    public static List<Identity> all(LocalDate today) {
        return List.of(
                new Identity(ERIKA, "Erika Mustermann – Personalausweis, gültig bis 31.10.2029", new Person(
                        "ID", "D", LocalDate.of(2029, 10, 31), "ERIKA", "MUSTERMANN", "", "",
                        LocalDate.of(1964, 8, 12), "BERLIN", "D", "GABLER", ERIKA_ADDRESS, ERIKA_COMMUNITY_ID,
                        restrictedId(ERIKA))),
                new Identity(ERIKA_NEW_CARD,
                        "Erika Mustermann – neuer Personalausweis, gültig bis 30.06.2034 (anderes Pseudonym)",
                        new Person("ID", "D", LocalDate.of(2034, 6, 30), "ERIKA", "MUSTERMANN", "", "",
                                LocalDate.of(1964, 8, 12), "BERLIN", "D", "GABLER", ERIKA_ADDRESS,
                                ERIKA_COMMUNITY_ID, restrictedId(ERIKA_NEW_CARD))),
                new Identity(JONAS, "Dr. Jonas Beispiel – Personalausweis, Wohnsitz Hamburg", new Person(
                        "ID", "D", LocalDate.of(2031, 2, 28), "JONAS", "BEISPIEL", "", "DR.",
                        LocalDate.of(1987, 3, 14), "HAMBURG", "D", "",
                        new StructuredPlace("MUSTERWEG 5", "HAMBURG", "", "D", "20095"), "02760200000000",
                        restrictedId(JONAS))),
                new Identity(MINOR, "Lena Mustermann – minderjährig (14 Jahre)", new Person(
                        "ID", "D", LocalDate.of(2031, 5, 15), "LENA", "MUSTERMANN", "", "",
                        today.minusYears(14), "KÖLN", "D", "", ERIKA_ADDRESS, ERIKA_COMMUNITY_ID,
                        restrictedId(MINOR))),
                new Identity(EXPIRED, "Karl Altmann – Personalausweis abgelaufen am 31.05.2021", new Person(
                        "ID", "D", LocalDate.of(2021, 5, 31), "KARL", "ALTMANN", "", "",
                        LocalDate.of(1951, 11, 2), "DRESDEN", "D", "",
                        new StructuredPlace("LINDENALLEE 3", "DRESDEN", "", "D", "01067"), "02761406120000",
                        restrictedId(EXPIRED))),
                // An Austrian citizen with the German eID card for EU citizens (document type UB) and no address
                // in Germany; the card then holds no community ID either.
                new Identity(NO_ADDRESS,
                        "Anna Ausland – eID-Karte für Unionsbürger, kein Wohnsitz in Deutschland", new Person(
                        "UB", "D", LocalDate.of(2030, 12, 31), "ANNA", "AUSLAND", "", "",
                        LocalDate.of(1990, 1, 1), "WIEN", "A", "",
                        new NoPlaceInfo("keine Hauptwohnung in Deutschland"), null, restrictedId(NO_ADDRESS))),
                new Identity(UMLAUT,
                        "Jürgen Hans Müller-Lüdenscheidt – Personalausweis, Umlaute und Bindestrich im Namen",
                        new Person("ID", "D", LocalDate.of(2032, 9, 30), "JÜRGEN HANS", "MÜLLER-LÜDENSCHEIDT", "", "",
                                LocalDate.of(1975, 6, 30), "MÜNSTER", "D", "",
                                new StructuredPlace("GÄNSEWEG 3", "MÜNSTER", "", "D", "48143"), "02760505150000",
                                restrictedId(UMLAUT))),
                new Identity(CANCEL, "Vorgang im eID-Client abbrechen", null));
    }

    /** The identity with {@code id} as it is on {@code today}. */
    public static Optional<Identity> find(String id, LocalDate today) {
        return all(today).stream().filter(identity -> identity.id().equals(id)).findFirst();
    }

    /** Whether {@code id} names a known identity. */
    public static boolean exists(String id) {
        return find(id, LocalDate.now(GERMAN_TIME)).isPresent();
    }

    /**
     * A fixed pseudonym per identity. A real RestrictedID also depends on the service provider's sector; the
     * simulator serves one provider, so the identity alone decides it.
     */
    static String restrictedId(String identityId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("servicekonto-eid-simulator:" + identityId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
