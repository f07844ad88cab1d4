package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ReleaseScopesTest {

    @Test
    void givenANamelessEntryAmongTheScopesThenItIsPassedOverInsteadOfFailingTheToken() {
        // Keycloak lists a client without a display name as a scope named null.
        var released = ReleaseScopes.released(Arrays.asList("openid", null, "address"));

        assertThat(released.test("street")).isTrue();
        assertThat(released.test("birthdate")).isFalse();
    }
}
