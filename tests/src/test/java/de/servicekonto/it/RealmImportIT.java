package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@ServicekontoServerTest
class RealmImportIT {

    @Test
    void givenFirstStartThenExampleRealmIsImportedWithServicekontoSettings(ServicekontoServer server) {
        JsonNode realm = server.admin().get("/realms/servicekonto");

        assertThat(realm.path("displayName").asText()).isEqualTo("Servicekonto");
        assertThat(realm.path("enabled").asBoolean()).isTrue();
        assertThat(realm.path("loginTheme").asText()).isEqualTo("servicekonto");
        assertThat(realm.path("emailTheme").asText()).isEqualTo("servicekonto");
        assertThat(realm.path("accountTheme").asText()).isEqualTo("servicekonto");
        assertThat(realm.path("internationalizationEnabled").asBoolean()).isTrue();
        assertThat(realm.path("defaultLocale").asText()).isEqualTo("de");
        assertThat(texts(realm.path("supportedLocales"))).containsExactlyInAnyOrder("de", "en");
        assertThat(realm.path("registrationAllowed").asBoolean()).isTrue();
        assertThat(realm.path("verifyEmail").asBoolean()).isTrue();
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("failureFactor").asInt()).isEqualTo(9);
        assertThat(realm.at("/smtpServer/port").asText()).isEqualTo(String.valueOf(server.mail().getSmtp().getPort()));
        // No flow asks for a one-time code or a recovery code: the account console must not offer to set them up (a
        // citizen would believe in a second factor that is never checked). Passkeys are the second factor.
        for (String unused : List.of("CONFIGURE_TOTP", "CONFIGURE_RECOVERY_AUTHN_CODES")) {
            JsonNode action = server.admin().get("/realms/servicekonto/authentication/required-actions/" + unused);
            assertThat(action.path("enabled").asBoolean()).as(unused).isFalse();
        }
        assertThat(realm.path("resetCredentialsFlow").asText()).isEqualTo("servicekonto-reset-credentials");
    }

    /**
     * The realm file's client registration policies replace Keycloak's defaults (Keycloak 26.7.3 adds its own only to
     * a realm without any): registrations with a token meet ours, and anonymous ones a trusted-hosts policy without
     * hosts, which refuses every one.
     */
    @Test
    void givenFirstStartThenSelfRegisteringPortalsMeetTheRealmsRegistrationPolicies(ServicekontoServer server) {
        JsonNode policies = server.admin().get("/realms/servicekonto/components?type="
                + "org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy");
        Map<String, List<String>> bySubType = new java.util.TreeMap<>();
        policies.forEach(policy -> bySubType.computeIfAbsent(policy.path("subType").asText(), key -> new ArrayList<>())
                .add(policy.path("providerId").asText()));

        assertThat(bySubType.get("authenticated")).containsExactlyInAnyOrder("sk-portal-registration",
                "allowed-client-templates", "allowed-protocol-mappers", "scope", "max-clients");
        assertThat(bySubType.get("anonymous")).containsExactlyInAnyOrder("trusted-hosts", "sk-portal-registration",
                "allowed-client-templates", "allowed-protocol-mappers", "scope", "max-clients");
        policies.forEach(policy -> {
            if (policy.path("providerId").asText().equals("trusted-hosts")) {
                assertThat(policy.at("/config/trusted-hosts").size()).isZero();
            }
            if (policy.path("providerId").asText().equals("allowed-protocol-mappers")) {
                assertThat(policy.at("/config/allowed-protocol-mapper-types").size()).isZero();
            }
        });
    }

    @Test
    void givenFirstStartThenDemoPortalsForOidcAndSamlAreRegistered(ServicekontoServer server) {
        JsonNode oidc = server.admin().get("/realms/servicekonto/clients?clientId=demo-portal").path(0);
        assertThat(oidc.path("protocol").asText()).isEqualTo("openid-connect");
        assertThat(oidc.path("publicClient").asBoolean()).isFalse();
        assertThat(oidc.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(oidc.at("/attributes/pkce.code.challenge.method").asText()).isEqualTo("S256");

        JsonNode saml = server.admin().get("/realms/servicekonto/clients?clientId=http://localhost:8081/saml/metadata").path(0);
        assertThat(saml.path("protocol").asText()).isEqualTo("saml");
        assertThat(saml.at("/attributes/saml.server.signature").asText()).isEqualTo("true");
        // A portal built for BundID switches by metadata alone: the example SAML client names no mapper of its own
        // and has the BundID profile from the realm's default SAML scope.
        assertThat(saml.path("protocolMappers").size()).isZero();
        List<String> scopes = new ArrayList<>();
        server.admin().get("/realms/servicekonto/clients/" + saml.path("id").asText() + "/default-client-scopes")
                .forEach(scope -> scopes.add(scope.path("name").asText()));
        assertThat(scopes).contains("sk-saml-servicekonto").doesNotContain("role_list");
    }

    @Test
    void givenFirstStartThenTheDemoPortalReachesThePostfachWithTheImportedScopes(ServicekontoServer server) {
        de.servicekonto.it.support.OidcFlow flow = new de.servicekonto.it.support.OidcFlow(server.realmUri(),
                ServicekontoServer.DEMO_OIDC_CLIENT, ServicekontoServer.DEMO_OIDC_SECRET, ServicekontoServer.DEMO_OIDC_REDIRECT);
        Map<String, String> callback = flow.callback(flow.login(flow.authorize(Map.of("scope",
                "openid postfach:read postfach:send")), ServicekontoServer.DEMO_USER, ServicekontoServer.DEMO_PASSWORD));
        JsonNode tokens = flow.exchange(callback.get("code"));
        JsonNode access = de.servicekonto.it.support.Json.jwtClaims(tokens.path("access_token").asText());
        assertThat(access.path("scope").asText()).contains("postfach:read").contains("postfach:send");
        assertThat(access.path("aud").toString()).contains("postfach");
        // The portal's default scopes are still there.
        assertThat(de.servicekonto.it.support.Json.jwtClaims(tokens.path("id_token").asText()).path("email").asText())
                .isNotEmpty();

        HttpResponse<String> folders = de.servicekonto.it.support.Http.send(java.net.http.HttpClient.newHttpClient(),
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.realmUri() + "/postfach/mailboxes/me/folders"))
                        .header("Authorization", "Bearer " + tokens.path("access_token").asText()).GET().build());
        assertThat(folders.statusCode()).as(folders.body()).isEqualTo(200);
    }

    @Test
    void givenThemeInstalledThenItsStylesheetIsServed(ServicekontoServer server) {
        HttpResponse<String> css = new BrowserlessClient().get(server.baseUri().resolve(
                "/resources/" + resourceVersion(server) + "/login/servicekonto/css/servicekonto.css"));
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body()).contains("--pf-v5-global--primary-color--100");
    }

    private static String resourceVersion(ServicekontoServer server) {
        // The login page links its resources under /resources/{version}/…; take the segment from there.
        HttpResponse<String> page = new BrowserlessClient().get(server.realmUri().resolve(
                "/realms/servicekonto/protocol/openid-connect/auth?client_id=demo-portal&response_type=code"
                        + "&redirect_uri=http%3A%2F%2Flocalhost%3A8081%2Fcallback&scope=openid"
                        + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"));
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("/resources/([^/]+)/login/servicekonto/")
                .matcher(page.body());
        assertThat(matcher.find()).as("login page links our theme's resources").isTrue();
        return matcher.group(1);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }
}
