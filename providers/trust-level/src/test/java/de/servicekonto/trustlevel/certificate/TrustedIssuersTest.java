package de.servicekonto.trustlevel.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class TrustedIssuersTest {

    private static final X500Principal ELSTER = new X500Principal("CN=ElsterSoftCA,O=Elster,C=DE");
    private static final X500Principal ORGANISATIONS = new X500Principal("CN=Organisations-CA,O=Land,C=DE");

    @Test
    void givenSeveralNamesThenEachIsTrustedWhateverTheSpacingAndCaseOfKeys() {
        TrustedIssuers issuers = TrustedIssuers.parse(" cn=ElsterSoftCA, o=Elster, c=DE ## CN=Organisations-CA,O=Land,C=DE");
        assertThat(issuers.trusts(ELSTER)).isTrue();
        assertThat(issuers.trusts(ORGANISATIONS)).isTrue();
        assertThat(issuers.trusts(new X500Principal("CN=ElsterSoftCA,O=Elster,C=AT"))).isFalse();
    }

    @Test
    void givenNoSettingThenNoIssuerIsTrusted() {
        assertThat(TrustedIssuers.parse(null).trusts(ELSTER)).isFalse();
        assertThat(TrustedIssuers.parse("").trusts(ELSTER)).isFalse();
        assertThat(TrustedIssuers.parse("##").trusts(ELSTER)).isFalse();
        assertThat(TrustedIssuers.parse("CN=ElsterSoftCA,O=Elster,C=DE").trusts(null)).isFalse();
    }

    @Test
    void givenUnreadableNameThenItTrustsNobodyAndTheOthersStillCount() {
        TrustedIssuers issuers = TrustedIssuers.parse("not a name=##CN=ElsterSoftCA,O=Elster,C=DE");
        assertThat(issuers.issuers()).containsExactly(ELSTER);
    }
}
