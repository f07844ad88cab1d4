package de.servicekonto.it;

import static de.servicekonto.it.support.BrokeredPartner.attribute;
import static de.servicekonto.it.support.BrokeredPartner.hardcoded;
import static de.servicekonto.it.support.BrokeredPartner.importer;
import static de.servicekonto.it.support.BrokeredPartner.property;
import static de.servicekonto.it.support.BrokeredPartner.user;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.BrokeredPartner;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.BundIdTestPortal;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first login through another state's Servicekonto: the German page naming the partner and the data it sent, the
 * citizen's consent before an account is created (declining stores nothing and tells the portal access_denied), and
 * the data taken over marked with their source and the level the partner vouched for, as the account console's
 * Stammdaten API shows them, until the citizen changes a value.
 */
@ServicekontoServerTest
class BrokeredDataIT {

    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    private static final String MAIL_DOMAIN = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    private static final String AKDB = "https://www.akdb.de/request/2018/09";
    private static final String GIVEN_NAME = "urn:oid:2.5.4.42";
    private static final String SURNAME = "urn:oid:2.5.4.4";
    private static final String BIRTHDATE = "urn:oid:1.2.40.0.10.2.1.1.55";
    private static BrokeredPartner partner;
    private static BundIdTestPortal bundIdPortal;

    @BeforeAll
    static void aPartnerState(ServicekontoServer server) {
        partner = BrokeredPartner.register(server, new BrokeredPartner.Setup("land-d", "Servicekonto Land D",
                Map.of("users", List.of(user("rita", "Rita", "Rückert", "rita" + MAIL_DOMAIN, "1990-01-01"),
                        user("sven", "Sven", "Sommer", "sven" + MAIL_DOMAIN, "1980-02-02"),
                        user("tina", "Tina", "Taler", "tina" + MAIL_DOMAIN, "1970-03-03"))),
                List.of(hardcoded("trust level", TRUST_LEVEL, "STORK-QAA-Level-3"),
                        property("first name", "firstName", "urn:oid:2.5.4.42"),
                        property("last name", "lastName", "urn:oid:2.5.4.4"),
                        property("e-mail", "email", "urn:oid:0.9.2342.19200300.100.1.3"),
                        attribute("birth date", "birthdate", "urn:oid:1.2.40.0.10.2.1.1.55"),
                        hardcoded("gender", "urn:oid:1.3.6.1.4.1.33592.1.3.5", "female"),
                        hardcoded("nickname", "urn:example:nickname", "Ritchie")),
                Map.of("sk.trust.max", "substanziell", "sk.trust.means", "FINK"),
                List.of(importer("first name", "urn:oid:2.5.4.42", "firstName"),
                        importer("last name", "urn:oid:2.5.4.4", "lastName"),
                        importer("e-mail", "urn:oid:0.9.2342.19200300.100.1.3", "email"),
                        importer("birth date", "urn:oid:1.2.40.0.10.2.1.1.55", "birthdate"),
                        importer("gender", "urn:oid:1.3.6.1.4.1.33592.1.3.5", "gender"),
                        importer("nickname", "urn:example:nickname", "nickname")),
                true));
        bundIdPortal = BundIdTestPortal.register(server, "bundid-fink");
    }

    @AfterAll
    static void removeThePartner() {
        partner.close();
    }

