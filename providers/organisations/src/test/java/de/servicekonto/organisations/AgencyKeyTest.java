package de.servicekonto.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AgencyKeyTest {

    @ParameterizedTest
    @ValueSource(strings = {"09162000", "11000000", "01001000", "16077052", " 05315000 "})
    void givenEightDigitsWithALandFrom01To16ThenAccepted(String key) {
        assertThat(AgencyKey.parse(key)).isEqualTo(key.strip());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0916200", "091620000", "0916200A", "00123456", "17000000", "99000000", "09 162 000",
            "０９１６２０００", "09162000000000000"})
    void givenAnythingElseThenRefused(String key) {
        assertThatThrownBy(() -> AgencyKey.parse(key)).isInstanceOfSatisfying(OrganisationException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_request"));
    }
}
