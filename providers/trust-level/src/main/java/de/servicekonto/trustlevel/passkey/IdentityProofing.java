package de.servicekonto.trustlevel.passkey;

import de.servicekonto.trustlevel.TrustLevel;
import java.util.Optional;
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

    /**
     * The level a means of level {@code means} reaches on an account whose identity was proved at {@code proofedAt},
     * if above niedrig. TR-03147 asks for identity proofing at least at the level of the means: a strong means on an
     * account with typed-in data is still niedrig. The one rule every means above niedrig that is bound to an
     * existing account follows (passkey, certificate); the ID card proves the identity itself and needs none.
     */
    public static Optional<TrustLevel> levelAboveNiedrig(TrustLevel means, TrustLevel proofedAt) {
        if (means.loa() <= TrustLevel.NIEDRIG.loa() || proofedAt.loa() < means.loa()) {
            return Optional.empty();
        }
        return Optional.of(means);
    }

    public static TrustLevel proofedAt(UserModel user) {
        return user != null && user.getFirstAttribute(CARD_PSEUDONYM_ATTRIBUTE) != null ? TrustLevel.HOCH : TrustLevel.NIEDRIG;
    }
}
