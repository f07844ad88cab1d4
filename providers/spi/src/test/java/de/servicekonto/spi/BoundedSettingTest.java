package de.servicekonto.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedSettingTest {

    @Test
    void givenAWholeNumberWithinTheBoundsThenThatNumber() {
        assertThat(BoundedSetting.of("365", 1, 3650, 90)).isEqualTo(365);
        assertThat(BoundedSetting.of(" 1 ", 1, 3650, 90)).isEqualTo(1);
        assertThat(BoundedSetting.of("3650", 1, 3650, 90)).isEqualTo(3650);
        assertThat(BoundedSetting.of("0", 0, 999_999, 50)).isZero();
        assertThat(BoundedSetting.of("31536000", 1L, 31_536_000L, 86_400L)).isEqualTo(31_536_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "0", "3651", "-5", "+5", "5.0", "1e3", "zehn", "9999999999999999999999"})
    void givenAnythingElseThenTheDefault(String value) {
        assertThat(BoundedSetting.of(value, 1, 3650, 90)).isEqualTo(90);
    }

    @Test
    void givenNoValueThenTheDefault() {
        assertThat(BoundedSetting.of(null, 1, 3650, 90)).isEqualTo(90);
        assertThat(BoundedSetting.of(null, 1L, 10L, 7L)).isEqualTo(7L);
    }
}
