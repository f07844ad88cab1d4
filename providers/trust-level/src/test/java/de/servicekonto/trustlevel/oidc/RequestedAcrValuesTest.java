package de.servicekonto.trustlevel.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RequestedAcrValuesTest {

    private static final List<String> KNOWN = List.of("http://eidas.europa.eu/LoA/low", "http://eidas.europa.eu/LoA/high",
            "STORK-QAA-Level-4");

    @Test
    void givenNothingRequestedThenNoProblem() {
        assertThat(RequestedAcrValues.problem(null, List.of(), KNOWN)).isEmpty();
    }

    @Test
    void givenKnownValuesInParameterAndClaimThenNoProblem() {
        assertThat(RequestedAcrValues.problem(" http://eidas.europa.eu/LoA/low  STORK-QAA-Level-4 ",
                List.of("http://eidas.europa.eu/LoA/high"), KNOWN)).isEmpty();
    }

    @Test
    void givenUnknownValueThenProblemNamesTheSupportedValues() {
        assertThat(RequestedAcrValues.problem("http://eidas.europa.eu/LoA/hihg", List.of(), KNOWN))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("unknown acr value").contains("STORK-QAA-Level-4"));
    }

    @Test
    void givenUnknownValueInClaimThenProblem() {
        assertThat(RequestedAcrValues.problem(null, List.of("gold"), KNOWN)).isPresent();
    }

    @Test
    void givenNumericLevelThenProblem() {
        // Keycloak would take "3" as a raw level; portals must name the level in a vocabulary we answer in.
        assertThat(RequestedAcrValues.problem("3", List.of(), KNOWN)).isPresent();
    }

    @Test
    void givenOversizedOrTooManyValuesThenProblem() {
        assertThat(RequestedAcrValues.problem("x".repeat(RequestedAcrValues.MAX_PARAMETER_LENGTH + 1), List.of(), KNOWN))
                .contains("acr_values is too long");
        String many = String.join(" ", java.util.Collections.nCopies(RequestedAcrValues.MAX_VALUES + 1, "STORK-QAA-Level-4"));
        assertThat(RequestedAcrValues.problem(many, List.of(), KNOWN)).contains("too many acr values");
    }
}
