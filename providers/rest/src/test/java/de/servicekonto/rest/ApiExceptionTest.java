package de.servicekonto.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiExceptionTest {

    @Test
    void givenARefusalThenTheBodyIsErrorAndDescriptionInThatOrder() {
        ApiException e = new ApiException(409, "conflict", "changed concurrently");

        assertThat(e.body()).containsExactly(Map.entry("error", "conflict"),
                Map.entry("error_description", "changed concurrently"));
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void givenExtraMembersThenTheyFollowAndCannotReplaceTheCode() {
        ApiException e = new ApiException(403, "forbidden", "no", Map.of("error", "other", "hint", "x"));

        assertThat(e.body()).containsEntry("error", "forbidden").containsEntry("hint", "x").hasSize(3);
    }

    @Test
    void givenA401ThenTheChallengeNamesTheApi() {
        assertThat(ApiException.unauthorized("token needed").challenge("postfach")).isEqualTo("Bearer realm=\"postfach\"");
        assertThat(ApiException.forbidden("forbidden", "no").challenge("postfach")).isNull();
    }

    @Test
    void givenAStepUpThenRfc9470ChallengeAndTheAcrInTheBody() {
        ApiException e = ApiException.stepUp("hoch", "login at hoch needed", Map.of("trustLevel", "hoch"));

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isEqualTo(ApiException.STEP_UP_REQUIRED);
        assertThat(e.body()).containsEntry("acr", "hoch").containsEntry("trustLevel", "hoch");
        assertThat(e.challenge("sk-organisations")).isEqualTo("Bearer realm=\"sk-organisations\", "
                + "error=\"insufficient_user_authentication\", error_description=\"A stronger login is required\", "
                + "acr_values=\"hoch\"");
    }

    @Test
    void givenNoErrorStatusThenRefused() {
        assertThatThrownBy(() -> new ApiException(200, "ok", "fine")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiException(400, " ", "blank")).isInstanceOf(IllegalArgumentException.class);
    }
}
