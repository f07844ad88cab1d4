package de.servicekonto.organisations;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdministratorsTest {

    @Test
    void givenTheOnlyAdministratorThenLosingTheRoleIsRefused() {
        assertThatThrownBy(() -> Administrators.checkRoleLoss(true, 1)).isInstanceOfSatisfying(OrganisationException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(Administrators.LAST_ADMIN));
    }

    @Test
    void givenAnotherAdministratorOrAPlainMemberThenAllowed() {
        assertThatCode(() -> Administrators.checkRoleLoss(true, 2)).doesNotThrowAnyException();
        assertThatCode(() -> Administrators.checkRoleLoss(false, 1)).doesNotThrowAnyException();
    }
}
