package de.servicekonto.trustlevel.authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.trustlevel.means.PortalRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustLevelIdleAuthenticatorTest {

    private static final PortalRequest CARD_ONLY = PortalRequest.of(List.of("eID"), null);

    @Test
    void givenAPortalWithoutRestrictionThenNoSessionIsRefused() {
        assertThat(TrustLevelIdleAuthenticator.keepsExcludedMeans(PortalRequest.NONE, List.of("Benutzername", "FINK"))).isFalse();
    }

    @Test
    void givenAPortalAllowingOnlyTheCardThenASessionFromAnyOtherMeansAsksAgain() {
        assertThat(TrustLevelIdleAuthenticator.keepsExcludedMeans(CARD_ONLY, List.of("Benutzername"))).isTrue();
        assertThat(TrustLevelIdleAuthenticator.keepsExcludedMeans(CARD_ONLY, List.of("Passkey"))).isTrue();
        assertThat(TrustLevelIdleAuthenticator.keepsExcludedMeans(CARD_ONLY, List.of("FINK"))).isTrue();
        // A card login on top of a password session: the password level is still in the session.
        assertThat(TrustLevelIdleAuthenticator.keepsExcludedMeans(CARD_ONLY, List.of("Benutzername", "eID"))).isTrue();
    }

    @Test
    void givenASessionOnlyFromAllowedMeansThenItIsKept() {
        assertThat(TrustLevelIdleAuthenticator.keepsExcludedMeans(CARD_ONLY, List.of("eID"))).isFalse();
        assertThat(TrustLevelIdleAuthenticator.keepsExcludedMeans(CARD_ONLY, List.of())).isFalse();
        PortalRequest account = PortalRequest.of(List.of("Benutzername"), null);
        // A passkey counts as the account's own login (MeansOffer.of).
        assertThat(TrustLevelIdleAuthenticator.keepsExcludedMeans(account, List.of("Benutzername+Passkey", "Passkey"))).isFalse();
    }
}
