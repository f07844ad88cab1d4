package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PairwiseIdsTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void givenOnePortalThenStableAndBetweenPortalsUnrelated() {
        String a = PairwiseIds.of(KEY, "realm", "user-1", "urn:portal:a");
        assertThat(PairwiseIds.of(KEY, "realm", "user-1", "urn:portal:a")).isEqualTo(a).hasSize(43);
        assertThat(PairwiseIds.of(KEY, "realm", "user-1", "urn:portal:b")).isNotEqualTo(a);
        assertThat(PairwiseIds.of(KEY, "realm", "user-2", "urn:portal:a")).isNotEqualTo(a);
        assertThat(PairwiseIds.of(KEY, "other", "user-1", "urn:portal:a")).isNotEqualTo(a);
    }

    @Test
    void givenPartsShiftedAcrossBoundariesThenStillDifferent() {
        assertThat(PairwiseIds.of(KEY, "r", "ab", "c")).isNotEqualTo(PairwiseIds.of(KEY, "r", "a", "bc"));
    }

    @Test
    void givenShortKeyThenRefused() {
        assertThatThrownBy(() -> PairwiseIds.of(new byte[16], "r", "u", "p")).isInstanceOf(IllegalArgumentException.class);
    }
}
