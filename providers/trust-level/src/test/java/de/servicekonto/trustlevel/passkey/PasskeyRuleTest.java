package de.servicekonto.trustlevel.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.trustlevel.TrustLevel;
import java.util.List;
import org.junit.jupiter.api.Test;

class PasskeyRuleTest {

    private static final List<String> PASSKEY = List.of("webauthn-passwordless");
    private static final List<String> PASSWORD = List.of("password");
    private static final List<String> PASSWORD_THEN_PASSKEY = List.of("password", "webauthn-passwordless");

    @Test
    void givenNoSettingThenAPasskeyReachesSubstanziell() {
        assertThat(PasskeyRule.configuredLevel(null)).isEqualTo(TrustLevel.SUBSTANZIELL);
        assertThat(PasskeyRule.configuredLevel(" ")).isEqualTo(TrustLevel.SUBSTANZIELL);
    }

    @Test
    void givenSettingNiedrigOrSubstanziellThenThatLevelInAnyCase() {
        assertThat(PasskeyRule.configuredLevel("niedrig")).isEqualTo(TrustLevel.NIEDRIG);
        assertThat(PasskeyRule.configuredLevel(" Substanziell ")).isEqualTo(TrustLevel.SUBSTANZIELL);
    }

    @Test
    void givenSettingHochOrUnreadableThenNiedrigNeverHigher() {
        assertThat(PasskeyRule.configuredLevel("hoch")).isEqualTo(TrustLevel.NIEDRIG);
        assertThat(PasskeyRule.configuredLevel("substantial")).isEqualTo(TrustLevel.NIEDRIG);
        assertThat(PasskeyRule.configuredLevel("2")).isEqualTo(TrustLevel.NIEDRIG);
    }

    @Test
    void givenCardVerifiedAccountAndPasskeyUsedThenTheConfiguredLevel() {
        assertThat(PasskeyRule.levelReached(PASSKEY, TrustLevel.HOCH, TrustLevel.SUBSTANZIELL)).contains(TrustLevel.SUBSTANZIELL);
        assertThat(PasskeyRule.levelReached(PASSWORD_THEN_PASSKEY, TrustLevel.HOCH, TrustLevel.SUBSTANZIELL))
                .contains(TrustLevel.SUBSTANZIELL);
    }

    @Test
    void givenAccountNotVerifiedByTheCardThenAPasskeyReachesNothingAboveNiedrig() {
        assertThat(PasskeyRule.levelReached(PASSKEY, TrustLevel.NIEDRIG, TrustLevel.SUBSTANZIELL)).isEmpty();
        assertThat(PasskeyRule.levelReached(PASSWORD_THEN_PASSKEY, TrustLevel.NIEDRIG, TrustLevel.SUBSTANZIELL)).isEmpty();
    }

    @Test
    void givenNoPasskeyInThisLoginOrSettingNiedrigThenNothingAboveNiedrig() {
        assertThat(PasskeyRule.levelReached(PASSWORD, TrustLevel.HOCH, TrustLevel.SUBSTANZIELL)).isEmpty();
        assertThat(PasskeyRule.levelReached(List.of(), TrustLevel.HOCH, TrustLevel.SUBSTANZIELL)).isEmpty();
        assertThat(PasskeyRule.levelReached(PASSKEY, TrustLevel.HOCH, TrustLevel.NIEDRIG)).isEmpty();
    }

    @Test
    void givenTheCredentialsUsedThenTheMeansNamed() {
        assertThat(PasskeyRule.means(PASSKEY)).contains("Passkey");
        assertThat(PasskeyRule.means(PASSWORD_THEN_PASSKEY)).contains("Benutzername+Passkey");
        assertThat(PasskeyRule.means(PASSWORD)).as("recorded, so an earlier eID login's means does not stay").contains("Benutzername");
        assertThat(PasskeyRule.means(java.util.List.of())).isEmpty();
    }

    @Test
    void givenPasswordLoginOnAccountWithPasskeyThenTheSecondFactorIsDueOnlyOnce() {
        assertThat(PasskeyRule.secondFactorDue(true, PASSWORD)).isTrue();
        assertThat(PasskeyRule.secondFactorDue(true, PASSWORD_THEN_PASSKEY)).isFalse();
        assertThat(PasskeyRule.secondFactorDue(true, PASSKEY)).isFalse();
        assertThat(PasskeyRule.secondFactorDue(false, PASSWORD)).isFalse();
        // The ID card records no credential type: no second factor after it.
        assertThat(PasskeyRule.secondFactorDue(true, List.of())).isFalse();
    }

    @Test
    void givenCardVerifiedAccountThenManagingPasskeysNeedsHoch() {
        assertThat(PasskeyRule.mayManagePasskeys(3, TrustLevel.HOCH)).isTrue();
        assertThat(PasskeyRule.mayManagePasskeys(2, TrustLevel.HOCH)).isFalse();
        assertThat(PasskeyRule.mayManagePasskeys(1, TrustLevel.NIEDRIG)).isTrue();
        assertThat(PasskeyRule.mayManagePasskeys(-1, TrustLevel.NIEDRIG)).isFalse();
    }
}
