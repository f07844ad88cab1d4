package de.servicekonto.postfach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void givenCursorThenItRoundTrips() {
        PageCursor cursor = new PageCursor(1763900000000L, "0b5c2f4e-6f0a-4c55-9d55-1d2b3c4d5e6f");
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).doesNotContain("=", "+", "/");
    }

    @Test
    void givenAnythingElseThenInvalid() {
        for (String bad : new String[] {"", "%%%", "x".repeat(200),
                Base64.getUrlEncoder().encodeToString("abc:id".getBytes()),
                Base64.getUrlEncoder().encodeToString("12:bad id;drop".getBytes()),
                Base64.getUrlEncoder().encodeToString("-5:id".getBytes()),
                Base64.getUrlEncoder().encodeToString("12".getBytes())}) {
            assertThatThrownBy(() -> PageCursor.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> PageCursor.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
