package de.servicekonto.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActingForTest {

    private static final ActingFor.Option OWN = new ActingFor.Option("org-1", "Eigene GmbH", AccountKind.ORGANISATION, MemberRole.USER);

    @Test
    void givenPersonalOrAnOfferedOrganisationThenThatIsTheChoice() {
        assertThat(ActingFor.resolve("personal", List.of(OWN))).isEmpty();
        assertThat(ActingFor.resolve("org-1", List.of(OWN))).contains(OWN);
    }

    @Test
    void givenAnythingNotOfferedThenForged() {
        for (String forged : new String[] {"org-2", "", null, "ORG-1", "org-1 "}) {
            assertThatThrownBy(() -> ActingFor.resolve(forged, List.of(OWN))).as(String.valueOf(forged))
                    .isInstanceOfSatisfying(OrganisationException.class, e -> assertThat(e.code()).isEqualTo(ActingFor.FORGED));
        }
        assertThatThrownBy(() -> ActingFor.resolve("org-1", List.of())).isInstanceOf(OrganisationException.class);
    }
}
