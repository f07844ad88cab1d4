package de.servicekonto.trustlevel.passkey;

import de.servicekonto.trustlevel.TrustLevel;
import org.keycloak.models.UserModel;

/**
 * The level at which an account's identity was proved: hoch once the Online-Ausweis was read for it (the eID login
 * links the card's pseudonym to the account), otherwise niedrig (typed-in data only). The one place that knows which
 * attribute marks a card-verified account; the eID module writes it.
 */
public final class IdentityProofing {

    /** User attribute: keyed hash of the ID card's RestrictedID, set when a card is linked to the account. */
    public static final String CARD_PSEUDONYM_ATTRIBUTE = "sk-eid-pseudonym";

    private IdentityProofing() {
    }

    public static TrustLevel proofedAt(UserModel user) {
        return user != null && user.getFirstAttribute(CARD_PSEUDONYM_ATTRIBUTE) != null ? TrustLevel.HOCH : TrustLevel.NIEDRIG;
    }
}
