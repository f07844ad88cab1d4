package de.servicekonto.trustlevel.means;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AmrValuesTest {

    @Test
    void givenEachMeansThenItsRfc8176Values() {
        assertThat(AmrValues.of("Benutzername")).containsExactly("pwd");
        assertThat(AmrValues.of("eID")).containsExactly("sc", "pin", "mfa");
        assertThat(AmrValues.of("Passkey")).containsExactly("hwk", "mfa");
        assertThat(AmrValues.of("Benutzername+Passkey")).containsExactly("pwd", "hwk", "mfa");
        // Possession of the certificate's key is all the server sees; the key file's password stays on the computer.
        assertThat(AmrValues.of("Elster")).containsExactly("swk");
    }

    @Test
    void givenUnknownOrNoMeansThenNoValues() {
        assertThat(AmrValues.of("FINK")).isEmpty();
        assertThat(AmrValues.of(null)).isEmpty();
    }
}
