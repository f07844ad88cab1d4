package de.servicekonto.trustlevel.means;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.passkey.PasskeyRule;
import java.util.List;

/**
 * Which means the login pages offer: every means that can reach the level the portal asked for, unless the portal's
 * {@code akdb:AuthnMethods} leaves it out. No Keycloak types: the glue ({@link MeansOfferPage}) passes the realm's
 * settings and identity providers in.
 *
 * <p>A means the portal did not enable is not offered, and the step that completes it refuses it as well (the page is
 * no security boundary: a broker's login address can be called directly).
 */
public final class MeansOffer {

    /**
     * One means a login page can offer.
     *
     * @param means    the name recorded for its logins ({@code AssertionProvedBy}, {@code sk-means.<level>})
     * @param akdbName the {@code akdb:AuthnMethods} name that enables it; a passkey has none of its own (see {@link #of})
     * @param reaches  the highest level it can reach here
     */
    public record Candidate(String means, String akdbName, TrustLevel reaches) {
    }

    private MeansOffer() {
    }

    /**
     * The means of this service's own pages besides the password, in the order of the login page: the ID card, then
     * the passkey (which reaches {@code passkeyLevel}, the realm's {@code sk.passkey.level}, on a card-verified
     * account). A new means of our own is one more entry here, and one message key per text of the page
     * ({@code skMeansButton.<means>}, {@code skMeansHint.<means>}).
     */
    public static List<Candidate> local(TrustLevel passkeyLevel) {
        return List.of(
                new Candidate(Means.EID, Means.EID, TrustLevel.HOCH),
                of(PasskeyRule.PASSKEY, passkeyLevel));
    }

    /**
     * A candidate for a means by its recorded name. BundID's {@code akdb:AuthnMethods} has no name for a passkey: it
     * is a credential of the citizen's own account, registered under that account's password login (TR-03160-1 §4.2)
     * and used on the same page, so it counts as {@code Benutzername}. A portal that enables the account's own login
     * gets the passkey with it (and, on a card-verified account, substanziell); one that left {@code Benutzername} out,
     * e.g. to get the card's freshly read data, gets no passkey either.
     */
    public static Candidate of(String means, TrustLevel reaches) {
        String akdb = PasskeyRule.PASSKEY.equals(means) || PasskeyRule.PASSWORD_AND_PASSKEY.equals(means)
                ? Means.BENUTZERNAME : means;
        return new Candidate(means, akdb, reaches);
    }

    /**
     * True if the page offers this means to a portal asking for {@code requestedLoa} (0 or less: nothing asked, i.e.
     * niedrig) with this restriction.
     */
    public static boolean offers(Candidate candidate, int requestedLoa, PortalRequest portal) {
        return portal.allows(candidate.akdbName()) && candidate.reaches().loa() >= Math.max(requestedLoa, TrustLevel.NIEDRIG.loa());
    }

    /** The candidates the page offers, in their order. */
    public static List<Candidate> offered(List<Candidate> candidates, int requestedLoa, PortalRequest portal) {
        return candidates.stream().filter(candidate -> offers(candidate, requestedLoa, portal)).toList();
    }

    /** True if the portal lets the citizen complete a login with this recorded means (the step's check). */
    public static boolean allowed(String means, PortalRequest portal) {
        return portal.allows(of(means, TrustLevel.NIEDRIG).akdbName());
    }
}
