package de.servicekonto.trustlevel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleLimitsTest {

    @Test
    void givenConfigThenPositiveNumbersBecomeLimitsAndAnythingElseNone() {
        assertThat(IdleLimits.parse(Map.of("idle-1", "3600", "idle-2", " 1800 ", "idle-3", "abc", "idle-4", "5")))
                .containsOnly(Map.entry(1, 3600), Map.entry(2, 1800));
        assertThat(IdleLimits.parse(Map.of("idle-3", "0"))).isEmpty();
        assertThat(IdleLimits.parse(null)).isEmpty();
    }
}
