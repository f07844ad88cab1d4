package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A portal that asks for consent: the German screen names exactly what it will receive, and it receives no more. */
@ServicekontoServerTest
class ConsentIT {

    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String PROFILE_TEXT = "Name und Geburtsdaten: Benutzername, Vornamen, Familienname, Geburtsname";
    private static final String ADDRESS_TEXT = "Anschrift: Straße und Hausnummer, Postleitzahl, Ort, Land";
    private static final String EMAIL_TEXT = "E-Mail-Adresse (mit der Angabe, ob sie bestätigt ist) und De-Mail-Adresse";

    private static String portal;

    @BeforeAll
    static void portalWithConsent(ServicekontoServer server) {
        portal = "consent-portal-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", portal, "name", "Bürgeramt Musterstadt", "protocol", "openid-connect", "publicClient", false,
                "secret", "secret-" + portal, "standardFlowEnabled", true, "consentRequired", true,
                "redirectUris", List.of(DEMO_OIDC_REDIRECT), "attributes", Map.of("pkce.code.challenge.method", "S256"),
                "protocolMappers", List.of(Map.of("name", "Stammdaten", "protocol", "openid-connect",
                        "protocolMapper", "sk-oidc-stammdaten-mapper",
                        "config", Map.of("id.token.claim", "true", "access.token.claim", "false", "userinfo.token.claim", "true")))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void givenDefaultScopesThenTheScreenListsNameBirthAndMailButNoAddressAndTheTokenHasNoAddress(ServicekontoServer server) {
        String username = citizen(server);
        OidcFlow flow = flow(server);

        HttpResponse<String> consent = flow.follow(flow.login(flow.authorize(Map.of()), username, PASSWORD));

        String text = Jsoup.parse(consent.body()).text();
        assertThat(text).contains("Daten an Bürgeramt Musterstadt übermitteln").contains(PROFILE_TEXT).contains(EMAIL_TEXT)
                .doesNotContain("Anschrift");
        JsonNode idToken = accept(flow, consent);
        assertThat(idToken.path("given_name").asText()).isEqualTo("Clara");
        assertThat(idToken.path("birth_family_name").asText()).isEqualTo("Früher");
        assertThat(idToken.path("place_of_birth").path("locality").asText()).isEqualTo("Leipzig");
        assertThat(idToken.has("address")).isFalse();
        assertThat(idToken.has("phone_number")).as("phone not granted").isFalse();
    }

    @Test
    void givenAddressRequestedThenTheScreenAddsTheAddressLineAndOnlyThenTheAddressIsReleased(ServicekontoServer server) {
        String username = citizen(server);
        OidcFlow flow = flow(server);

        HttpResponse<String> consent = flow.follow(flow.login(flow.authorize(Map.of("scope", "openid address")), username, PASSWORD));

        assertThat(Jsoup.parse(consent.body()).text()).contains(PROFILE_TEXT).contains(ADDRESS_TEXT);
        JsonNode idToken = accept(flow, consent);
        // Exactly the screen's line: street and house number, postal code, city, country.
        JsonNode address = idToken.path("address");
        assertThat(address.path("street_address").asText()).isEqualTo("Markt 1");
        assertThat(address.path("locality").asText()).isEqualTo("Leipzig");
        assertThat(address.path("postal_code").asText()).isEqualTo("04109");
        assertThat(address.path("country").asText()).isEqualTo("DE");
        assertThat(address.properties()).extracting(java.util.Map.Entry::getKey)
                .containsExactlyInAnyOrder("street_address", "postal_code", "locality", "country");
    }

    @Test
    void givenCitizenSaysNoThenThePortalGetsAccessDeniedAndNoCode(ServicekontoServer server) {
        OidcFlow flow = flow(server);
        HttpResponse<String> consent = flow.follow(flow.login(flow.authorize(Map.of()), citizen(server), PASSWORD));

        HttpResponse<String> refused = EidLogin.press(flow.browser(), consent, "kc-cancel");

        Map<String, String> query = BrowserlessClient.query(URI.create(refused.headers().firstValue("Location").orElseThrow()));
        assertThat(query).containsEntry("error", "access_denied").doesNotContainKey("code");
    }

    private static JsonNode accept(OidcFlow flow, HttpResponse<String> consent) {
        HttpResponse<String> granted = EidLogin.press(flow.browser(), consent, "kc-login");
        return Json.jwtClaims(flow.exchange(flow.callback(granted).get("code")).path("id_token").asText());
    }

    private static String citizen(ServicekontoServer server) {
        String username = "consent-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", "Clara", "lastName", "Zustimmer",
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1990-01-02"), "birthName", List.of("Früher"),
                        "placeOfBirth", List.of("Leipzig"), "street", List.of("Markt"), "houseNumber", List.of("1"),
                        "postal_code", List.of("04109"), "locality", List.of("Leipzig"), "country", List.of("DE"),
                        "phoneNumber", List.of("+49 341 123456")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }

    private static OidcFlow flow(ServicekontoServer server) {
        return new OidcFlow(server.realmUri(), portal, "secret-" + portal, DEMO_OIDC_REDIRECT);
    }
}
