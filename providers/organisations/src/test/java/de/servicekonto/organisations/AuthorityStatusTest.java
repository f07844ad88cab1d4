package de.servicekonto.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorityStatusTest {

    @ParameterizedTest
    @CsvSource({"APPLIED,VERIFIED", "APPLIED,REJECTED", "VERIFIED,ACTIVE", "VERIFIED,REJECTED", "ACTIVE,SUSPENDED", "SUSPENDED,ACTIVE"})
    void givenAllowedStepThenItIsTaken(AuthorityStatus from, AuthorityStatus to) {
        assertThat(from.moveTo(to)).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource({"APPLIED,ACTIVE", "APPLIED,SUSPENDED", "APPLIED,APPLIED", "VERIFIED,APPLIED", "VERIFIED,SUSPENDED",
            "ACTIVE,APPLIED", "ACTIVE,VERIFIED", "ACTIVE,REJECTED", "ACTIVE,ACTIVE", "SUSPENDED,VERIFIED",
            "SUSPENDED,REJECTED", "REJECTED,APPLIED", "REJECTED,VERIFIED", "REJECTED,ACTIVE", "REJECTED,SUSPENDED"})
    void givenStepOutsideTheReviewThenRefusedWithStableCode(AuthorityStatus from, AuthorityStatus to) {
        assertThatThrownBy(() -> from.moveTo(to)).isInstanceOfSatisfying(OrganisationException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("invalid_transition");
        });
    }

    @Test
    void givenAnyStateThenOnlyActiveMayAct() {
        for (AuthorityStatus status : AuthorityStatus.values()) {
            assertThat(status.mayAct()).as(status.name()).isEqualTo(status == AuthorityStatus.ACTIVE);
        }
    }

    @Test
    void givenStatusTextThenParsedCaseInsensitivelyAndUnknownRefused() {
        assertThat(AuthorityStatus.parse(" verified ")).isEqualTo(AuthorityStatus.VERIFIED);
        assertThatThrownBy(() -> AuthorityStatus.parse("DELETED")).isInstanceOf(OrganisationException.class);
        assertThatThrownBy(() -> AuthorityStatus.parse(null)).isInstanceOf(OrganisationException.class);
        assertThatThrownBy(() -> AuthorityStatus.parse("A".repeat(17))).isInstanceOf(OrganisationException.class);
    }
}
