package de.servicekonto.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.rest.ApiException;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void givenNoParametersThenTheFirstFifty() {
        assertThat(Page.of(null, null)).isEqualTo(new Page(0, Page.DEFAULT_MAX));
        assertThat(Page.of("", "")).isEqualTo(new Page(0, Page.DEFAULT_MAX));
    }

    @Test
    void givenOutOfBoundsThen400InvalidRequestNamingTheParameter() {
        assertThatThrownBy(() -> Page.of(null, "201")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code() + " " + e.description()).isEqualTo("invalid_request max must be a whole number from 1 to 200"));
        assertThatThrownBy(() -> Page.of("100001", null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code() + " " + e.description()).isEqualTo("invalid_request first must be a whole number from 0 to 100000"));
    }
}
