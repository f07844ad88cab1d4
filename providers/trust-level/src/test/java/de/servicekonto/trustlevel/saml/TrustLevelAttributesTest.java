package de.servicekonto.trustlevel.saml;

import static de.servicekonto.trustlevel.saml.TrustLevelAttributes.MEANS_USED;
import static de.servicekonto.trustlevel.saml.TrustLevelAttributes.TRUST_LEVEL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrustLevelAttributesTest {

    @Test
    void givenPasswordLoginWithoutRequestThenStorkLevelOneAndUsername() {
        assertThat(TrustLevelAttributes.of(1, null, null))
                .containsExactly(java.util.Map.entry(TRUST_LEVEL, "STORK-QAA-Level-1"), java.util.Map.entry(MEANS_USED, "Benutzername"));
    }

    @Test
    void givenEidasRequestThenLevelIsNamedInEidas() {
        assertThat(TrustLevelAttributes.of(1, "http://eidas.europa.eu/LoA/low", null))
                .containsEntry(TRUST_LEVEL, "http://eidas.europa.eu/LoA/low");
    }

    @Test
    void givenHighLevelWithRecordedMeansThenThoseMeans() {
        assertThat(TrustLevelAttributes.of(3, "STORK-QAA-Level-4", "eID"))
                .containsEntry(TRUST_LEVEL, "STORK-QAA-Level-4").containsEntry(MEANS_USED, "eID");
    }

    @Test
    void givenHigherLevelWithoutRecordedMeansThenNoMeansIsClaimed() {
        assertThat(TrustLevelAttributes.of(2, null, null)).containsOnlyKeys(TRUST_LEVEL);
    }

    @Test
    void givenNoLevelReachedThenNoAttributes() {
        assertThat(TrustLevelAttributes.of(0, "STORK-QAA-Level-1", null)).isEmpty();
        assertThat(TrustLevelAttributes.of(-1, null, null)).isEmpty();
    }

    @Test
    void givenSubstanziellByPasskeyThenThePasskeyIsTheMeansNotThePassword() {
        assertThat(TrustLevelAttributes.of(2, "STORK-QAA-Level-3", "Passkey"))
                .containsEntry(TRUST_LEVEL, "STORK-QAA-Level-3").containsEntry(MEANS_USED, "Passkey");
        assertThat(TrustLevelAttributes.of(1, null, "Benutzername+Passkey")).containsEntry(MEANS_USED, "Benutzername+Passkey");
    }
}
