package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A citizen of another state logs in with that state's Servicekonto (FINK): a second realm on the same server plays
 * the partner (a SAML IdP that signs its assertions and states the level in our trust-level attribute, here fixed at
 * substanziell), registered here as Keycloak's SAML identity provider with the realm's broker flows and the level it
 * is trusted for ({@code sk.trust.max}). The session's level is what the partner vouched for, never more than that
 * setting, and a portal asking for more is refused.
 */
@ServicekontoServerTest
class FinkLoginIT {

    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String LOW = "http://eidas.europa.eu/LoA/low";
    private static final String SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String PASSWORD = "Partner-Passwort-2026";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String PARTNER = "land-b-" + SUFFIX;
    private static final String ALIAS = "fink-" + SUFFIX;

    @BeforeAll
    static void aPartnerStateAndItsIdentityProvider(ServicekontoServer server) {
        String ours = server.realmUri().toString();
        String acs = ours + "/broker/" + ALIAS + "/endpoint";
        Map<String, Object> partner = new LinkedHashMap<>();
        partner.put("realm", PARTNER);
        partner.put("enabled", true);
        partner.put("users", List.of(citizen("anna", "Anna", "Beispiel", "1990-05-17"),
                citizen("ben", "Ben", "Beispiel", "1985-01-02")));
        partner.put("clients", List.of(Map.of(
                "clientId", ours, "protocol", "saml", "enabled", true, "redirectUris", List.of(acs),
                "attributes", Map.of("saml.assertion.signature", "true", "saml.server.signature", "true",
                        "saml.client.signature", "false", "saml.authnstatement", "true",
                        "saml_name_id_format", "persistent", "saml.force.name.id.format", "true",
                        "saml_assertion_consumer_url_post", acs),
                "protocolMappers", List.of(
                        hardcoded("trust level", TRUST_LEVEL, "STORK-QAA-Level-3"),
                        property("first name", "firstName", "urn:oid:2.5.4.42"),
                        property("last name", "lastName", "urn:oid:2.5.4.4"),
                        property("e-mail", "email", "urn:oid:0.9.2342.19200300.100.1.3"),
                        attribute("birth date", "birthdate", "urn:oid:1.2.40.0.10.2.1.1.55")))));
        HttpResponse<String> created = server.admin().post("/realms", partner);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String certificate = StreamSupport.stream(server.admin().get("/realms/" + PARTNER + "/keys").path("keys")
                        .spliterator(), false)
                .filter(key -> "RS256".equals(key.path("algorithm").asText()) && key.hasNonNull("certificate"))
                .findFirst().orElseThrow().path("certificate").asText();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("idpEntityId", server.baseUri() + "/realms/" + PARTNER);
        config.put("singleSignOnServiceUrl", server.baseUri() + "/realms/" + PARTNER + "/protocol/saml");
        config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        config.put("principalType", "SUBJECT");
        config.put("postBindingAuthnRequest", "true");
        config.put("postBindingResponse", "true");
        config.put("validateSignature", "true");
        config.put("wantAssertionsSigned", "true");
        config.put("signingCertificate", certificate);
        config.put("syncMode", "IMPORT");
        config.put("sk.trust.max", "substanziell");
        config.put("sk.trust.means", "FINK");
        HttpResponse<String> idp = server.admin().post("/realms/servicekonto/identity-provider/instances", Map.of(
                "alias", ALIAS, "displayName", "Servicekonto Land B", "providerId", "saml", "enabled", true,
                "trustEmail", true, "firstBrokerLoginFlowAlias", "servicekonto-first-broker-login",
                "postBrokerLoginFlowAlias", "servicekonto-post-broker-login", "config", config));
        assertThat(idp.statusCode()).as(idp.body()).isEqualTo(201);
        for (Map<String, Object> mapper : List.of(
                importer("first name", "urn:oid:2.5.4.42", "firstName"),
                importer("last name", "urn:oid:2.5.4.4", "lastName"),
                importer("e-mail", "urn:oid:0.9.2342.19200300.100.1.3", "email"),
                importer("birth date", "urn:oid:1.2.40.0.10.2.1.1.55", "birthdate"),
                Map.of("name", "user name", "identityProviderAlias", ALIAS, "identityProviderMapper",
                        "saml-username-idp-mapper", "config", Map.of("syncMode", "IMPORT", "template", "${ALIAS}.${NAMEID}")))) {
            HttpResponse<String> added = server.admin().post("/realms/servicekonto/identity-provider/instances/" + ALIAS
                    + "/mappers", mapper);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        }
    }

