package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvisibleCharactersTest {

    @Test
    void givenEachBidiControlThenRefused() {
        for (int c : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
                0x061C}) {
            assertThat(InvisibleCharacters.containsAny("Rechnung" + Character.toString(c) + "fdp.exe"))
                    .as("U+%04X", c).isTrue();
        }
    }

    @Test
    void givenEachZeroWidthCharacterThenRefused() {
        for (int c : new int[] {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF}) {
            assertThat(InvisibleCharacters.containsAny(Character.toString(c) + "Bescheid")).as("U+%04X", c).isTrue();
        }
    }

    @Test
    void givenOrdinaryTextInAnyScriptThenAllowed() {
        assertThat(InvisibleCharacters.containsAny("Bescheid über Grundsteuer 2026 (Änderung) – €")).isFalse();
        assertThat(InvisibleCharacters.containsAny("مرحبا שלום Привет 你好 🙂")).isFalse();
        assertThat(InvisibleCharacters.containsAny(null)).isFalse();
        // Neighbours of the refused ranges stay allowed.
        for (int c : new int[] {0x200A, 0x2010, 0x2029, 0x202F, 0x205F, 0x2065, 0x206A, 0xFEFE, 0x061B}) {
            assertThat(InvisibleCharacters.isRefused(c)).as("U+%04X", c).isFalse();
        }
    }

    @Test
    void givenASenderNameWithAnOverrideThenShownWithout() {
        assertThat(InvisibleCharacters.strip("Anna \u202EtmA\u200B Beispiel")).isEqualTo("Anna tmA Beispiel");
        assertThat(InvisibleCharacters.strip("Jürgen Müller-Lüdenscheidt")).isEqualTo("Jürgen Müller-Lüdenscheidt");
    }
}
