package de.servicekonto.trustlevel.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which calls the filter closes: only the deprecated removal, in every form Keycloak routes to it. */
class CredentialRemovalFilterTest {

    @Test
    void givenTheDeprecatedRemovalWithOrWithoutVersionThenRefused() {
        assertThat(CredentialRemovalFilter.refused("DELETE", "/realms/servicekonto/account/credentials/abc-123")).isTrue();
        assertThat(CredentialRemovalFilter.refused("DELETE", "/realms/t-1/account/v1/credentials/abc")).isTrue();
        assertThat(CredentialRemovalFilter.refused("DELETE", "/realms/t-1/account/v1alpha1/credentials/abc/")).isTrue();
        assertThat(CredentialRemovalFilter.refused("delete", "/realms/x/account/credentials/abc")).isTrue();
    }

    @Test
    void givenOtherCallsThenPassed() {
        assertThat(CredentialRemovalFilter.refused("GET", "/realms/x/account/credentials")).isFalse();
        assertThat(CredentialRemovalFilter.refused("GET", "/realms/x/account/credentials/abc")).isFalse();
        assertThat(CredentialRemovalFilter.refused("PUT", "/realms/x/account/credentials/abc/label")).isFalse();
        assertThat(CredentialRemovalFilter.refused("DELETE", "/realms/x/account/credentials")).isFalse();
        assertThat(CredentialRemovalFilter.refused("DELETE", "/realms/x/postfach/credentials/abc")).isFalse();
        assertThat(CredentialRemovalFilter.refused("DELETE", "/admin/realms/x/users/u/credentials/abc")).isFalse();
    }
}