    @AfterAll
    static void removeThePartner(ServicekontoServer server) {
        server.admin().delete("/realms/servicekonto/identity-provider/instances/" + ALIAS);
        server.admin().delete("/realms/" + PARTNER);
    }

    @Test
    void givenThePartnerVouchesForSubstanziellThenThePortalGetsSubstanziellAndANewAccountWithThePartnersData(
            ServicekontoServer server) {
        OidcFlow flow = portal(server);

        JsonNode idToken = loginThroughPartner(flow, SUBSTANTIAL, "anna");

        assertThat(idToken.path("acr").asText()).isEqualTo(SUBSTANTIAL);
        JsonNode account = server.admin().get("/realms/servicekonto/users?briefRepresentation=false&exact=true&email="
                + "anna." + SUFFIX + "@example.org").get(0);
        assertThat(account.path("username").asText()).startsWith(ALIAS + ".");
        assertThat(account.path("firstName").asText()).isEqualTo("Anna");
        assertThat(account.path("lastName").asText()).isEqualTo("Beispiel");
        assertThat(account.at("/attributes/birthdate/0").asText()).isEqualTo("1990-05-17");
        // Linked to the partner, so the next login through it finds this account.
        JsonNode links = server.admin().get("/realms/servicekonto/users/" + account.path("id").asText()
                + "/federated-identity");
        assertThat(links.get(0).path("identityProvider").asText()).isEqualTo(ALIAS);
    }

    @Test
    void givenAPortalAskingForHochThenRefusedAbovePartnersCap(ServicekontoServer server) {
        OidcFlow flow = portal(server);

        HttpResponse<String> page = untilPortalOrPage(flow, passwordAtPartner(flow, HIGH, "ben"));

        // The German page of a level that cannot be reached; its button gives the portal the protocol's error.
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("hoch");
        HttpResponse<String> answer = FrontChannel.submit(flow.browser(), page, "form", Map.of());
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(DEMO_OIDC_REDIRECT).contains("error=");
        assertThat(BrowserlessClient.query(URI.create(location)).get("error"))
                .isEqualTo("unmet_authentication_requirements");
    }

