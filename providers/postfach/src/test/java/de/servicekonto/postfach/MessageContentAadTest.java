package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.crypto.AssociatedData;
import org.junit.jupiter.api.Test;

class MessageContentAadTest {

    private static AssociatedData current(String mailbox, int loa, boolean notice, String field) {
        return MessageContentAad.of(MessageContentAad.CURRENT, "realm", "u:1", "m1", mailbox, loa, notice, field);
    }

    @Test
    void givenRowFromBeforeTheColumnThenTheAssociatedDataOfThePreviousVersion() {
        assertThat(MessageContentAad.formatOf(null)).isEqualTo(MessageContentAad.LEGACY);
        // Exactly what PostfachService bound before, so those rows still decrypt.
        assertThat(MessageContentAad.of(MessageContentAad.LEGACY, "realm", "u:1", "m1", "b1", 4, true, "subject"))
                .isEqualTo(AssociatedData.of("sk-postfach", "realm", "u:1", "m1", "subject"));
    }

    @Test
    void givenCurrentFormatThenLevelNoticeFlagAndMailboxAreBound() {
        AssociatedData stored = current("b1", 4, false, "subject");
        assertThat(current("b1", 4, false, "subject")).isEqualTo(stored);
        assertThat(current("b1", 1, false, "subject")).isNotEqualTo(stored);
        assertThat(current("b1", 4, true, "subject")).isNotEqualTo(stored);
        assertThat(current("b2", 4, false, "subject")).isNotEqualTo(stored);
        assertThat(current("b1", 4, false, "body")).isNotEqualTo(stored);
        // A downgrade of the format column does not give the same associated data either.
        assertThat(MessageContentAad.of(MessageContentAad.LEGACY, "realm", "u:1", "m1", "b1", 4, false, "subject"))
                .isNotEqualTo(stored);
    }

    @Test
    void givenUnknownFormatThenRefused() {
        assertThat(MessageContentAad.formatOf(2)).isEqualTo(2);
        assertThatThrownBy(() -> MessageContentAad.of(3, "realm", "u:1", "m1", "b1", 4, false, "subject"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
