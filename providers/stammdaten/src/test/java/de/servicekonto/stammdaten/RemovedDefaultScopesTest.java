package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.stammdaten.saml.RemovedDefaultScopes;
import org.junit.jupiter.api.Test;

class RemovedDefaultScopesTest {

    @Test
    void givenNoAttributeThenNothingIsRemoved() {
        assertThat(RemovedDefaultScopes.names(null)).isEmpty();
        assertThat(RemovedDefaultScopes.names(" , ")).isEmpty();
    }

    @Test
    void givenNamesThenEachOnceInOrder() {
        assertThat(RemovedDefaultScopes.names(" role_list, saml_organization ,role_list")).containsExactly("role_list",
                "saml_organization");
    }

    @Test
    void givenSomethingThatIsNoScopeNameThenRefused() {
        assertThatThrownBy(() -> RemovedDefaultScopes.names("role_list;drop")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemovedDefaultScopes.names("x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
    }
}
