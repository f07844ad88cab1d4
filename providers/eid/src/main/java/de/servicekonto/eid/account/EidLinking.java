package de.servicekonto.eid.account;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What an eID result means for the accounts of a realm ("Servicekonto Plus"). Nothing is merged silently: every
 * outcome that creates or changes an account waits for the citizen's confirmation, and a pseudonym stays with the
 * one account it is linked to.
 */
public final class EidLinking {

    public enum Outcome {
        /** The card is linked to the account: log in (to it, or keep the account already identified). */
        LOGIN,
        /** Nobody identified and the card unknown: a new account from the chip's data, after confirmation. */
        CREATE,
        /** A password account without eID adds the card: its master data are replaced by the chip's, after confirmation. */
        UPGRADE,
        /** A password account with an older card adds its new card (same person by name and birth date). */
        RELINK,
        /** The card is linked to another account than the one identified: refused. */
        PSEUDONYM_TAKEN,
        /** A new card whose holder does not match the verified data of the account: refused. */
        RELINK_MISMATCH
    }

    private EidLinking() {
    }

    /**
     * @param currentUserId   the account identified earlier in this login (password), or null
     * @param currentUserCard the pseudonym hash already linked to that account, or null
     * @param cardOwnerId     the account the pseudonym hash of this card is linked to, or null
     * @param samePerson      whether the chip's holder is the person of the identified account (see {@link #samePerson})
     */
    public static Outcome decide(String currentUserId, String currentUserCard, String cardOwnerId, boolean samePerson) {
        if (currentUserId == null) {
            return cardOwnerId == null ? Outcome.CREATE : Outcome.LOGIN;
        }
        if (cardOwnerId != null) {
            return cardOwnerId.equals(currentUserId) ? Outcome.LOGIN : Outcome.PSEUDONYM_TAKEN;
        }
        if (currentUserCard == null) {
            return Outcome.UPGRADE;
        }
        return samePerson ? Outcome.RELINK : Outcome.RELINK_MISMATCH;
    }

    /**
     * Whether the chip names the holder of an account whose verified data are {@code account}: given names, family
     * names and date of birth must all be present on both sides and equal (case and outer spaces aside).
     */
    public static boolean samePerson(Map<String, String> account, Map<String, String> chip) {
        for (String name : new String[] {EidAttributes.FIRST_NAME, EidAttributes.LAST_NAME, EidAttributes.BIRTHDATE}) {
            String a = account.get(name);
            String b = chip.get(name);
            if (a == null || b == null || !normalise(a).equals(normalise(b))) {
                return false;
            }
        }
        return true;
    }

    private static String normalise(String value) {
        return Objects.requireNonNull(value).strip().toUpperCase(Locale.ROOT);
    }
}
