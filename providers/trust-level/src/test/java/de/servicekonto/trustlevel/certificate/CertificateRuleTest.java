package de.servicekonto.trustlevel.certificate;

import static de.servicekonto.trustlevel.TrustLevel.HOCH;
import static de.servicekonto.trustlevel.TrustLevel.NIEDRIG;
import static de.servicekonto.trustlevel.TrustLevel.SUBSTANZIELL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateRuleTest {

    @Test
    void givenCardVerifiedAccountAndBindingConfirmedByTheCardThenSubstanziellNeverHoch() {
        assertThat(CertificateRule.levelReached(HOCH, HOCH)).isEqualTo(SUBSTANZIELL);
    }

    @Test
    void givenTypedInDataOrBindingMadeWithThePasswordThenNiedrig() {
        assertThat(CertificateRule.levelReached(NIEDRIG, NIEDRIG)).isEqualTo(NIEDRIG);
        // Bound before the Hochstufung, with the password: the card never vouched for this binding.
        assertThat(CertificateRule.levelReached(HOCH, NIEDRIG)).isEqualTo(NIEDRIG);
        // A stored hoch on an account whose card link was removed: the account's proofing decides.
        assertThat(CertificateRule.levelReached(NIEDRIG, HOCH)).isEqualTo(NIEDRIG);
    }

    @Test
    void givenCardVerifiedAccountThenOnlyALoginWithTheCardBinds() {
        assertThat(CertificateRule.bindAt(1, HOCH, false, Optional.empty())).isEmpty();
        assertThat(CertificateRule.bindAt(2, HOCH, false, Optional.empty())).isEmpty();
        assertThat(CertificateRule.bindAt(3, HOCH, false, Optional.empty())).contains(HOCH);
    }

    @Test
    void givenAccountWithTypedInDataThenThePasswordBindsAtNiedrig() {
        assertThat(CertificateRule.bindAt(1, NIEDRIG, false, Optional.empty())).contains(NIEDRIG);
    }

    @Test
    void givenCertificateBoundToAnotherAccountThenNoBinding() {
        assertThat(CertificateRule.bindAt(3, HOCH, true, Optional.empty())).isEmpty();
        assertThat(CertificateRule.bindAt(1, NIEDRIG, true, Optional.empty())).isEmpty();
    }

    @Test
    void givenBindingFromBeforeTheHochstufungThenTheCardRaisesItAndNothingElseRebinds() {
        assertThat(CertificateRule.bindAt(3, HOCH, false, Optional.of(NIEDRIG))).contains(HOCH);
        assertThat(CertificateRule.bindAt(3, HOCH, false, Optional.of(HOCH))).isEmpty();
        assertThat(CertificateRule.bindAt(1, NIEDRIG, false, Optional.of(NIEDRIG))).isEmpty();
    }

    @Test
    void givenStoredLevelUnreadableThenNiedrig() {
        assertThat(CertificateRule.boundAt("hoch")).isEqualTo(HOCH);
        assertThat(CertificateRule.boundAt(" HOCH ")).isEqualTo(HOCH);
        assertThat(CertificateRule.boundAt(null)).isEqualTo(NIEDRIG);
        assertThat(CertificateRule.boundAt("")).isEqualTo(NIEDRIG);
        assertThat(CertificateRule.boundAt("sehr hoch")).isEqualTo(NIEDRIG);
    }

    @Test
    void givenBindingMadeWithOnlyThePasswordThenItFallsWithThePasswordButNotOneTheCardConfirmed() {
        assertThat(CertificateRule.fallsWithThePassword(NIEDRIG)).isTrue();
        assertThat(CertificateRule.fallsWithThePassword(CertificateRule.boundAt("kaputt"))).isTrue();
        assertThat(CertificateRule.fallsWithThePassword(HOCH)).isFalse();
    }
}
