package de.servicekonto.stammdaten.saml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsentMarksTest {

    @Test
    void givenConsentToSomeNamesThenExactlyThoseAreCoveredForThatPortalOnly() {
        List<String> marks = ConsentMarks.with(List.of(), "portal-a", Set.of("lastName", "firstName"));

        assertThat(marks).containsExactly("portal-a:firstName,lastName");
        assertThat(ConsentMarks.covered(marks, "portal-a")).containsExactly("firstName", "lastName");
        assertThat(ConsentMarks.covered(marks, "portal-b")).isEmpty();
        // A portal whose id begins like another's does not borrow its consent.
        assertThat(ConsentMarks.covered(marks, "portal")).isEmpty();
    }

    @Test
    void givenNewConsentForAPortalThenItReplacesThatPortalsMarkAndKeepsOthers() {
        List<String> marks = ConsentMarks.with(List.of("portal-a:firstName", "portal-b:birthdate"), "portal-a",
                Set.of("firstName", "postal_code"));

        assertThat(marks).containsExactlyInAnyOrder("portal-b:birthdate", "portal-a:firstName,postal_code");
        assertThat(ConsentMarks.without(marks, "portal-a")).containsExactly("portal-b:birthdate");
    }

    @Test
    void givenSeparatorInANameThenRefused() {
        assertThatThrownBy(() -> ConsentMarks.with(List.of(), "portal-a", Set.of("a,b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConsentMarks.with(List.of(), "a:b", Set.of("firstName")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenTheLimitOfPortalsThenOneMarkMakesRoomAndTheNewOneIsKept() {
        List<String> marks = new ArrayList<>();
        for (int i = 0; i < ConsentMarks.MAX_PORTALS; i++) {
            marks.add("portal-" + i + ":firstName");
        }

        List<String> after = ConsentMarks.with(marks, "portal-new", Set.of("birthdate"));

        assertThat(after).hasSize(ConsentMarks.MAX_PORTALS).contains("portal-new:birthdate");
    }
}
