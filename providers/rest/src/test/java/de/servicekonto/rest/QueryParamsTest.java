package de.servicekonto.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryParamsTest {

    @Test
    void givenNoValueThenTheFallback() {
        assertThat(QueryParams.bounded("max", null, 50, 1, 200)).isEqualTo(50);
        assertThat(QueryParams.bounded("max", "", 50, 1, 200)).isEqualTo(50);
    }

    @Test
    void givenAValueInRangeThenThatValueBoundsIncluded() {
        assertThat(QueryParams.bounded("max", "1", 50, 1, 200)).isEqualTo(1);
        assertThat(QueryParams.bounded("max", "200", 50, 1, 200)).isEqualTo(200);
        assertThat(QueryParams.bounded("first", "0", 0, 0, 100_000)).isZero();
        assertThat(QueryParams.bounded("first", "0100", 0, 0, 100_000)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "+5", " 5", "5 ", "abc", "1e2", "99999999999", "2147483648", "１０"})
    void givenAnythingElseThen400InvalidRequestNamingTheParameterAndRange(String bad) {
        assertThatThrownBy(() -> QueryParams.bounded("max", bad, 50, 1, 200))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.code()).isEqualTo("invalid_request");
                    assertThat(e.description()).isEqualTo("max must be a whole number from 1 to 200");
                });
    }
}
