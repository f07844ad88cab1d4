package de.servicekonto.postfach.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FachverfahrenTokenTest {

    @Test
    void givenTokenIssuedToTheServiceAccountsOwnClientThenItActsForIt() {
        assertThat(FachverfahrenToken.isOwn("fachverfahren-1", "fachverfahren-1")).isTrue();
    }

    @Test
    void givenTokenHeldByAnotherClientOrWithoutAzpThenNot() {
        assertThat(FachverfahrenToken.isOwn("fachverfahren-1", "portal")).isFalse();
        assertThat(FachverfahrenToken.isOwn("fachverfahren-1", null)).isFalse();
        assertThat(FachverfahrenToken.isOwn(null, null)).isFalse();
        assertThat(FachverfahrenToken.isOwn("fachverfahren-1", "FACHVERFAHREN-1")).isFalse();
    }
}
