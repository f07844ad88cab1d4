package de.servicekonto.trustlevel.certificate;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.passkey.IdentityProofing;
import de.servicekonto.trustlevel.passkey.PasskeyRule;
import java.util.Locale;
import java.util.Optional;

/**
 * What a client certificate counts for (an ELSTER-style software certificate or an organisation's, presented in
 * mutual TLS and bound to one account). BundID takes the ELSTER certificate for substanziell, TR-03107-1 a software
 * token for substanziell at most, never hoch. As for passkeys, the level needs identity proofing at least as high
 * (TR-03147, {@link IdentityProofing#levelAboveNiedrig}) and a binding made at that level (TR-03160-1 §4.2): a
 * certificate reaches substanziell only on a card-verified account, bound in a login that read the card. On any other
 * account, or bound with only the password, it is a means of niedrig. No Keycloak types.
 */
public final class CertificateRule {

    /** The highest level a certificate reaches: a software token never reaches hoch (TR-03107-1). */
    public static final TrustLevel MAXIMUM = TrustLevel.SUBSTANZIELL;

    private CertificateRule() {
    }

    /** The level a login with a bound certificate reaches, from the account's proofing and the binding's level. */
    public static TrustLevel levelReached(TrustLevel identityProofedAt, TrustLevel boundAt) {
        TrustLevel proofing = identityProofedAt.loa() <= boundAt.loa() ? identityProofedAt : boundAt;
        return IdentityProofing.levelAboveNiedrig(MAXIMUM, proofing).orElse(TrustLevel.NIEDRIG);
    }

    /**
     * The level at which the certificate presented in this login is to be bound to the account, or nothing. A binding
     * needs a login at the account's highest level, as a passkey does ({@link PasskeyRule#mayManagePasskeys}): for a
     * card-verified account the card read in this login, so someone who knows only the password cannot bind their
     * certificate to it. A certificate bound to another account stays there (its owner removes it first); one bound
     * here already at the account's proofing level needs nothing.
     *
     * @param currentLoa        the level this login reached
     * @param identityProofedAt the account's identity proofing
     * @param boundElsewhere    the certificate is bound to another account
     * @param boundHereAt       the level at which the certificate is bound to this account, if it is
     */
    public static Optional<TrustLevel> bindAt(int currentLoa, TrustLevel identityProofedAt, boolean boundElsewhere,
                                              Optional<TrustLevel> boundHereAt) {
        if (boundElsewhere || !PasskeyRule.mayManagePasskeys(currentLoa, identityProofedAt)) {
            return Optional.empty();
        }
        if (boundHereAt.filter(level -> level.loa() >= identityProofedAt.loa()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(identityProofedAt);
    }

    /**
     * True if a binding falls when the password changes or the ID card is linked to the account for the first time: a
     * binding made with only the password ({@code niedrig}) is worth what the password was worth when it was made.
     * Someone who knew the password could have bound their own certificate; a new password, or the card taking over,
     * must lock them out, so the citizen binds again (with the card, the binding then reaches substanziell). A binding
     * the card confirmed stays: the card, not the password, vouched for it.
     */
    public static boolean fallsWithThePassword(TrustLevel boundAt) {
        return boundAt.loa() < TrustLevel.SUBSTANZIELL.loa();
    }

    /** The stored level of a binding; anything unreadable counts as niedrig, so a broken value never raises a level. */
    public static TrustLevel boundAt(String stored) {
        if (stored == null || stored.isBlank()) {
            return TrustLevel.NIEDRIG;
        }
        return TrustLevel.fromGermanName(stored.strip().toLowerCase(Locale.ROOT)).orElse(TrustLevel.NIEDRIG);
    }
}
