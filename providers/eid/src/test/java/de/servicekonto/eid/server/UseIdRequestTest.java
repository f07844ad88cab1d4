package de.servicekonto.eid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UseIdRequestTest {

    @Test
    void givenNoOperationsThenEveryFieldIsProhibitedInWireOrder() {
        UseIdRequest request = new UseIdRequest(null, 0, null);

        assertThat(request.operations().keySet()).containsExactly(EidField.values());
        assertThat(request.operations().values()).containsOnly(UseOperation.PROHIBITED);
        assertThat(request.verifiesAge()).isFalse();
    }

    @Test
    void givenMinimumAgeThenAgeVerificationBecomesRequired() {
        UseIdRequest request = new UseIdRequest(Map.of(EidField.GIVEN_NAMES, UseOperation.REQUIRED), 16, null);

        assertThat(request.operation(EidField.AGE_VERIFICATION)).isEqualTo(UseOperation.REQUIRED);
        assertThat(request.operation(EidField.GIVEN_NAMES)).isEqualTo(UseOperation.REQUIRED);
        assertThat(request.operation(EidField.FAMILY_NAMES)).isEqualTo(UseOperation.PROHIBITED);
        assertThat(request.verifiesAge()).isTrue();
    }

    @Test
    void givenContradictoryAgeSettingsThenRejected() {
        assertThatThrownBy(() -> new UseIdRequest(Map.of(EidField.AGE_VERIFICATION, UseOperation.REQUIRED), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UseIdRequest(Map.of(EidField.AGE_VERIFICATION, UseOperation.ALLOWED), 0, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UseIdRequest(Map.of(EidField.AGE_VERIFICATION, UseOperation.PROHIBITED), 18,
                null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenAgeOutOfRangeThenRejected() {
        assertThatThrownBy(() -> new UseIdRequest(null, -1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UseIdRequest(null, 151, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new UseIdRequest(null, 150, null).minimumAge()).isEqualTo(150);
    }

    @Test
    void givenLevelOfAssuranceThenItMustBeAnAbsoluteUri() {
        assertThat(new UseIdRequest(null, 0, UseIdRequest.LOA_SUBSTANTIAL).levelOfAssurance())
                .isEqualTo("http://bsi.bund.de/eID/LoA/substantiell");
        assertThatThrownBy(() -> new UseIdRequest(null, 0, "hoch")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UseIdRequest(null, 0, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UseIdRequest(null, 0, "http://x/<y>")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenNullEntriesThenRejected() {
        Map<EidField, UseOperation> withNullValue = new HashMap<>();
        withNullValue.put(EidField.GIVEN_NAMES, null);
        assertThatThrownBy(() -> new UseIdRequest(withNullValue)).isInstanceOf(IllegalArgumentException.class);
        Map<EidField, UseOperation> withNullKey = new HashMap<>();
        withNullKey.put(null, UseOperation.REQUIRED);
        assertThatThrownBy(() -> new UseIdRequest(withNullKey)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenCallerChangesItsMapLaterThenRequestStaysTheSame() {
        Map<EidField, UseOperation> operations = new EnumMap<>(EidField.class);
        operations.put(EidField.GIVEN_NAMES, UseOperation.REQUIRED);
        UseIdRequest request = new UseIdRequest(operations);

        operations.put(EidField.GIVEN_NAMES, UseOperation.PROHIBITED);

        assertThat(request.operation(EidField.GIVEN_NAMES)).isEqualTo(UseOperation.REQUIRED);
        assertThatThrownBy(() -> request.operations().put(EidField.BIRTH_NAME, UseOperation.ALLOWED))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
