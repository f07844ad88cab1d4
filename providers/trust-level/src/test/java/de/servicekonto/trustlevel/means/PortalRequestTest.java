package de.servicekonto.trustlevel.means;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.sessions.AuthenticationSessionModel;

class PortalRequestTest {

    @Test
    void givenRestrictedMeansThenOnlyThoseAreAllowedAndTheNotesRoundTrip() {
        PortalRequest request = PortalRequest.of(List.of("eID"), "Bürgerportal Musterstadt");
        AuthenticationSessionModel session = session();
        request.writeTo(session);

        PortalRequest read = PortalRequest.of(session);
        assertThat(read).isEqualTo(request);
        assertThat(read.allows(Means.EID)).isTrue();
        assertThat(read.allows(Means.BENUTZERNAME)).isFalse();
        assertThat(read.restricts(Means.OFFERED)).isTrue();
        assertThat(read.displayName()).contains("Bürgerportal Musterstadt");
    }

    @Test
    void givenNoRestrictionThenEverythingIsAllowedAndAnEarlierRestrictionIsOverwritten() {
        AuthenticationSessionModel session = session();
        PortalRequest.of(List.of(), "Alt").writeTo(session);
        assertThat(PortalRequest.of(session).allows(Means.EID)).isFalse();

        PortalRequest.NONE.writeTo(session);
        PortalRequest read = PortalRequest.of(session);
        assertThat(read.allows(Means.EID)).isTrue();
        assertThat(read.allows(Means.BENUTZERNAME)).isTrue();
        assertThat(read.restricts(Means.OFFERED)).isFalse();
        assertThat(read.displayName()).isEmpty();
        assertThat(PortalRequest.of((AuthenticationSessionModel) null)).isEqualTo(PortalRequest.NONE);
    }

    @Test
    void givenAllOfferedMeansThenNotARestriction() {
        assertThat(PortalRequest.of(List.of("Benutzername", "eID", "Elster"), null).restricts(Means.OFFERED)).isFalse();
    }

    @Test
    void givenDisplayNameWithControlCharactersOrTooLongThenCleanedAndCut() {
        assertThat(PortalRequest.of(null, " Stadt\n\tMuster\u0000stadt ").displayName()).contains("Stadt Muster stadt");
        String cut = PortalRequest.of(null, "a".repeat(500)).displayName().orElseThrow();
        assertThat(cut).hasSize(PortalRequest.MAX_DISPLAY_NAME + 1).endsWith("…");
        assertThat(PortalRequest.of(null, "  \n ").displayName()).isEmpty();
    }

    @Test
    void givenDisplayNameWithBidiOrZeroWidthCharactersThenTheyAreRemoved() {
        // "Finanzamt" followed by a right-to-left override would show the rest reversed: "fdp.exe" as "exe.pdf".
        assertThat(PortalRequest.of(null, "Amt\u202Efdp.exe").displayName()).contains("Amtfdp.exe");
        assertThat(PortalRequest.of(null, "\u2066Stadt\u2069 \u200BMuster\u200Dstadt\uFEFF\u200E\u061C")
                .displayName()).contains("Stadt Musterstadt");
        assertThat(PortalRequest.of(null, "\u202A\u202B\u202C\u202D\u2060").displayName()).isEmpty();
    }

    @Test
    void givenMalformedMeansThenRefused() {
        assertThatThrownBy(() -> PortalRequest.of(List.of("eID,Benutzername"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortalRequest(true, Set.of(""), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAuthenticatorsThenTheirMeansAreKnown() {
        assertThat(Means.ofAuthenticator("sk-password-form")).contains(Means.BENUTZERNAME);
        assertThat(Means.ofAuthenticator("sk-eid")).contains(Means.EID);
        assertThat(Means.ofAuthenticator("auth-cookie")).isEmpty();
        assertThat(Means.ofAuthenticator(null)).isEmpty();
    }

    /** An authentication session that only keeps client notes. */
    private static AuthenticationSessionModel session() {
        Map<String, String> notes = new HashMap<>();
        return (AuthenticationSessionModel) Proxy.newProxyInstance(PortalRequestTest.class.getClassLoader(),
                new Class<?>[] {AuthenticationSessionModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setClientNote" -> notes.put((String) args[0], (String) args[1]);
                    case "getClientNote" -> notes.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
