package de.servicekonto.trustlevel.passkey;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.means.Means;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * What a passkey counts for. A passkey (WebAuthn credential with a resident key and user verification required, type
 * {@value #PASSKEY_CREDENTIAL}) is two factors of different kinds in one device: the key it holds (possession) and
 * the PIN or biometric that unlocks it (knowledge or inherence). BSI TR-03107-1 asks for two such factors at
 * substanziell, and TR-03147 for identity proofing at least at the level of the means: so a passkey reaches the
 * configured level (substanziell by default) only on an account whose identity the ID card proved (hoch); on any
 * other account it is a second factor at niedrig. No Keycloak types: the glue passes credential types and levels in.
 */
public final class PasskeyRule {

    /** Keycloak's credential type of a passkey ({@code WebAuthnCredentialModel.TYPE_PASSWORDLESS}). */
    public static final String PASSKEY_CREDENTIAL = "webauthn-passwordless";
    /** Keycloak's credential type of a password. */
    public static final String PASSWORD_CREDENTIAL = "password";
    /** The means name for a login with the passkey alone (SAML AssertionProvedBy, activity log, meters). */
    public static final String PASSKEY = "Passkey";
    /** The means name for password and passkey as second factor. */
    public static final String PASSWORD_AND_PASSKEY = "Benutzername+Passkey";

    /** Realm attribute: the level a passkey reaches on a card-verified account ({@code niedrig} or {@code substanziell}). */
    public static final String LEVEL_SETTING = "sk.passkey.level";
    /** Without the setting: substanziell, the level TR-03107-1 allows for two factors of different kinds. */
    public static final TrustLevel DEFAULT_LEVEL = TrustLevel.SUBSTANZIELL;

    private PasskeyRule() {
    }

    /**
     * The level a passkey reaches on a card-verified account, from the realm setting. Hoch is never accepted: a
     * passkey is not the tamper-proof hardware hoch asks for, and synced passkeys can be copied between devices. An
     * unreadable value counts as niedrig, so a typo never raises a level.
     */
    public static TrustLevel configuredLevel(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT_LEVEL;
        }
        return TrustLevel.fromGermanName(setting.strip().toLowerCase(Locale.ROOT))
                .filter(level -> level != TrustLevel.HOCH)
                .orElse(TrustLevel.NIEDRIG);
    }

    /** True if this login used a passkey (one of the credential types Keycloak recorded for it). */
    public static boolean passkeyUsed(Collection<String> credentialTypesUsed) {
        return credentialTypesUsed.contains(PASSKEY_CREDENTIAL);
    }

    /**
     * The level this login reaches through its passkey, if above niedrig: the configured level when a passkey was
     * used in this very login and the account's identity was proved at hoch (the ID card), otherwise nothing.
     */
    public static Optional<TrustLevel> levelReached(Collection<String> credentialTypesUsed, TrustLevel identityProofedAt,
                                                    TrustLevel configured) {
        if (!passkeyUsed(credentialTypesUsed)) {
            return Optional.empty();
        }
        return IdentityProofing.levelAboveNiedrig(configured, identityProofedAt);
    }

    /**
     * The means of a login's first factors as recorded: the passkey alone, password and passkey, or the password
     * alone; nothing when neither took part (the ID card records its own). The password alone is recorded too: a new
     * login in an existing session (prompt=login, max_age) keeps the session's notes, and without it a password
     * login after an eID login would be named "eID".
     */
    public static Optional<String> means(Collection<String> credentialTypesUsed) {
        if (!passkeyUsed(credentialTypesUsed)) {
            return credentialTypesUsed.contains(PASSWORD_CREDENTIAL) ? Optional.of(Means.BENUTZERNAME) : Optional.empty();
        }
        return Optional.of(credentialTypesUsed.contains(PASSWORD_CREDENTIAL) ? PASSWORD_AND_PASSKEY : PASSKEY);
    }

    /**
     * True if a password login should be followed by the passkey as second factor: the account has a passkey, a
     * password was given in this login and no passkey yet.
     */
    public static boolean secondFactorDue(boolean hasPasskey, Collection<String> credentialTypesUsed) {
        return hasPasskey && credentialTypesUsed.contains(PASSWORD_CREDENTIAL) && !passkeyUsed(credentialTypesUsed);
    }

    /**
     * True if the session level is enough to register or remove a passkey: the account's highest level, i.e. hoch
     * for a card-verified account (TR-03160-1 §4.2: a means for a level is bound after authenticating at it).
     */
    public static boolean mayManagePasskeys(int currentLoa, TrustLevel identityProofedAt) {
        return currentLoa >= identityProofedAt.loa();
    }
}
