package de.servicekonto.trustlevel.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordChangeUnbindingTest {

    @Test
    void givenAnAdministratorsPasswordResetThenItsUser() {
        assertThat(PasswordChangeUnbinding.userOfPasswordReset("users/5f0c/reset-password")).contains("5f0c");
    }

    @Test
    void givenAnyOtherUserActionThenNoUser() {
        assertThat(PasswordChangeUnbinding.userOfPasswordReset(null)).isEmpty();
        assertThat(PasswordChangeUnbinding.userOfPasswordReset("users/5f0c")).isEmpty();
        assertThat(PasswordChangeUnbinding.userOfPasswordReset("users/5f0c/execute-actions-email")).isEmpty();
        assertThat(PasswordChangeUnbinding.userOfPasswordReset("users//reset-password")).isEmpty();
        assertThat(PasswordChangeUnbinding.userOfPasswordReset("groups/5f0c/reset-password")).isEmpty();
        assertThat(PasswordChangeUnbinding.userOfPasswordReset("users/5f0c/reset-password/x")).isEmpty();
    }
}
