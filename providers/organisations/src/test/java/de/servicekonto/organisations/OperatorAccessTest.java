package de.servicekonto.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OperatorAccessTest {

    private static final String CONSOLE = "sk-operator-console";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String ROLE = "sk-authority-reviewer";

    @Test
    void givenOperatorClientAndHochInAnyVocabularyThenAllowed() {
        for (String hoch : new String[] {HIGH, "http://bsi.bund.de/eID/LoA/hoch", "STORK-QAA-Level-4"}) {
            assertThatCode(() -> OperatorAccess.check(false, true, ROLE, CONSOLE, CONSOLE, hoch)).doesNotThrowAnyException();
        }
    }

    @Test
    void givenWeakerOrMissingOrUnknownAcrThenStepUpChallengeNamingHoch() {
        for (String weak : new String[] {"http://eidas.europa.eu/LoA/low", "http://eidas.europa.eu/LoA/substantial",
                "STORK-QAA-Level-3", "1", "3", "", null, "http://eidas.europa.eu/LoA/HIGH"}) {
            assertThatThrownBy(() -> OperatorAccess.check(false, true, ROLE, CONSOLE, CONSOLE, weak))
                    .as(String.valueOf(weak)).isInstanceOfSatisfying(OrganisationException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.code()).isEqualTo("step_up_required");
                        assertThat(e.stepUpAcr()).isEqualTo(HIGH);
                    });
        }
    }

    @Test
    void givenAnotherClientThenRefusedEvenAtHochAndNoStepUpOffered() {
        for (String azp : new String[] {"demo-portal", "account-console", null, "sk-operator-console2"}) {
            assertThatThrownBy(() -> OperatorAccess.check(false, true, ROLE, azp, CONSOLE, HIGH))
                    .isInstanceOfSatisfying(OrganisationException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.code()).isEqualTo("operator_client_required");
                        assertThat(e.stepUpAcr()).isNull();
                    });
        }
    }

    @Test
    void givenNoRoleOrServiceAccountThenRefusedBeforeAnythingElse() {
        assertThatThrownBy(() -> OperatorAccess.check(false, false, ROLE, "demo-portal", CONSOLE, null))
                .isInstanceOfSatisfying(OrganisationException.class, e -> assertThat(e.code()).isEqualTo("forbidden"));
        assertThatThrownBy(() -> OperatorAccess.check(true, true, ROLE, CONSOLE, CONSOLE, HIGH))
                .isInstanceOfSatisfying(OrganisationException.class,
                        e -> assertThat(e.code()).isEqualTo("personal_account_required"));
    }

    @Test
    void givenRealmAttributeThenItNamesTheOperatorClientOtherwiseTheShippedOne() {
        assertThat(OperatorAccess.operatorClient(null)).isEqualTo(CONSOLE);
        assertThat(OperatorAccess.operatorClient("  ")).isEqualTo(CONSOLE);
        assertThat(OperatorAccess.operatorClient(" land-operator ")).isEqualTo("land-operator");
    }
}
