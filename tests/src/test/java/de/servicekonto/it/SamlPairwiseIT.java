package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_PASSWORD;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_USER;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The pairwise pseudonymous subject per portal (bPK2-like attribute and persistent NameID) over SAML. */
@ServicekontoServerTest
class SamlPairwiseIT {

    private static final String PAIRWISE = "urn:oid:1.3.6.1.4.1.25484.494450.3";
    private static final String URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
    private static final String ACS = "http://localhost:8083/saml/acs";

    @Test
    void givenTwoPortalsThenPairwiseIdAndNameIdAreStablePerPortalAndDifferBetweenThem(ServicekontoServer server) {
        Portal a = portal(server);
        Portal b = portal(server);

        SamlFlow.SamlResponse firstAtA = login(server, a);
        SamlFlow.SamlResponse secondAtA = login(server, a);
        SamlFlow.SamlResponse atB = login(server, b);

        List<String> idAtA = firstAtA.attributeValues(PAIRWISE);
        assertThat(idAtA).hasSize(1);
        assertThat(idAtA.get(0)).matches("[A-Za-z0-9_-]{43}");
        assertThat(firstAtA.attributeNameFormat(PAIRWISE)).contains(URI_FORMAT);
        assertThat(secondAtA.attributeValues(PAIRWISE)).as("stable across logins to one portal").isEqualTo(idAtA);
        assertThat(atB.attributeValues(PAIRWISE)).hasSize(1).doesNotContainAnyElementsOf(idAtA);

        assertThat(nameId(secondAtA)).isEqualTo(nameId(firstAtA));
        assertThat(nameId(atB)).isNotEqualTo(nameId(firstAtA));
        // Neither reveals the account's username or internal id.
        String userId = server.admin().get("/realms/servicekonto/users?exact=true&username=" + DEMO_USER).get(0).path("id").asText();
        assertThat(List.of(nameId(firstAtA), idAtA.get(0))).noneMatch(v -> v.contains(userId) || v.contains(DEMO_USER));
    }

    private record Portal(String entityId, SamlFlow.SpCredentials credentials) {
    }

    private static Portal portal(ServicekontoServer server) {
        String entityId = "urn:test:pairwise:" + UUID.randomUUID();
        SamlFlow.SpCredentials credentials = SamlFlow.newCredentials("pairwise-" + entityId.substring(entityId.length() - 8));
        SamlFlow.registerPortal(server.admin(), entityId, credentials, ACS, Map.of("saml_name_id_format", "persistent"),
                Map.of(), false); // the pairwise-id mapper comes from the realm's default SAML scope
        return new Portal(entityId, credentials);
    }

    private static SamlFlow.SamlResponse login(ServicekontoServer server, Portal portal) {
        SamlFlow flow = new SamlFlow(server.realmUri(), portal.entityId(), ACS, portal.credentials());
        SamlFlow.SamlResponse response = flow.response(flow.login(flow.authnRequest(null, List.of()), DEMO_USER, DEMO_PASSWORD));
        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        return response;
    }

    private static String nameId(SamlFlow.SamlResponse response) {
        return response.document().getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID").item(0).getTextContent();
    }
}
