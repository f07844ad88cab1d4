package de.servicekonto.trustlevel.means;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.passkey.PasskeyRule;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeansOfferTest {

    private static final MeansOffer.Candidate CARD = MeansOffer.of(Means.EID, TrustLevel.HOCH);
    private static final MeansOffer.Candidate PASSKEY = MeansOffer.of(PasskeyRule.PASSKEY, TrustLevel.SUBSTANZIELL);
    private static final MeansOffer.Candidate OTHER_STATE = MeansOffer.of(Means.FINK, TrustLevel.SUBSTANZIELL);
    private static final MeansOffer.Candidate EU_EID = MeansOffer.of(Means.EIDAS, TrustLevel.HOCH);
    private static final List<MeansOffer.Candidate> ALL = List.of(CARD, PASSKEY, OTHER_STATE, EU_EID);

    @Test
    void givenAPortalAskingSubstanziellWithoutRestrictionThenEveryMeansReachingItIsOffered() {
        assertThat(MeansOffer.offered(ALL, TrustLevel.SUBSTANZIELL.loa(), PortalRequest.NONE))
                .containsExactly(CARD, PASSKEY, OTHER_STATE, EU_EID);
    }

    @Test
    void givenAPortalAskingHochThenOnlyMeansReachingHochAreOffered() {
        assertThat(MeansOffer.offered(ALL, TrustLevel.HOCH.loa(), PortalRequest.NONE)).containsExactly(CARD, EU_EID);
    }

    @Test
    void givenNoLevelAskedThenEveryMeansIsOffered() {
        assertThat(MeansOffer.offered(ALL, 0, PortalRequest.NONE)).containsExactlyElementsOf(ALL);
    }

    @Test
    void givenAPartnerTrustedOnlyForNiedrigThenItIsNotOfferedForSubstanziell() {
        MeansOffer.Candidate weak = MeansOffer.of(Means.FINK, TrustLevel.NIEDRIG);

        assertThat(MeansOffer.offers(weak, TrustLevel.NIEDRIG.loa(), PortalRequest.NONE)).isTrue();
        assertThat(MeansOffer.offers(weak, TrustLevel.SUBSTANZIELL.loa(), PortalRequest.NONE)).isFalse();
    }

    @Test
    void givenAkdbAuthnMethodsDisablingFinkThenTheOtherStatesAreNotOfferedAndTheirLoginNotAllowed() {
        PortalRequest noFink = PortalRequest.of(List.of(Means.BENUTZERNAME, Means.EID, Means.EIDAS), null);

        assertThat(MeansOffer.offered(ALL, TrustLevel.SUBSTANZIELL.loa(), noFink)).containsExactly(CARD, PASSKEY, EU_EID);
        assertThat(MeansOffer.allowed(Means.FINK, noFink)).isFalse();
        assertThat(MeansOffer.allowed(Means.EIDAS, noFink)).isTrue();
    }

    @Test
    void givenAkdbAuthnMethodsDisablingEidasThenTheEuEidIsNotOffered() {
        PortalRequest noEidas = PortalRequest.of(List.of(Means.BENUTZERNAME, Means.EID, Means.FINK), null);

        assertThat(MeansOffer.offered(ALL, TrustLevel.SUBSTANZIELL.loa(), noEidas)).containsExactly(CARD, PASSKEY, OTHER_STATE);
        assertThat(MeansOffer.allowed(Means.EIDAS, noEidas)).isFalse();
    }

    @Test
    void givenAPortalEnablingOnlyTheCardThenNoPasskeyEither() {
        // BundID has no name for a passkey: it is the account's own login, enabled with Benutzername.
        PortalRequest cardOnly = PortalRequest.of(List.of(Means.EID), null);

        assertThat(MeansOffer.offered(ALL, TrustLevel.SUBSTANZIELL.loa(), cardOnly)).containsExactly(CARD);
        assertThat(MeansOffer.allowed(PasskeyRule.PASSKEY, cardOnly)).isFalse();
        assertThat(MeansOffer.allowed(PasskeyRule.PASSWORD_AND_PASSKEY, cardOnly)).isFalse();
    }

    @Test
    void givenAPortalEnablingBenutzernameThenThePasskeyComesWithIt() {
        PortalRequest password = PortalRequest.of(List.of(Means.BENUTZERNAME), null);

        assertThat(MeansOffer.offered(ALL, TrustLevel.SUBSTANZIELL.loa(), password)).containsExactly(PASSKEY);
        assertThat(PASSKEY.akdbName()).isEqualTo(Means.BENUTZERNAME);
    }

    @Test
    void givenAPortalEnablingNothingThenNothingIsOffered() {
        assertThat(MeansOffer.offered(ALL, 0, PortalRequest.of(List.of(), null))).isEmpty();
    }

    @Test
    void givenTheRealmLettingPasskeysReachOnlyNiedrigThenTheyAreNotOfferedForSubstanziell() {
        assertThat(MeansOffer.offered(MeansOffer.local(TrustLevel.NIEDRIG), TrustLevel.SUBSTANZIELL.loa(), PortalRequest.NONE))
                .extracting(MeansOffer.Candidate::means).containsExactly(Means.EID);
        assertThat(MeansOffer.offered(MeansOffer.local(TrustLevel.SUBSTANZIELL), TrustLevel.SUBSTANZIELL.loa(), PortalRequest.NONE))
                .extracting(MeansOffer.Candidate::means).containsExactly(Means.EID, PasskeyRule.PASSKEY);
    }
}
