package de.servicekonto.trustlevel.means;

import de.servicekonto.trustlevel.passkey.PasskeyRule;
import java.util.List;

/**
 * The OIDC {@code amr} values (RFC 8176) for a means as the session records it: what a portal learns of how the
 * citizen logged in, next to the level in {@code acr}. A passkey unlocks its key only after user verification (PIN or
 * biometric), so it counts as a key in a device plus a second factor ({@code hwk}, {@code mfa}); the ID card is a
 * smart card with PIN ({@code sc}, {@code pin}, {@code mfa}). A certificate ({@link Means#ELSTER}) proves possession of a
 * software-held key ({@code swk}) and nothing more this server can see: whether the key file was unlocked with a
 * password happens on the citizen's computer, so no {@code mfa} or {@code pin} (RFC 8176 has no value for a
 * certificate as such). Unknown means give no values rather than a guess.
 */
public final class AmrValues {

    private AmrValues() {
    }

    public static List<String> of(String means) {
        if (means == null) {
            return List.of();
        }
        return switch (means) {
            case Means.BENUTZERNAME -> List.of("pwd");
            case Means.EID -> List.of("sc", "pin", "mfa");
            case PasskeyRule.PASSKEY -> List.of("hwk", "mfa");
            case PasskeyRule.PASSWORD_AND_PASSKEY -> List.of("pwd", "hwk", "mfa");
            case Means.ELSTER -> List.of("swk");
            default -> List.of();
        };
    }
}