    @Test
    void givenAFirstLoginThenTheCitizenSeesThePartnerAndItsDataAndDecliningStoresNothing(ServicekontoServer server) {
        OidcFlow flow = FinkLoginIT.portal(server);

        HttpResponse<String> page = partner.loginAtPartner(flow, partner.requestToPartner(flow, SUBSTANTIAL), "rita");

        assertThat(BrokeredPartner.isConsentPage(page)).as(page.body()).isTrue();
        var html = Jsoup.parse(page.body());
        assertThat(html.select("h1").text()).contains("Daten übernehmen?");
        assertThat(html.getElementById("sk-broker-consent-intro").text()).contains("Servicekonto Land D");
        assertThat(html.select("[data-attribute=firstName] dd").text()).isEqualTo("Rita");
        assertThat(html.select("[data-attribute=lastName] dd").text()).isEqualTo("Rückert");
        assertThat(html.select("[data-attribute=birthdate] dd").text()).isEqualTo("1990-01-01");
        assertThat(html.select("[data-attribute=email] dd").text()).isEqualTo("rita" + MAIL_DOMAIN);
        assertThat(html.select("[data-attribute=gender] dd").text()).isEqualTo("weiblich");
        // An attribute the operator's importer takes in that the profile does not know: named all the same.
        assertThat(html.select("[data-attribute=nickname] dd").text()).isEqualTo("Ritchie");
        assertThat(html.getElementById("sk-broker-consent-decline-hint").text()).contains("nichts gespeichert");

        HttpResponse<String> declined = FrontChannel.submit(flow.browser(), page, "form#sk-broker-consent-form",
                Map.of("decline", "decline"));

        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(302);
        String location = declined.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(DEMO_OIDC_REDIRECT);
        assertThat(BrowserlessClient.query(URI.create(location)).get("error")).isEqualTo("access_denied");
        assertThat(server.admin().get("/realms/servicekonto/users?exact=true&email=rita" + MAIL_DOMAIN).size())
                .as("no account stored").isZero();
        assertThat(server.admin().get("/realms/servicekonto/users?exact=true&lastName=R%C3%BCckert").size()).isZero();
    }

    @Test
    void givenConsentThenTheStammdatenCarryThePartnerAsSourceAndItsLevelUntilChanged(ServicekontoServer server) {
        OidcFlow flow = FinkLoginIT.portal(server);
        HttpResponse<String> page = partner.loginAtPartner(flow, partner.requestToPartner(flow, SUBSTANTIAL), "sven");
        assertThat(BrokeredPartner.isConsentPage(page)).as(page.body()).isTrue();

        HttpResponse<String> back = BrokeredPartner.agree(flow, page);

        assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
        JsonNode tokens = flow.exchange(flow.callback(back).get("code"));
        assertThat(Json.jwtClaims(tokens.path("id_token").asText()).path("acr").asText()).isEqualTo(SUBSTANTIAL);
        String bearer = tokens.path("access_token").asText();
        JsonNode me = Json.parse(accountApi(server, bearer, "GET", "?userProfileMetadata=true", null).body());
        for (String name : List.of("firstName", "lastName", "birthdate", "email")) {
            JsonNode annotations = metadata(me, name).path("annotations");
            assertThat(annotations.path("skBrokeredBy").asText()).as(name).isEqualTo("FINK:" + partner.alias());
            assertThat(annotations.path("skBrokeredName").asText()).as(name).isEqualTo("Servicekonto Land D");
            assertThat(annotations.path("skBrokeredLevel").asText()).as(name).isEqualTo("substanziell");
            assertThat(metadata(me, name).path("readOnly").asBoolean()).as("the partner is not the ID card").isFalse();
        }
        assertThat(metadata(me, "phoneNumber").path("annotations").has("skBrokeredBy")).isFalse();

        // The citizen changes the family name: that value is theirs now, the others stay the partner's.
        ObjectNode change = me.deepCopy();
        change.remove("userProfileMetadata");
        change.put("lastName", "Sommer-Winter");
        HttpResponse<String> saved = accountApi(server, bearer, "POST", "", change);
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(204);
        JsonNode after = Json.parse(accountApi(server, bearer, "GET", "?userProfileMetadata=true", null).body());
        assertThat(metadata(after, "lastName").path("annotations").has("skBrokeredBy")).isFalse();
        assertThat(metadata(after, "firstName").path("annotations").path("skBrokeredBy").asText())
                .isEqualTo("FINK:" + partner.alias());
    }

