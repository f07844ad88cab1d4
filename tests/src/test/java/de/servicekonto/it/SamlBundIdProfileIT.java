package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_PASSWORD;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_USER;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Portals built for BundID: {@code akdb:AuthenticationRequest} decides which attributes they get. */
@ServicekontoServerTest
class SamlBundIdProfileIT {

    private static final String AKDB = "https://www.akdb.de/request/2018/09";
    private static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String GIVEN_NAME = "urn:oid:2.5.4.42";
    private static final String SURNAME = "urn:oid:2.5.4.4";
    private static final String BIRTHDATE = "urn:oid:1.2.40.0.10.2.1.1.55";
    private static final String DE_MAIL = "urn:oid:1.3.6.1.4.1.55605.70737875.1.1.1.7.1";
    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String MEANS_USED = "urn:oid:1.3.6.1.4.1.25484.494450.2";
    private static final String ACS = "http://localhost:8084/saml/acs";

    private static String entityId;
    private static SamlFlow.SpCredentials credentials;

    @BeforeAll
    static void registerBundIdPortal(ServicekontoServer server) {
        entityId = "urn:test:bundid-portal:" + UUID.randomUUID();
        credentials = SamlFlow.newCredentials("bundid-" + entityId.substring(entityId.length() - 8));
        // Only what the portal asks for: no role list.
        SamlFlow.registerPortal(server.admin(), entityId, credentials, ACS, Map.of(), Map.of(
                "sk-saml-trust-level-mapper", Map.of(), "sk-saml-bundid-attributes", Map.of()), true);
    }

    @Test
    void givenRequestForGivenNameSurnameAndBirthdateThenExactlyThoseAndTheTrustLevelAttributes(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, credentials);

        SamlFlow.SamlResponse response = flow.response(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of(GIVEN_NAME, true, SURNAME, true, BIRTHDATE, true))), DEMO_USER, DEMO_PASSWORD));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        Map<String, Element> attributes = attributes(response);
        assertThat(attributes.keySet()).containsExactlyInAnyOrder(GIVEN_NAME, SURNAME, BIRTHDATE, TRUST_LEVEL, MEANS_USED);
        assertThat(response.attributeValues(GIVEN_NAME)).containsExactly("Erika");
        assertThat(response.attributeValues(BIRTHDATE)).containsExactly("1964-08-12");
        assertThat(response.attributeNameFormat(SURNAME)).contains("urn:oasis:names:tc:SAML:2.0:attrname-format:uri");
        // The demo citizen typed her data herself.
        assertThat(attributes.get(GIVEN_NAME).getAttributeNS(AKDB, "TrustLevel")).isEqualTo("STORK-QAA-Level-1");
    }

    @Test
    void givenRequiredAttributeTheAccountLacksThenRequestDeniedWithoutAssertion(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, credentials);

        SamlFlow.SamlResponse response = flow.response(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of(GIVEN_NAME, true, DE_MAIL, true))), DEMO_USER, DEMO_PASSWORD));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Responder");
        assertThat(response.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:RequestDenied");
        assertThat(response.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength()).isZero();

        // Only asked for, not required: the login succeeds without it.
        SamlFlow optional = new SamlFlow(server.realmUri(), entityId, ACS, credentials);
        SamlFlow.SamlResponse granted = optional.response(optional.login(optional.authnRequest("minimum",
                List.of("STORK-QAA-Level-1"), akdb(Map.of(GIVEN_NAME, true, DE_MAIL, false))), DEMO_USER, DEMO_PASSWORD));
        assertThat(granted.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(attributes(granted)).containsKey(GIVEN_NAME).doesNotContainKey(DE_MAIL);
    }

    @Test
    void givenValuesFromTheIdCardThenTheirTrustLevelIsLevelFour(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, credentials);

        HttpResponse<String> answer = EidLogin.readCardAndConfirm(flow.browser(), flow.authnRequest("minimum",
                List.of("STORK-QAA-Level-4"), akdb(Map.of(GIVEN_NAME, true, BIRTHDATE, true))), "erika");

        SamlFlow.SamlResponse response = flow.response(answer);
        Map<String, Element> attributes = attributes(response);
        assertThat(response.attributeValues(GIVEN_NAME)).containsExactly("ERIKA");
        assertThat(attributes.get(GIVEN_NAME).getAttributeNS(AKDB, "TrustLevel")).isEqualTo("STORK-QAA-Level-4");
        assertThat(attributes.get(BIRTHDATE).getAttributeNS(AKDB, "TrustLevel")).isEqualTo("STORK-QAA-Level-4");
    }

    @Test
    void givenPortalAllowedOnlySomeAttributesThenOthersAreNotReleasedEvenIfRequested(ServicekontoServer server) {
        String narrow = "urn:test:bundid-narrow:" + UUID.randomUUID();
        SamlFlow.SpCredentials narrowCredentials = SamlFlow.newCredentials("narrow-" + narrow.substring(narrow.length() - 8));
        SamlFlow.registerPortal(server.admin(), narrow, narrowCredentials, ACS, Map.of(), Map.of(
                "sk-saml-bundid-attributes", Map.of("allowed.attributes", GIVEN_NAME + "," + SURNAME)), true);
        SamlFlow flow = new SamlFlow(server.realmUri(), narrow, ACS, narrowCredentials);

        SamlFlow.SamlResponse response = flow.response(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of(GIVEN_NAME, true, BIRTHDATE, false))), DEMO_USER, DEMO_PASSWORD));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(attributes(response).keySet()).containsExactly(GIVEN_NAME);
    }

    private static String akdb(Map<String, Boolean> requested) {
        StringBuilder xml = new StringBuilder("<akdb:AuthenticationRequest xmlns:akdb=\"" + AKDB + "\" Version=\"2\">"
                + "<akdb:AuthnMethods><akdb:Benutzername><akdb:Enabled>true</akdb:Enabled></akdb:Benutzername>"
                + "<akdb:eID><akdb:Enabled>true</akdb:Enabled></akdb:eID></akdb:AuthnMethods><akdb:RequestedAttributes>");
        new LinkedHashMap<>(requested).forEach((name, required) -> xml.append("<akdb:RequestedAttribute Name=\"")
                .append(name).append("\" RequiredAttribute=\"").append(required).append("\"/>"));
        return xml.append("</akdb:RequestedAttributes></akdb:AuthenticationRequest>").toString();
    }

    private static Map<String, Element> attributes(SamlFlow.SamlResponse response) {
        Map<String, Element> attributes = new LinkedHashMap<>();
        NodeList list = response.document().getElementsByTagNameNS(ASSERTION, "Attribute");
        List<String> duplicates = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element attribute = (Element) list.item(i);
            if (attributes.put(attribute.getAttribute("Name"), attribute) != null) {
                duplicates.add(attribute.getAttribute("Name"));
            }
        }
        assertThat(duplicates).as("each attribute once").isEmpty();
        return attributes;
    }
}
