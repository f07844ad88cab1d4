package de.servicekonto.it;

import static de.servicekonto.it.support.BrokeredPartner.importer;
import static de.servicekonto.it.support.BrokeredPartner.property;
import static de.servicekonto.it.support.BrokeredPartner.attribute;
import static de.servicekonto.it.support.BrokeredPartner.user;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.BrokeredPartner;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What our AuthnRequest asks a partner for: the level the portal asked us for, in the partner's vocabulary, comparison
 * minimum, never below the identity provider's fixed setting, and for an eIDAS connector never below substantial,
 * with ForceAuthn and the eIDAS request extensions. The partners are realms on the same server whose flows grant a
 * level only when asked for it (Keycloak's SAML step-up: a password for level 1, level 2 granted by its flow), so a
 * partner asked for too little answers too little and our broker refuses: the request is what the login rests on.
 */
@ServicekontoServerTest
class BrokeredRequestIT {

    private static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String EIDAS = "http://eidas.europa.eu/saml-extensions";
    private static final String NATURAL_PERSON = "http://eidas.europa.eu/attributes/naturalperson/";
    private static final String LOW = "http://eidas.europa.eu/LoA/low";
    private static final String SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    private static final String MAIL_DOMAIN = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    private static BrokeredPartner partner;
    private static BrokeredPartner connector;

    @BeforeAll
    static void aPartnerAndAConnectorThatGrantOnlyWhatTheyAreAskedFor(ServicekontoServer server) {
        partner = BrokeredPartner.register(server, new BrokeredPartner.Setup("land-c", "Servicekonto Land C",
                levelRealm(List.of("STORK-QAA-Level-1", "STORK-QAA-Level-3", "STORK-QAA-Level-4"),
                        List.of(user("paula", "Paula", "Probe", "paula" + MAIL_DOMAIN, "1988-08-08"),
                                user("piet", "Piet", "Probe", "piet" + MAIL_DOMAIN, "1977-07-07"))),
                List.of(classRefMapper(),
                        property("first name", "firstName", "urn:oid:2.5.4.42"),
                        property("last name", "lastName", "urn:oid:2.5.4.4"),
                        property("e-mail", "email", "urn:oid:0.9.2342.19200300.100.1.3"),
                        attribute("birth date", "birthdate", "urn:oid:1.2.40.0.10.2.1.1.55")),
                // As the operator guide's example: the fixed request niedrig, comparison minimum.
                Map.of("sk.trust.max", "substanziell", "sk.trust.means", "FINK",
                        "authnContextClassRefs", "[\"STORK-QAA-Level-1\"]", "authnContextComparisonType", "minimum"),
                List.of(importer("first name", "urn:oid:2.5.4.42", "firstName"),
                        importer("last name", "urn:oid:2.5.4.4", "lastName"),
                        importer("e-mail", "urn:oid:0.9.2342.19200300.100.1.3", "email"),
                        importer("birth date", "urn:oid:1.2.40.0.10.2.1.1.55", "birthdate")),
                true));
        connector = BrokeredPartner.register(server, new BrokeredPartner.Setup("eidas-c", "EU-eID (eIDAS)",
                levelRealm(List.of(LOW, SUBSTANTIAL, "http://eidas.europa.eu/LoA/high"), List.of()),
                List.of(classRefMapper()),
                Map.of("sk.trust.max", "hoch", "sk.trust.means", "eIDAS",
                        "authnContextClassRefs", "[\"" + LOW + "\"]", "authnContextComparisonType", "minimum",
                        "principalType", "ATTRIBUTE", "principalAttribute", NATURAL_PERSON + "PersonIdentifier"),
                List.of(), false));
    }

    @AfterAll
    static void removeThem() {
        partner.close();
        connector.close();
    }

    @Test
    void givenAPortalAskingSubstanziellThenThePartnerIsAskedForStorkLevel3AndItsAnswerCounts(ServicekontoServer server) {
        OidcFlow flow = FinkLoginIT.portal(server);

        HttpResponse<String> request = partner.requestToPartner(flow, SUBSTANTIAL);

        Document authn = BrokeredPartner.authnRequest(request);
        assertThat(classRefs(authn)).containsExactly("STORK-QAA-Level-3");
        assertThat(requestedContext(authn).getAttribute("Comparison")).isEqualTo("minimum");
        assertThat(authn.getElementsByTagNameNS(EIDAS, "*").getLength()).as("no eIDAS extensions for FINK").isZero();
        // The partner grants level 2 (STORK-QAA-Level-3) only when asked for it; asked for Level-1 (the fixed
        // setting) it would answer Level-1 and our broker would refuse the portal.
        HttpResponse<String> back = partner.passwordAtPartner(flow, request, "paula");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        assertThat(BrokeredPartner.idToken(flow, back).path("acr").asText()).isEqualTo(SUBSTANTIAL);
    }

    @Test
    void givenAPortalAskingNiedrigThenThePartnerIsAskedForTheFixedSetting(ServicekontoServer server) {
        OidcFlow flow = FinkLoginIT.portal(server);

        Document authn = BrokeredPartner.authnRequest(partner.requestToPartner(flow, LOW));

        assertThat(classRefs(authn)).containsExactly("STORK-QAA-Level-1");
    }

    @Test
    void givenAnEidasConnectorThenSubstantialAtLeastForceAuthnAndTheEidasExtensions(ServicekontoServer server) {
        OidcFlow flow = FinkLoginIT.portal(server);

        Document authn = BrokeredPartner.authnRequest(connector.requestToPartner(flow, LOW));

        assertThat(classRefs(authn)).as("eIDAS is never asked below substantial").containsExactly(SUBSTANTIAL);
        assertThat(authn.getDocumentElement().getAttribute("ForceAuthn")).isEqualTo("true");
        NodeList extensions = authn.getDocumentElement().getElementsByTagNameNS(SAMLP, "Extensions");
        assertThat(extensions.getLength()).isEqualTo(1);
        NodeList spType = ((Element) extensions.item(0)).getElementsByTagNameNS(EIDAS, "SPType");
        assertThat(spType.getLength()).isEqualTo(1);
        assertThat(spType.item(0).getTextContent().strip()).isEqualTo("public");
        NodeList requested = ((Element) extensions.item(0)).getElementsByTagNameNS(EIDAS, "RequestedAttribute");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < requested.getLength(); i++) {
            Element attribute = (Element) requested.item(i);
            assertThat(attribute.getAttribute("isRequired")).isEqualTo("true");
            assertThat(attribute.getAttribute("NameFormat")).isEqualTo("urn:oasis:names:tc:SAML:2.0:attrname-format:uri");
            names.add(attribute.getAttribute("Name"));
        }
        assertThat(names).containsExactly(NATURAL_PERSON + "PersonIdentifier", NATURAL_PERSON + "CurrentFamilyName",
                NATURAL_PERSON + "CurrentGivenName", NATURAL_PERSON + "DateOfBirth");
    }

    @Test
    void givenAPortalAskingHochOfTheConnectorThenHighIsAsked(ServicekontoServer server) {
        OidcFlow flow = FinkLoginIT.portal(server);

        Document authn = BrokeredPartner.authnRequest(connector.requestToPartner(flow, "http://eidas.europa.eu/LoA/high"));

        assertThat(classRefs(authn)).containsExactly("http://eidas.europa.eu/LoA/high");
    }

    private static Element requestedContext(Document authn) {
        NodeList contexts = authn.getElementsByTagNameNS(SAMLP, "RequestedAuthnContext");
        assertThat(contexts.getLength()).isEqualTo(1);
        return (Element) contexts.item(0);
    }

    private static List<String> classRefs(Document authn) {
        NodeList refs = requestedContext(authn).getElementsByTagNameNS(SAML, "AuthnContextClassRef");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < refs.getLength(); i++) {
            values.add(refs.item(i).getTextContent().strip());
        }
        return values;
    }

    private static Map<String, Object> classRefMapper() {
        return Map.of("name", "level", "protocol", "saml", "protocolMapper", "saml-authn-context-class-ref-mapper",
                "config", Map.of());
    }

    /**
     * A partner realm naming its three levels as given (acr maps), whose browser flow asks for a password at level 1
     * and grants level 2 without more (standing in for the partner's second factor): a level only when asked for.
     */
    static Map<String, Object> levelRealm(List<String> names, List<Map<String, Object>> users) {
        String loaMap = "{\"" + names.get(0) + "\":1,\"" + names.get(1) + "\":2,\"" + names.get(2) + "\":3}";
        String uriMap = "{\"" + names.get(0) + "\":\"" + names.get(0) + "\",\"" + names.get(1) + "\":\"" + names.get(1)
                + "\",\"" + names.get(2) + "\":\"" + names.get(2) + "\"}";
        Map<String, Object> realm = new LinkedHashMap<>();
        realm.put("attributes", Map.of("acr.loa.map", loaMap, "acr.uri.map", uriMap));
        realm.put("browserFlow", "partner-browser");
        realm.put("authenticatorConfig", List.of(
                Map.of("alias", "partner-l1", "config", Map.of("loa-condition-level", "1", "loa-max-age", "36000")),
                Map.of("alias", "partner-l2", "config", Map.of("loa-condition-level", "2", "loa-max-age", "36000"))));
        realm.put("authenticationFlows", List.of(
                flow("partner-browser", true, List.of(step("auth-cookie", null, "ALTERNATIVE", 10),
                        subFlow("partner-levels", "ALTERNATIVE", 20))),
                flow("partner-levels", false, List.of(subFlow("partner-level-1", "CONDITIONAL", 10),
                        subFlow("partner-level-2", "CONDITIONAL", 20))),
                flow("partner-level-1", false, List.of(
                        step("conditional-level-of-authentication", "partner-l1", "REQUIRED", 10),
                        step("auth-username-password-form", null, "REQUIRED", 20))),
                flow("partner-level-2", false, List.of(
                        step("conditional-level-of-authentication", "partner-l2", "REQUIRED", 10),
                        step("allow-access-authenticator", null, "REQUIRED", 20)))));
        realm.put("users", users);
        return realm;
    }

    private static Map<String, Object> flow(String alias, boolean topLevel, List<Map<String, Object>> steps) {
        return Map.of("alias", alias, "providerId", "basic-flow", "topLevel", topLevel, "builtIn", false,
                "authenticationExecutions", steps);
    }

    private static Map<String, Object> step(String authenticator, String config, String requirement, int priority) {
        Map<String, Object> step = new LinkedHashMap<>(Map.of("authenticator", authenticator,
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