    @Test
    void givenABundIdPortalThenThePartnersValuesGoWithThePartnersLevelAndOrigin(ServicekontoServer server) {
        SamlFlow saml = bundIdPortal.flow(server);
        String akdb = "<akdb:AuthenticationRequest xmlns:akdb=\"" + AKDB + "\" Version=\"2\"><akdb:AuthnMethods>"
                + "<akdb:Benutzername><akdb:Enabled>true</akdb:Enabled></akdb:Benutzername>"
                + "<akdb:eID><akdb:Enabled>true</akdb:Enabled></akdb:eID>"
                + "<akdb:FINK><akdb:Enabled>true</akdb:Enabled></akdb:FINK></akdb:AuthnMethods><akdb:RequestedAttributes>"
                + "<akdb:RequestedAttribute Name=\"" + GIVEN_NAME + "\" RequiredAttribute=\"true\"/>"
                + "<akdb:RequestedAttribute Name=\"" + SURNAME + "\" RequiredAttribute=\"true\"/>"
                + "<akdb:RequestedAttribute Name=\"" + BIRTHDATE + "\" RequiredAttribute=\"false\"/>"
                + "</akdb:RequestedAttributes></akdb:AuthenticationRequest>";
        HttpResponse<String> first = saml.follow(saml.authnRequest("minimum", List.of("STORK-QAA-Level-3"), akdb));
        HttpResponse<String> ours = EidLogin.isEidPage(first) ? EidLogin.choosePassword(saml.browser(), first) : first;
        var button = Jsoup.parse(ours.body(), ours.uri().toString()).selectFirst("a[href*=/broker/" + partner.alias() + "/login]");
        assertThat(button).as(ours.body()).isNotNull();
        HttpResponse<String> partnerPage = BrokeredPartner.untilPortalOrPage(saml.browser(),
                saml.browser().navigate(URI.create(button.absUrl("href"))), BundIdTestPortal.ACS);
        HttpResponse<String> consent = BrokeredPartner.untilPortalOrPage(saml.browser(), FrontChannel.submit(saml.browser(),
                partnerPage, "form#kc-form-login", Map.of("username", "tina", "password", BrokeredPartner.PASSWORD)),
                BundIdTestPortal.ACS);
        assertThat(BrokeredPartner.isConsentPage(consent)).as(consent.body()).isTrue();
        HttpResponse<String> release = saml.follow(BrokeredPartner.untilPortalOrPage(saml.browser(),
                FrontChannel.submit(saml.browser(), consent, "form#sk-broker-consent-form", Map.of("accept", "accept")),
                BundIdTestPortal.ACS));

        // The release page names the partner as the values' origin.
        var page = Jsoup.parse(release.body());
        assertThat(page.select("[data-attribute=\"" + GIVEN_NAME + "\"] .sk-release-origin")
                .text()).as(release.body()).contains("aus dem Servicekonto von Servicekonto Land D");
        SamlFlow.SamlResponse response = saml.response(saml.acceptRelease(release));

        assertThat(response.statusCode()).as(response.xml()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(response.attributeValues(GIVEN_NAME)).containsExactly("Tina");
        assertThat(trustLevel(response, GIVEN_NAME)).isEqualTo("STORK-QAA-Level-3");
        assertThat(trustLevel(response, BIRTHDATE)).isEqualTo("STORK-QAA-Level-3");
    }

    private static String trustLevel(SamlFlow.SamlResponse response, String name) {
        var attributes = response.document().getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            var attribute = (org.w3c.dom.Element) attributes.item(i);
            if (name.equals(attribute.getAttribute("Name"))) {
                return attribute.getAttributeNS(AKDB, "TrustLevel");
            }
        }
        throw new AssertionError(name + " not in " + response.xml());
    }

    private static HttpResponse<String> accountApi(ServicekontoServer server, String bearer, String method,
                                                   String query, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + "/account/" + query))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        return Http.send(HttpClient.newHttpClient(), request.build());
    }

    private static JsonNode metadata(JsonNode me, String attribute) {
        for (JsonNode candidate : me.path("userProfileMetadata").path("attributes")) {
            if (candidate.path("name").asText().equals(attribute)) {
                return candidate;
            }
        }
        throw new AssertionError("no metadata for " + attribute + " in " + me);
    }
}
