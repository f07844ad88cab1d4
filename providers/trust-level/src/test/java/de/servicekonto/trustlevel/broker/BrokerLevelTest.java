package de.servicekonto.trustlevel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.trustlevel.TrustLevel;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a partner's assertion counts for here. */
class BrokerLevelTest {

    private static final Optional<String> NONE = Optional.empty();

    @Test
    void givenTheStatedLevelBelowTheCapThenItCounts() {
        BrokerLevel.Decision decision = BrokerLevel.decide(Optional.of("STORK-QAA-Level-3"), NONE, "hoch", 2);
        assertThat(decision.isRefused()).isFalse();
        assertThat(decision.level()).isEqualTo(TrustLevel.SUBSTANZIELL);
        assertThat(BrokerLevel.decide(Optional.of("http://eidas.europa.eu/LoA/high"), NONE, "hoch", 3).level())
                .isEqualTo(TrustLevel.HOCH);
    }

    @Test
    void givenTheStatedLevelAboveTheCapThenTheCapCountsAndARequestAboveItIsRefused() {
        assertThat(BrokerLevel.decide(Optional.of("STORK-QAA-Level-4"), NONE, "substanziell", 1).level())
                .isEqualTo(TrustLevel.SUBSTANZIELL);
        assertThat(BrokerLevel.decide(Optional.of("STORK-QAA-Level-4"), NONE, "substanziell", 3).refusal())
                .isEqualTo(BrokerLevel.BELOW_REQUESTED);
    }

    @Test
    void givenClassRefAndAttributeDisagreeThenTheLowerCounts() {
        assertThat(BrokerLevel.decide(Optional.of("STORK-QAA-Level-1"), Optional.of("STORK-QAA-Level-4"), "hoch", 0)
                .level()).isEqualTo(TrustLevel.NIEDRIG);
        assertThat(BrokerLevel.decide(Optional.of("STORK-QAA-Level-4"), Optional.of("STORK-QAA-Level-1"), "hoch", 2)
                .refusal()).isEqualTo(BrokerLevel.BELOW_REQUESTED);
    }

    @Test
    void givenNoLevelInAnyVocabularyOfOursThenRefused() {
        assertThat(BrokerLevel.decide(Optional.of("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"),
                NONE, "hoch", 0).refusal()).isEqualTo(BrokerLevel.NO_LEVEL);
        assertThat(BrokerLevel.decide(NONE, NONE, "hoch", 0).refusal()).isEqualTo(BrokerLevel.NO_LEVEL);
        assertThat(BrokerLevel.decide(NONE, Optional.of("STORK-QAA-Level-2"), "hoch", 0).refusal())
                .as("not part of the BundID profile").isEqualTo(BrokerLevel.NO_LEVEL);
    }

    @Test
    void givenNoOrAnUnreadableCapThenRefusedWhateverThePartnerStates() {
        assertThat(BrokerLevel.decide(Optional.of("STORK-QAA-Level-1"), NONE, null, 0).refusal())
                .isEqualTo(BrokerLevel.NO_CAP);
        assertThat(BrokerLevel.decide(Optional.of("STORK-QAA-Level-1"), NONE, "maximal", 0).refusal())
                .isEqualTo(BrokerLevel.NO_CAP);
        assertThat(BrokerLevel.decide(Optional.of("STORK-QAA-Level-1"), NONE, " Niedrig ", 0).level())
                .isEqualTo(TrustLevel.NIEDRIG);
    }

    @Test
    void givenNoMeansSettingThenFinkAndNothingButFinkOrEidas() {
        assertThat(BrokerLevel.means(null)).isEqualTo("FINK");
        assertThat(BrokerLevel.means(" eIDAS ")).isEqualTo("eIDAS");
        assertThat(BrokerLevel.means("eID")).as("never the ID card's name").isEqualTo("FINK");
    }

    @Test
    void givenAnAccountOnlyLinkedOrItsIdentityChangedThenTheLevelIsWithheld() {
        assertThat(BrokerLevel.withheld(true, true)).isEmpty();
        assertThat(BrokerLevel.withheld(false, true)).contains(BrokerLevel.NOT_CREATED_BY_PARTNER);
        assertThat(BrokerLevel.withheld(true, false)).contains(BrokerLevel.IDENTITY_DIFFERS);
    }
}
