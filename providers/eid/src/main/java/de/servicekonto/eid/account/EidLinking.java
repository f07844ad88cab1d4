package de.servicekonto.eid.account;

/**
 * What an eID result means for the accounts of a realm ("Servicekonto Plus"). Nothing is merged silently: every
 * outcome that creates or changes an account waits for the citizen's confirmation, a pseudonym stays with the one
 * account it is linked to, and a card is linked to an existing account only if it is the card of that account's
 * person ({@link SamePerson}).
 */
public final class EidLinking {

    public enum Outcome {
        /** The card is linked to the account: log in (to it, or keep the account already identified). */
        LOGIN,
        /** Nobody identified and the card unknown: a new account from the chip's data, after confirmation. */
        CREATE,
        /**
         * A password account without eID adds the card of its own person (Hochstufung), after confirmation: its
         * identity stays, the chip's other data replace what was entered.
         */
        UPGRADE,
        /** An account with an older card adds a new card of its own person, after confirmation. */
        RELINK,
        /** The card is linked to another account than the one identified: refused. */
        PSEUDONYM_TAKEN,
        /** A password account without eID and the card of another person: refused, nothing changes. */
        UPGRADE_MISMATCH,
        /** A new card whose holder is not the person of the account: refused. */
        RELINK_MISMATCH,
        /** The account lacks given name, family name or date of birth, so no card can be matched to it: refused. */
        ACCOUNT_INCOMPLETE,
        /**
         * The citizen changed the account's names, date of birth or e-mail address a short while ago: no card is
         * linked until that change is old enough, so a stolen password cannot first rewrite the account into the
         * thief's person and then add the thief's card.
         */
        RECENTLY_CHANGED
    }

    private EidLinking() {
    }

    /**
     * @param currentUserId    the account identified earlier in this login (password, or the SSO session), or null
     * @param currentUserCard  the pseudonym hash already linked to that account, or null
     * @param cardOwnerId      the account the pseudonym hash of this card is linked to, or null
     * @param person           whether the chip's holder is the person of the identified account ({@link SamePerson});
     *                         not read without an identified account
     * @param recentlyChanged  whether the identified account's identity or e-mail address changed too recently for a
     *                         card link; read only when a link would otherwise follow
     */
    public static Outcome decide(String currentUserId, String currentUserCard, String cardOwnerId,
                                 SamePerson.Verdict person, boolean recentlyChanged) {
        if (currentUserId == null) {
            return cardOwnerId == null ? Outcome.CREATE : Outcome.LOGIN;
        }
        if (cardOwnerId != null) {
            return cardOwnerId.equals(currentUserId) ? Outcome.LOGIN : Outcome.PSEUDONYM_TAKEN;
        }
        boolean upgrade = currentUserCard == null;
        return switch (person) {
            case UNVERIFIABLE -> Outcome.ACCOUNT_INCOMPLETE;
            case DIFFERENT -> upgrade ? Outcome.UPGRADE_MISMATCH : Outcome.RELINK_MISMATCH;
            case SAME -> recentlyChanged ? Outcome.RECENTLY_CHANGED : upgrade ? Outcome.UPGRADE : Outcome.RELINK;
        };
    }

    /** Whether {@link #decide} would go on to link the card to the identified account (the caller asks this first). */
    public static boolean wouldLink(String currentUserId, String cardOwnerId, SamePerson.Verdict person) {
        return currentUserId != null && cardOwnerId == null && person == SamePerson.Verdict.SAME;
    }
}
