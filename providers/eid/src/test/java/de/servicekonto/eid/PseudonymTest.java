package de.servicekonto.eid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PseudonymTest {

    private static final byte[] KEY_A = filled(1);
    private static final byte[] KEY_B = filled(2);
    private static final String RESTRICTED_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";

    @Test
    void givenSameIdAndKeyThenSameHashAndNeverTheRawValue() {
        String hash = new Pseudonym(KEY_A).of(RESTRICTED_ID);

        assertThat(hash).hasSize(64).isEqualTo(new Pseudonym(KEY_A).of(RESTRICTED_ID.toUpperCase()))
                .doesNotContain(RESTRICTED_ID);
    }

    @Test
    void givenOtherRealmKeyOrOtherIdThenOtherHash() {
        assertThat(new Pseudonym(KEY_A).of(RESTRICTED_ID)).isNotEqualTo(new Pseudonym(KEY_B).of(RESTRICTED_ID))
                .isNotEqualTo(new Pseudonym(KEY_A).of(RESTRICTED_ID.replace('a', 'b')));
    }

    @Test
    void givenShortKeyOrMalformedIdThenRefused() {
        assertThatThrownBy(() -> new Pseudonym(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        Pseudonym pseudonym = new Pseudonym(KEY_A);
        assertThatThrownBy(() -> pseudonym.of("not-hex")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pseudonym.of("ab".repeat(200))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pseudonym.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
