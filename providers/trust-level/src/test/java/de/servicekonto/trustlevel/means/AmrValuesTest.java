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
    }

    @Test
    void givenUnknownOrNoMeansThenNoValues() {
        assertThat(AmrValues.of("Elster")).isEmpty();
        assertThat(AmrValues.of(null)).isEmpty();
    }
}
