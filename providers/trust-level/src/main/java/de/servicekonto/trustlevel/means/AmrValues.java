package de.servicekonto.trustlevel.means;

import de.servicekonto.trustlevel.passkey.PasskeyRule;
import java.util.List;

/**
 * The OIDC {@code amr} values (RFC 8176) for a means as the session records it: what a portal learns of how the
 * citizen logged in, next to the level in {@code acr}. A passkey unlocks its key only after user verification (PIN or
 * biometric), so it counts as a key in a device plus a second factor ({@code hwk}, {@code mfa}); the ID card is a
 * smart card with PIN ({@code sc}, {@code pin}, {@code mfa}). Unknown means give no values rather than a guess.
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
            default -> List.of();
        };
    }
}