    @Test
    void givenTheCapLoweredToNiedrigThenAPortalAskingNiedrigGetsIt(ServicekontoServer server) {
        String path = "/realms/servicekonto/identity-provider/instances/" + ALIAS;
        JsonNode idp = server.admin().get(path);
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = Json.MAPPER.convertValue(idp, Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) changed.get("config");
        assertThat(config).as("our settings kept by Keycloak").containsEntry("sk.trust.max", "substanziell");
        config.put("sk.trust.max", "niedrig");
        assertThat(server.admin().put(path, changed).statusCode()).isEqualTo(204);
        try {
            JsonNode low = loginThroughPartner(portal(server), LOW, "anna");
            assertThat(low.path("acr").asText()).isEqualTo(LOW);
        } finally {
            config.put("sk.trust.max", "substanziell");
            assertThat(server.admin().put(path, changed).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void givenAPartnerThenTheLoginPageListsItUnderAGermanHeading(ServicekontoServer server) {
        OidcFlow flow = portal(server);

        HttpResponse<String> page = FrontChannel.follow(flow.browser(), flow.authorize(Map.of()));

        assertThat(FrontChannel.isPasswordPage(page)).as(page.body()).isTrue();
        assertThat(page.body()).contains("Mit dem Servicekonto eines anderen Bundeslandes anmelden")
                .contains("Servicekonto Land B").contains("/broker/" + ALIAS + "/login");
    }

    private static OidcFlow portal(ServicekontoServer server) {
        return new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
    }

    /**
     * As a citizen goes: the portal's request, for more than niedrig the ID-card page first and "Ich habe schon ein
     * Servicekonto" on it, then the partner's button on our login page, the partner's password page, the login.
     */
    private static HttpResponse<String> passwordAtPartner(OidcFlow flow, String acr, String who) {
        HttpResponse<String> first = FrontChannel.follow(flow.browser(), flow.authorize(Map.of("acr_values", acr)));
        HttpResponse<String> ours = EidLogin.isEidPage(first) ? EidLogin.choosePassword(flow.browser(), first) : first;
        assertThat(FrontChannel.isPasswordPage(ours)).as(ours.uri() + "\n" + ours.body()).isTrue();
        Element button = Jsoup.parse(ours.body(), ours.uri().toString())
                .selectFirst("a[href*=/broker/" + ALIAS + "/login]");
        assertThat(button).as("the partner's button on " + ours.body()).isNotNull();
        HttpResponse<String> partnerPage = untilPortalOrPage(flow, flow.browser().navigate(URI.create(button.absUrl("href"))));
        assertThat(FrontChannel.isPasswordPage(partnerPage)).as(partnerPage.uri() + "\n" + partnerPage.body()).isTrue();
        assertThat(partnerPage.uri().toString()).contains("/realms/" + PARTNER + "/");
        return FrontChannel.submit(flow.browser(), partnerPage, "form#kc-form-login",
                Map.of("username", who, "password", PASSWORD));
    }

    private static JsonNode loginThroughPartner(OidcFlow flow, String acr, String who) {
        HttpResponse<String> back = untilPortalOrPage(flow, passwordAtPartner(flow, acr, who));
        return Json.jwtClaims(flow.exchange(flow.callback(back).get("code")).path("id_token").asText());
    }

    /**
     * Follows redirects and sends the self-posting SAML forms (to the partner and back) until the redirect to the
     * portal or a page that is neither.
     */
    private static HttpResponse<String> untilPortalOrPage(OidcFlow flow, HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int i = 0; i < 20; i++) {
            if (current.statusCode() / 100 == 3) {
                String location = current.headers().firstValue("Location").orElseThrow();
                if (location.startsWith(DEMO_OIDC_REDIRECT)) {
                    return current;
                }
                current = flow.browser().navigate(current.uri().resolve(location));
            } else if (current.statusCode() == 200 && (current.body().contains("name=\"SAMLResponse\"")
                    || current.body().contains("name=\"SAMLRequest\""))) {
                String selector = current.body().contains("SAMLResponse") ? "form:has(input[name=SAMLResponse])"
                        : "form:has(input[name=SAMLRequest])";
                current = FrontChannel.submit(flow.browser(), current, selector, Map.of());
            } else {
                return current;
            }
        }
        return current;
    }

    private static Map<String, Object> citizen(String username, String first, String last, String birthdate) {
        return Map.of("username", username, "enabled", true, "firstName", first, "lastName", last,
                "email", username + "." + SUFFIX + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of(birthdate)),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
    }

    private static Map<String, Object> hardcoded(String name, String attribute, String value) {
        return Map.of("name", name, "protocol", "saml", "protocolMapper", "saml-hardcode-attribute-mapper",
                "config", Map.of("attribute.name", attribute, "attribute.nameformat", "URI Reference",
                        "attribute.value", value));
    }

    private static Map<String, Object> property(String name, String property, String attribute) {
        return Map.of("name", name, "protocol", "saml", "protocolMapper", "saml-user-property-mapper",
                "config", Map.of("user.attribute", property, "attribute.name", attribute,
                        "attribute.nameformat", "URI Reference"));
    }

    private static Map<String, Object> attribute(String name, String userAttribute, String attribute) {
        return Map.of("name", name, "protocol", "saml", "protocolMapper", "saml-user-attribute-mapper",
                "config", Map.of("user.attribute", userAttribute, "attribute.name", attribute,
                        "attribute.nameformat", "URI Reference"));
    }

    private static Map<String, Object> importer(String name, String attribute, String userAttribute) {
        return Map.of("name", name, "identityProviderAlias", ALIAS, "identityProviderMapper",
                "saml-user-attribute-idp-mapper", "config", Map.of("syncMode", "IMPORT", "attribute.name", attribute,
                        "user.attribute", userAttribute));
    }
}
