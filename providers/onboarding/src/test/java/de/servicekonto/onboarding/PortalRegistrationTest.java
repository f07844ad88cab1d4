package de.servicekonto.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.onboarding.PortalRegistration.Grant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortalRegistrationTest {

    private static final Set<Grant> CODE = Set.of(Grant.AUTHORIZATION_CODE, Grant.REFRESH_TOKEN);

    private static PortalRegistration portal(Set<Grant> grants, List<String> redirectUris,
                                             Map<String, List<String>> otherUris) {
        return new PortalRegistration(true, "openid-connect", false, false, grants, redirectUris, otherUris);
    }

    /** What mod_auth_openidc registers with {@code response_types ["code"]}: its redirect URI, its logout URIs. */
    @Test
    void givenACodeFlowPortalWithHttpsUrisThenNothingIsRefused() {
        PortalRegistration registration = portal(CODE, List.of("https://portal.example.de/redirect_uri"),
                Map.of("backchannel_logout_uri", List.of("https://portal.example.de/redirect_uri?logout=backchannel"),
                        "post_logout_redirect_uris", List.of("+")));

        assertThat(registration.refusals()).isEmpty();
    }

    @Test
    void givenAPortalUnderDevelopmentThenHttpOnLocalhostAndLoopbackIsAllowed() {
        assertThat(portal(CODE, List.of("http://localhost:8081/callback", "http://127.0.0.1:9000/redirect_uri",
                "http://[::1]:9000/cb"), Map.of()).refusals()).isEmpty();
    }

    @Test
    void givenHttpToARemoteHostThenRefused() {
        assertThat(portal(CODE, List.of("http://portal.example.de/redirect_uri"), Map.of()).refusals())
                .singleElement().asString().contains("redirect_uris", "http://portal.example.de/redirect_uri", "https");
    }

    @Test
    void givenAnHttpBackChannelLogoutUriToARemoteHostThenRefused() {
        assertThat(portal(CODE, List.of("https://portal.example.de/cb"),
                Map.of("backchannel_logout_uri", List.of("http://10.0.0.7/logout"))).refusals())
                .singleElement().asString().startsWith("backchannel_logout_uri");
    }

    @Test
    void givenWildcardsUserInfoFragmentsOrRelativeUrisThenEachIsRefused() {
        List<String> uris = List.of("https://portal.example.de/*", "*", "https://user:pw@portal.example.de/cb",
                "https://portal.example.de/cb#x", "/cb", "javascript:alert(1)", "");

        assertThat(portal(CODE, uris, Map.of()).refusals()).hasSize(uris.size());
    }

    @Test
    void givenNoRedirectUriThenRefused() {
        assertThat(portal(CODE, List.of(), Map.of()).refusals()).containsExactly("a portal names its redirect_uris");
    }

    @Test
    void givenImplicitServiceAccountOrPasswordGrantThenEachIsRefused() {
        assertThat(portal(Set.of(Grant.AUTHORIZATION_CODE, Grant.IMPLICIT), List.of("https://p.example.de/cb"), Map.of())
                .refusals()).singleElement().asString().contains("implicit");
        assertThat(portal(Set.of(Grant.AUTHORIZATION_CODE, Grant.CLIENT_CREDENTIALS), List.of("https://p.example.de/cb"),
                Map.of()).refusals()).singleElement().asString().contains("service account");
        assertThat(portal(Set.of(Grant.AUTHORIZATION_CODE, Grant.PASSWORD), List.of("https://p.example.de/cb"), Map.of())
                .refusals()).singleElement().asString().contains("password");
    }

    @Test
    void givenEveryOtherGrantThenEachIsRefused() {
        Set<Grant> others = Set.of(Grant.DEVICE_CODE, Grant.CIBA, Grant.TOKEN_EXCHANGE, Grant.JWT_BEARER, Grant.UMA);
        java.util.EnumSet<Grant> grants = java.util.EnumSet.of(Grant.AUTHORIZATION_CODE);
        grants.addAll(others);

        assertThat(portal(grants, List.of("https://p.example.de/cb"), Map.of()).refusals()).hasSize(others.size());
    }

    @Test
    void givenNoCodeFlowThenRefused() {
        assertThat(portal(Set.of(), List.of("https://p.example.de/cb"), Map.of()).refusals())
                .containsExactly("a portal uses the authorization code flow (response_types code)");
    }

    @Test
    void givenAPublicOrBearerOnlyClientThenRefused() {
        PortalRegistration publicClient = new PortalRegistration(true, "openid-connect", true, false, CODE,
                List.of("https://p.example.de/cb"), Map.of());
        PortalRegistration bearerOnly = new PortalRegistration(true, "openid-connect", false, true, CODE,
                List.of("https://p.example.de/cb"), Map.of());

        assertThat(publicClient.refusals()).singleElement().asString().contains("confidential");
        assertThat(bearerOnly.refusals()).singleElement().asString().contains("bearer-only");
    }

    /** Keycloak's own endpoint takes a whole client representation (mappers, flow overrides); SAML is imported. */
    @Test
    void givenKeycloaksOwnEndpointOrASamlClientThenRefused() {
        PortalRegistration keycloakEndpoint = new PortalRegistration(false, "openid-connect", false, false, CODE,
                List.of("https://p.example.de/cb"), Map.of());
        PortalRegistration saml = new PortalRegistration(true, "saml", false, false, CODE,
                List.of("https://p.example.de/cb"), Map.of());

        assertThat(keycloakEndpoint.refusals()).singleElement().asString().contains("/clients-registrations/openid-connect");
        assertThat(saml.refusals()).singleElement().asString().contains("/clients-registrations/openid-connect");
    }

    @Test
    void givenAPlusOutsideThePostLogoutUrisThenRefused() {
        assertThat(portal(CODE, List.of("+"), Map.of()).refusals()).hasSize(1);
    }
}
