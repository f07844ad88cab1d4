package de.servicekonto.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AssociatedDataTest {

    @Test
    void givenSamePartsThenEqualEncoding() {
        assertThat(AssociatedData.of("message", "42", "subject")).isEqualTo(AssociatedData.of("message", "42", "subject"))
                .hasSameHashCodeAs(AssociatedData.of("message", "42", "subject"));
    }

    @Test
    void givenPartsSplitDifferentlyThenDifferentEncoding() {
        assertThat(AssociatedData.of("ab", "c")).isNotEqualTo(AssociatedData.of("a", "bc"))
                .isNotEqualTo(AssociatedData.of("abc"));
        assertThat(AssociatedData.of("a", "")).isNotEqualTo(AssociatedData.of("a"));
        assertThat(AssociatedData.of("a", "b")).isNotEqualTo(AssociatedData.of("b", "a"));
    }

    @Test
    void givenNonAsciiPartThenLengthCountsUtf8Bytes() {
        // "ä" is two UTF-8 bytes: 4 length bytes + 2.
        assertThat(AssociatedData.of("ä").encoded()).containsExactly(0, 0, 0, 2, 0xc3 - 256, 0xa4 - 256);
    }

    @Test
    void givenNoPartsOrNullPartThenRefused() {
        assertThatThrownBy(AssociatedData::of).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AssociatedData.of("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void toStringShowsNoParts() {
        assertThat(AssociatedData.of("user-4711", "subject")).hasToString("AssociatedData[2 parts]");
    }
}
