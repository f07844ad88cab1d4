package de.servicekonto.it;

import static de.servicekonto.it.support.BrokeredPartner.attribute;
import static de.servicekonto.it.support.BrokeredPartner.importer;
import static de.servicekonto.it.support.BrokeredPartner.property;
import static de.servicekonto.it.support.BrokeredPartner.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrokeredPartner;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.Mails;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An EU citizen logs in with the eID of their country through a national eIDAS connector: a second realm on the same
 * server plays the connector (eIDAS levels in its {@code acr.loa.map}: a password for low, substantial granted by its
 * flow, no high; the level in the assertion's {@code AuthnContextClassRef}; the natural-person attributes under their
 * eIDAS names; no e-mail address). Registered here as Keycloak's SAML identity provider asking for substantial
 * (minimum), the PersonIdentifier as the account's link, trusted up to hoch. A login at substantial gives substanziell;
 * a portal asking more, or a connector answering less, is refused.
 */
@ServicekontoServerTest
class EidasLoginIT {

    private static final String SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String NATURAL_PERSON = "http://eidas.europa.eu/attributes/naturalperson/";
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static BrokeredPartner connector;

    @BeforeAll
    static void aConnectorAndItsIdentityProvider(ServicekontoServer server) {
        Map<String, Object> realm = Map.of(
                // Keycloak names a level in the assertion only through both maps (acr to LoA, acr to URI).
                "attributes", Map.of("acr.loa.map", "{\"http://eidas.europa.eu/LoA/low\":1,"
                        + "\"http://eidas.europa.eu/LoA/substantial\":2,\"http://eidas.europa.eu/LoA/high\":3}",
                        "acr.uri.map", "{\"http://eidas.europa.eu/LoA/low\":\"http://eidas.europa.eu/LoA/low\","
                        + "\"http://eidas.europa.eu/LoA/substantial\":\"http://eidas.europa.eu/LoA/substantial\","
                        + "\"http://eidas.europa.eu/LoA/high\":\"http://eidas.europa.eu/LoA/high\"}"),
                "browserFlow", "connector-browser",
                "authenticatorConfig", List.of(
                        Map.of("alias", "connector-l1", "config", Map.of("loa-condition-level", "1", "loa-max-age", "36000")),
                        Map.of("alias", "connector-l2", "config", Map.of("loa-condition-level", "2", "loa-max-age", "36000"))),
                "authenticationFlows", List.of(
                        flow("connector-browser", true, List.of(
                                step("auth-cookie", null, "ALTERNATIVE", 10), subFlow("connector-levels", "ALTERNATIVE", 20))),
                        flow("connector-levels", false, List.of(
                                subFlow("connector-level-1", "CONDITIONAL", 10), subFlow("connector-level-2", "CONDITIONAL", 20))),
                        flow("connector-level-1", false, List.of(
                                step("conditional-level-of-authentication", "connector-l1", "REQUIRED", 10),
                                step("auth-username-password-form", null, "REQUIRED", 20))),
                        flow("connector-level-2", false, List.of(
                                step("conditional-level-of-authentication", "connector-l2", "REQUIRED", 10),
                                step("allow-access-authenticator", null, "REQUIRED", 20)))),
                "users", List.of(eu("erik", "Erik", "Exempel", "1979-11-03", "SE/DE/197911031234"),
                        eu("eva", "Eva", "Exempel", "1982-02-20", "SE/DE/198202201234"),
                        eu("emil", "Emil", "Exempel", "1991-07-09", "SE/DE/199107091234")));
        connector = BrokeredPartner.register(server, new BrokeredPartner.Setup("eidas", "EU-eID (eIDAS)", realm,
                List.of(Map.of("name", "level", "protocol", "saml", "protocolMapper", "saml-authn-context-class-ref-mapper",
                                "config", Map.of()),
                        attribute("person identifier", "personIdentifier", NATURAL_PERSON + "PersonIdentifier"),
                        property("given name", "firstName", NATURAL_PERSON + "CurrentGivenName"),
                        property("family name", "lastName", NATURAL_PERSON + "CurrentFamilyName"),
                        attribute("date of birth", "birthdate", NATURAL_PERSON + "DateOfBirth")),
                Map.of("sk.trust.max", "hoch", "sk.trust.means", "eIDAS",
                        "authnContextClassRefs", "[\"" + SUBSTANTIAL + "\"]", "authnContextComparisonType", "minimum",
                        "principalType", "ATTRIBUTE", "principalAttribute", NATURAL_PERSON + "PersonIdentifier"),
                List.of(importer("given name", NATURAL_PERSON + "CurrentGivenName", "firstName"),
                        importer("family name", NATURAL_PERSON + "CurrentFamilyName", "lastName"),
                        importer("date of birth", NATURAL_PERSON + "DateOfBirth", "birthdate")),
                false));
    }

    @AfterAll
    static void removeTheConnector() {
        connector.close();
    }

