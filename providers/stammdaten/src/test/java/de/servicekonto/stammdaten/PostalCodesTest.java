package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostalCodesTest {

    @ParameterizedTest
    @ValueSource(strings = {"01067", "10115", "51147", "99998", " 20095 "})
    void givenGermanPostalCodesThenAccepted(String code) {
        assertThat(PostalCodes.isGerman(code)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1234", "123456", "00000", "01000", "99999", "1O115", "", "D-10115"})
    void givenOtherTextThenRefused(String code) {
        assertThat(PostalCodes.isGerman(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE", "de", "D", "DEU", "Deutschland", "Germany"})
    void givenGermanyWrittenAnyUsualWayThenRecognised(String country) {
        assertThat(PostalCodes.isGermany(country)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"AT", "Österreich", "DK", ""})
    void givenOtherCountriesThenNotGermany(String country) {
        assertThat(PostalCodes.isGermany(country)).isFalse();
    }
}
