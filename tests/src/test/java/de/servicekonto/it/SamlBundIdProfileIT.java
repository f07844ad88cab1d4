package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.BundIdTestPortal;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
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

    private static BundIdTestPortal bundIdPortal;

    @BeforeAll
    static void registerBundIdPortal(ServicekontoServer server) {
        // Only what the portal asks for: no role list.
        bundIdPortal = BundIdTestPortal.register(server, "bundid");
    }

    @Test
    void givenRequestForGivenNameSurnameAndBirthdateThenExactlyThoseAndTheTrustLevelAttributes(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);

        SamlFlow.SamlResponse response = flow.response(flow.acceptRelease(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of(GIVEN_NAME, true, SURNAME, true, BIRTHDATE, true))), Citizens.erikaLike(server, "bundid"), Citizens.PASSWORD)));

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
    void givenMalformedAkdbRequestThenRequestUnsupportedWithoutAssertion(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);
        // A name with the separator of the request's note: what the portal requires cannot be known.
        String malformed = akdb(Map.of(GIVEN_NAME, true, "urn:oid:2.5.4.42;x=y", true));

        SamlFlow.SamlResponse response = flow.response(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                malformed), Citizens.erikaLike(server, "bundid"), Citizens.PASSWORD));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Requester");
        assertThat(response.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:RequestUnsupported");
        assertThat(response.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength()).isZero();
    }

    @Test
    void givenRequiredAttributeTheAccountLacksAndTheCitizenCancelsThenRequestDeniedWithoutAssertion(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);
        HttpResponse<String> missing = flow.follow(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of(GIVEN_NAME, true, DE_MAIL, true))), Citizens.erikaLike(server, "bundid"), Citizens.PASSWORD));
        // The citizen could type the De-Mail address in (SamlConsentIT), but cancels.
        assertThat(Jsoup.parse(missing.body()).select("form#sk-bundid-data input[name=deMail]")).as(missing.body()).hasSize(1);

        SamlFlow.SamlResponse response = flow.response(flow.submitForm(missing, "form#sk-bundid-data", Map.of("cancel", "cancel")));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Responder");
        assertThat(response.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:RequestDenied");
        assertThat(response.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength()).isZero();

        // Only asked for, not required: the login succeeds without it.
        SamlFlow optional = bundIdPortal.flow(server);
        SamlFlow.SamlResponse granted = optional.response(optional.acceptRelease(optional.login(optional.authnRequest("minimum",
                List.of("STORK-QAA-Level-1"), akdb(Map.of(GIVEN_NAME, true, DE_MAIL, false))), Citizens.erikaLike(server, "bundid"), Citizens.PASSWORD)));
        assertThat(granted.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(attributes(granted)).containsKey(GIVEN_NAME).doesNotContainKey(DE_MAIL);
    }

    @Test
    void givenARequiredAttributeWeCannotReleaseThenRequestDeniedWithoutAnyPage(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);

        // No data the citizen could enter or the card could give makes this attribute releasable: no question asked.
        SamlFlow.SamlResponse response = flow.response(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of(GIVEN_NAME, true, "urn:oid:1.2.3.4.5", true))), Citizens.erikaLike(server, "bundid"), Citizens.PASSWORD));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Responder");
        assertThat(response.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:RequestDenied");
        assertThat(response.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength()).isZero();
    }

    @Test
    void givenValuesFromTheIdCardThenTheirTrustLevelIsLevelFour(ServicekontoServer server) {
        // A new account from the card, whatever another test linked Erika's card to (its values are self-entered).
        new EidLogin(server).release("erika");
        SamlFlow flow = bundIdPortal.flow(server);

        HttpResponse<String> answer = flow.follow(EidLogin.readCardAndConfirm(flow.browser(), flow.authnRequest("minimum",
                List.of("STORK-QAA-Level-4"), akdb(Map.of(GIVEN_NAME, true, BIRTHDATE, true))), "erika"));
        assertThat(Jsoup.parse(answer.body()).select("[data-origin=skReleaseOrigin.ID_CARD]")).hasSize(2);

        SamlFlow.SamlResponse response = flow.response(flow.acceptRelease(answer));
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

        HttpResponse<String> consent = flow.follow(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of(GIVEN_NAME, true, BIRTHDATE, false))), Citizens.erikaLike(server, "bundid"), Citizens.PASSWORD));
        // The page asks only for what the portal can receive.
        assertThat(Jsoup.parse(consent.body()).select("[data-attribute]")).extracting(e -> e.attr("data-attribute"))
                .containsExactly(GIVEN_NAME);
        SamlFlow.SamlResponse response = flow.response(flow.acceptRelease(consent));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(attributes(response).keySet()).containsExactly(GIVEN_NAME);
    }

    @Test
    void givenOnlyEidEnabledThenTheLoginGoesStraightToTheIdCardWithThePortalsNameAndNoPasswordChoice(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);

        HttpResponse<String> page = flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of("eID", true, "Benutzername", false), "Stadt Musterstadt <Bürgerbüro>", Map.of(GIVEN_NAME, true)));

        assertThat(EidLogin.isEidPage(page)).as(page.body()).isTrue();
        assertThat(page.body()).doesNotContain("name=\"password\"").doesNotContain("usePassword")
                .contains("Stadt Musterstadt &lt;Bürgerbüro&gt;").doesNotContain("<Bürgerbüro>");
        SamlFlow.SamlResponse response = flow.response(flow.acceptRelease(EidLogin.readCardAndConfirm(flow.browser(), page, "erika")));
        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(response.attributeValues(MEANS_USED)).containsExactly("eID");
    }

    @Test
    void givenOnlyBenutzernameEnabledThenThePasswordPageShowsThePortalAndOffersNoIdCard(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);

        HttpResponse<String> page = flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of("Benutzername", true, "eID", false),
                        "Finanzamt <a href=\"https://evil.example/\">Musterstadt</a>", Map.of(GIVEN_NAME, true)));

        // The portal's name is text, never markup: no link of the portal's making on our login page.
        assertThat(Jsoup.parse(page.body()).text()).contains("Anmeldung für: Finanzamt <a href=\"https://evil.example/\">Musterstadt</a>");
        assertThat(Jsoup.parse(page.body()).select("a[href^=https://evil.example]")).isEmpty();
        assertThat(page.body()).contains("name=\"password\"")
                .doesNotContain("tryAnotherWay");
        SamlFlow.SamlResponse response = flow.response(flow.acceptRelease(flow.login(page, Citizens.erikaLike(server, "bundid"), Citizens.PASSWORD)));
        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(response.attributeValues(MEANS_USED)).containsExactly("Benutzername");

        // Both enabled: the ID card is one choice away again.
        SamlFlow both = bundIdPortal.flow(server);
        assertThat(both.authnRequest("minimum", List.of("STORK-QAA-Level-1"), akdb(Map.of(GIVEN_NAME, true))).body())
                .contains("tryAnotherWay");
    }

    @Test
    void givenTheIdCardExcludedWhereOnlyItReachesTheLevelOrNoOfferedMeansThenNoAuthnContext(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);
        SamlFlow.SamlResponse high = flow.response(flow.authnRequest("minimum", List.of("STORK-QAA-Level-4"),
                akdb(Map.of("Benutzername", true, "eID", false), null, Map.of())));
        assertThat(high.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext");
        assertThat(high.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength()).isZero();

        SamlFlow elsterOnly = bundIdPortal.flow(server);
        SamlFlow.SamlResponse none = elsterOnly.response(elsterOnly.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of("Elster", true, "Benutzername", false, "eID", false), null, Map.of())));
        assertThat(none.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext");
    }

    @Test
    void givenASessionFromThePasswordThenAnEidOnlyPortalStillGetsTheIdCard(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);
        SamlFlow.SamlResponse first = flow.response(flow.acceptRelease(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of(GIVEN_NAME, true))), Citizens.erikaLike(server, "bundid"), Citizens.PASSWORD)));
        assertThat(first.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");

        // Same browser, single sign-on session from the password: a portal that only takes the ID card asks again.
        HttpResponse<String> again = flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of("eID", true, "Benutzername", false), null, Map.of(GIVEN_NAME, true)));
        assertThat(EidLogin.isEidPage(again)).as(again.body()).isTrue();
    }

    @Test
    void givenAnUnsignedRequestWithTheExtensionThenRequestUnsupportedAndNoAttribute(ServicekontoServer server) {
        // A portal that does not sign: Keycloak checks no signature, so anyone may have written the extension.
        String unsigned = "urn:test:unsigned-portal:" + UUID.randomUUID();
        SamlFlow.registerPortal(server.admin(), unsigned, SamlFlow.newCredentials("unsigned-" + unsigned.substring(unsigned.length() - 8)),
                ACS, Map.of("saml.client.signature", "false"), Map.of(
                        "sk-saml-trust-level-mapper", Map.of(), "sk-saml-bundid-attributes", Map.of()), true);
        SamlFlow flow = new SamlFlow(server.realmUri(), unsigned, ACS, null);

        SamlFlow.SamlResponse response = flow.response(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of(GIVEN_NAME, true, SURNAME, false, BIRTHDATE, false))), Citizens.erikaLike(server, "unsigned"), Citizens.PASSWORD));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Requester");
        assertThat(response.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:RequestUnsupported");
        assertThat(response.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength()).isZero();
        assertThat(response.xml()).doesNotContain("Erika");

        // The same portal without the extension logs in as usual.
        SamlFlow plain = new SamlFlow(server.realmUri(), unsigned, ACS, null);
        SamlFlow.SamlResponse ordinary = plain.response(plain.login(plain.authnRequest("minimum", List.of("STORK-QAA-Level-1")),
                Citizens.erikaLike(server, "unsigned2"), Citizens.PASSWORD));
        assertThat(ordinary.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
    }

    @Test
    void givenAPortalRegisteredWithTheRealmsDefaultsThenNoRoleListInItsAssertions(ServicekontoServer server) {
        String portal = "urn:test:default-scopes-portal:" + UUID.randomUUID();
        SamlFlow.SpCredentials portalCredentials = SamlFlow.newCredentials("defaults-" + portal.substring(portal.length() - 8));
        SamlFlow.registerPortal(server.admin(), portal, portalCredentials, ACS, Map.of(), Map.of(), false);
        SamlFlow flow = new SamlFlow(server.realmUri(), portal, ACS, portalCredentials);

        SamlFlow.SamlResponse response = flow.response(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1")),
                Citizens.erikaLike(server, "defaults"), Citizens.PASSWORD));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        // Keycloak's role_list scope would name the account's realm roles (offline_access, ...) to every portal.
        assertThat(response.attributeValues("Role")).isEmpty();
        assertThat(attributes(response).keySet()).doesNotContain("Role");
    }

    private static String akdb(Map<String, Boolean> requested) {
        return akdb(Map.of("Benutzername", true, "eID", true), null, requested);
    }

    private static String akdb(Map<String, Boolean> means, String displayName, Map<String, Boolean> requested) {
        StringBuilder xml = new StringBuilder("<akdb:AuthenticationRequest xmlns:akdb=\"" + AKDB + "\" Version=\"2\">"
                + "<akdb:AuthnMethods>");
        new LinkedHashMap<>(means).forEach((name, enabled) -> xml.append("<akdb:").append(name).append("><akdb:Enabled>")
                .append(enabled).append("</akdb:Enabled></akdb:").append(name).append('>'));
        xml.append("</akdb:AuthnMethods>");
        if (displayName != null) {
            xml.append("<akdb:DisplayInformation><ui:Version xmlns:ui=\"https://www.akdb.de/request/2018/09/classic-ui/v1\">"
                    + "<ui:OrganizationDisplayName>").append(displayName.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    .append("</ui:OrganizationDisplayName></ui:Version></akdb:DisplayInformation>");
        }
        xml.append("<akdb:RequestedAttributes>");
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