    @Test
    void givenSubstantialFromTheConnectorThenSubstanziellAndAnAccountLinkedByPersonIdentifier(ServicekontoServer server)
            throws Exception {
        OidcFlow flow = FinkLoginIT.portal(server);
        String email = "erik-" + SUFFIX + "@example.org";

        HttpResponse<String> back = afterFirstLogin(server, flow, connector.passwordAtPartner(flow, SUBSTANTIAL, "erik"),
                email);

        JsonNode idToken = BrokeredPartner.idToken(flow, back);
        assertThat(idToken.path("acr").asText()).isEqualTo(SUBSTANTIAL);
        JsonNode account = server.admin().get("/realms/servicekonto/users?briefRepresentation=false&exact=true&email="
                + email).get(0);
        assertThat(account.path("firstName").asText()).isEqualTo("Erik");
        assertThat(account.path("lastName").asText()).isEqualTo("Exempel");
        assertThat(account.at("/attributes/birthdate/0").asText()).isEqualTo("1979-11-03");
        JsonNode link = server.admin().get("/realms/servicekonto/users/" + account.path("id").asText()
                + "/federated-identity").get(0);
        assertThat(link.path("identityProvider").asText()).isEqualTo(connector.alias());
        assertThat(link.path("userId").asText()).isEqualTo("SE/DE/197911031234");
    }

    @Test
    void givenAPortalAskingForHighThenTheConnectorIsAskedForHighAndThisOneRefusesAtHome(ServicekontoServer server) {
        OidcFlow flow = FinkLoginIT.portal(server);

        HttpResponse<String> request = connector.requestToPartner(flow, HIGH);

        // Our request asks for high (not the fixed substantial); this connector has no means for high, so its own
        // step-up refuses before anything comes back: no assertion, no account here.
        assertThat(BrokeredPartner.authnRequest(request).getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                "AuthnContextClassRef").item(0).getTextContent().strip()).isEqualTo(HIGH);
        HttpResponse<String> page = connector.loginAtPartner(flow, request, "eva");
        assertThat(page.uri().toString()).contains("/realms/" + connector.realm() + "/");
        assertThat(page.body()).contains("Authentication requirements not fulfilled");
        assertThat(server.admin().get("/realms/servicekonto/users?exact=true&lastName=Exempel&firstName=Eva").size())
                .isZero();
    }

    @Test
    void givenTheConnectorAnsweringBelowWhatThePortalAskedThenRefused(ServicekontoServer server) throws Exception {
        // Asked for substantial (our request never asks eIDAS for less), the connector states low in the trust-level
        // attribute as well: the lower of its statements counts.
        try (AutoCloseable low = connector.partnerMapper(BrokeredPartner.hardcoded("stated low",
                "urn:oid:1.2.40.0.10.2.1.1.261.94", "http://eidas.europa.eu/LoA/low"))) {
            OidcFlow flow = FinkLoginIT.portal(server);

            HttpResponse<String> page = reviewed(flow, connector.passwordAtPartner(flow, SUBSTANTIAL, "emil"),
                    "emil-" + SUFFIX + "@example.org");

            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("substanziell");
            FinkLoginIT.assertRefusedToPortal(flow, page);
        }
    }

    /** eIDAS sends no e-mail address: our first-login page asks for it (the rest came from the connector). */
    private static HttpResponse<String> reviewed(OidcFlow flow, HttpResponse<String> page, String email) {
        assertThat(page.body()).as(page.body()).contains("kc-idp-review-profile-form");
        return BrokeredPartner.untilPortalOrPage(flow, FrontChannel.submit(flow.browser(), page,
                "form#kc-idp-review-profile-form", Map.of("email", email)));
    }

    /** The first login: the e-mail address asked, then confirmed by its link, then back to the portal. */
    private static HttpResponse<String> afterFirstLogin(ServicekontoServer server, OidcFlow flow,
                                                        HttpResponse<String> page, String email) throws Exception {
        HttpResponse<String> next = reviewed(flow, page, email);
        if (next.statusCode() / 100 == 3) {
            return next;
        }
        // Keycloak's page "confirm your e-mail address": the link in the mail continues the login.
        assertThat(next.body()).as(next.body()).containsIgnoringCase("verify");
        return BrokeredPartner.untilPortalOrPage(flow, flow.browser().navigate(Mails.confirmationLink(server, email)));
    }

    private static Map<String, Object> eu(String username, String first, String last, String birthdate, String id) {
        // The connector's own accounts need an address (Keycloak's profile in that realm asks for one); it never
        // sends it: eIDAS has no e-mail attribute.
        Map<String, Object> user = new java.util.LinkedHashMap<>(user(username, first, last,
                username + "@connector-" + SUFFIX + ".example.eu", birthdate));
        user.put("attributes", Map.of("birthdate", List.of(birthdate), "personIdentifier", List.of(id)));
        return user;
    }

    private static Map<String, Object> flow(String alias, boolean topLevel, List<Map<String, Object>> steps) {
        return Map.of("alias", alias, "providerId", "basic-flow", "topLevel", topLevel, "builtIn", false,
                "authenticationExecutions", steps);
    }

    private static Map<String, Object> step(String authenticator, String config, String requirement, int priority) {
        Map<String, Object> step = new java.util.LinkedHashMap<>(Map.of("authenticator", authenticator,
                "requirement", requirement, "priority", priority, "authenticatorFlow", false));
        if (config != null) {
            step.put("authenticatorConfig", config);
        }
        return step;
    }

    private static Map<String, Object> subFlow(String alias, String requirement, int priority) {
        return Map.of("flowAlias", alias, "requirement", requirement, "priority", priority, "authenticatorFlow", true);
    }
}
