package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_PASSWORD;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_USER;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Trust levels over SAML 2.0 with signed AuthnRequests, as portals built for the BundID profile send them. */
@ServicekontoServerTest
class TrustLevelSamlIT {

    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String MEANS_USED = "urn:oid:1.3.6.1.4.1.25484.494450.2";
    private static final String URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
    private static final String ACS = "http://localhost:8082/saml/acs";

    private static String entityId;
    private static SamlFlow.SpCredentials credentials;

    @BeforeAll
    static void registerSigningPortal(ServicekontoServer server) {
        entityId = "urn:test:portal:" + UUID.randomUUID();
        credentials = SamlFlow.newCredentials("portal-" + entityId.substring(entityId.length() - 8));
        // The trust-level mapper comes from the realm's default SAML scope (with Keycloak's AuthnContextClassRef).
        SamlFlow.registerPortal(server.admin(), entityId, credentials, ACS, Map.of(), Map.of(), false);
    }

    @Test
    void givenMinimumLevelOneThenPasswordSatisfiesItAndResponseNamesLevelOneWithTrustAttributes(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, credentials);

        SamlFlow.SamlResponse response = flow.response(
                flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1")), DEMO_USER, DEMO_PASSWORD));

        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(response.authnContextClassRef()).contains("STORK-QAA-Level-1");
        assertThat(response.attributeValues(TRUST_LEVEL)).containsExactly("STORK-QAA-Level-1");
        assertThat(response.attributeNameFormat(TRUST_LEVEL)).contains(URI_FORMAT);
        assertThat(response.attributeValues(MEANS_USED)).containsExactly("Benutzername");
    }

    @Test
    void givenExactEidasLowThenResponseAnswersInEidas(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, credentials);

        SamlFlow.SamlResponse response = flow.response(flow.login(
                flow.authnRequest("exact", List.of("http://eidas.europa.eu/LoA/low")), DEMO_USER, DEMO_PASSWORD));

        assertThat(response.authnContextClassRef()).contains("http://eidas.europa.eu/LoA/low");
        assertThat(response.attributeValues(TRUST_LEVEL)).containsExactly("http://eidas.europa.eu/LoA/low");
    }

    @Test
    void givenMinimumLevelFourWhenCitizenUsesTheIdCardThenResponseNamesLevelFourAndMeansEid(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, credentials);

        HttpResponse<String> answer = EidLogin.readCardAndConfirm(flow.browser(),
                flow.authnRequest("minimum", List.of("STORK-QAA-Level-4")), "erika");

        SamlFlow.SamlResponse response = flow.response(answer);
        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(response.authnContextClassRef()).contains("STORK-QAA-Level-4");
        assertThat(response.attributeValues(TRUST_LEVEL)).containsExactly("STORK-QAA-Level-4");
        assertThat(response.attributeValues(MEANS_USED)).containsExactly("eID");
    }

    @Test
    void givenMinimumLevelFourThenPasswordDoesNotSatisfyItAndPortalGetsNoAuthnContext(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, credentials);

        HttpResponse<String> page = passwordDespiteEid(flow, flow.authnRequest("minimum", List.of("STORK-QAA-Level-4")));

        assertThat(Jsoup.parse(page.body()).text()).contains("Für diesen Dienst ist das Vertrauensniveau hoch erforderlich");
        assertThat(page.body()).doesNotContain("SAMLResponse");
        SamlFlow.SamlResponse response = flow.response(flow.submitForm(page, "form#sk-eid-form", Map.of("back", "back")));
        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Responder");
        assertThat(response.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext");
        assertThat(response.authnContextClassRef()).isEmpty();
        assertThat(response.attributeValues(TRUST_LEVEL)).isEmpty();
    }

    @Test
    void givenPortalWithMinimumHochThenPasswordLoginWithoutRequestedContextIsRefused(ServicekontoServer server) {
        String minimumHochEntity = "urn:test:portal:min-hoch:" + UUID.randomUUID();
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", minimumHochEntity, "protocol", "saml", "redirectUris", List.of(ACS),
                "attributes", Map.of(
                        "saml.client.signature", "true",
                        "saml.signing.certificate", credentials.certificateBase64(),
                        "saml_assertion_consumer_url_post", ACS,
                        "saml.force.post.binding", "true",
                        "minimum.acr.value", "http://eidas.europa.eu/LoA/high")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        SamlFlow flow = new SamlFlow(server.realmUri(), minimumHochEntity, ACS, credentials);

        HttpResponse<String> page = passwordDespiteEid(flow, flow.authnRequest(null, List.of()));

        assertThat(Jsoup.parse(page.body()).text()).contains("Für diesen Dienst ist das Vertrauensniveau hoch erforderlich");
        SamlFlow.SamlResponse response = flow.response(flow.submitForm(page, "form#sk-eid-form", Map.of("back", "back")));
        assertThat(response.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext");
    }

    @Test
    void givenUnknownClassRefThenPortalGetsNoAuthnContextWithoutLogin(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, credentials);

        SamlFlow.SamlResponse response = flow.response(flow.authnRequest("minimum", List.of("STORK-QAA-Level-2")));

        assertThat(response.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext");
    }

    @Test
    void givenUnsignedRequestForSigningPortalThenItIsRefused(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, null);

        HttpResponse<String> answer = flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("kc-form-login").doesNotContain("SAMLResponse");
    }

    @Test
    void givenRequestSignedWithAnotherKeyThenItIsRefused(ServicekontoServer server) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, SamlFlow.newCredentials("attacker"));

        HttpResponse<String> answer = flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).doesNotContain("kc-form-login");
    }

    /** Levels above niedrig offer the ID card first; the citizen picks username and password instead. */
    private static HttpResponse<String> passwordDespiteEid(SamlFlow flow, HttpResponse<String> eidPage) {
        assertThat(EidLogin.isEidPage(eidPage)).as("the ID card is offered first").isTrue();
        return flow.login(EidLogin.choosePassword(flow.browser(), eidPage), DEMO_USER, DEMO_PASSWORD);
    }
}
