package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BundIdTestPortal;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The citizen decides what a BundID portal receives (required action {@code sk-bundid-release}): the consent page
 * naming exactly the requested attributes and their origin, once per portal and set of attributes, revocable in the
 * account console; required data the account lacks asked for on a form checked by the user profile, or, if only the
 * ID card has it, the card step.
 */
@ServicekontoServerTest
class SamlConsentIT {

    private static final String AKDB = "https://www.akdb.de/request/2018/09";
    private static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String GIVEN_NAME = "urn:oid:2.5.4.42";
    private static final String SURNAME = "urn:oid:2.5.4.4";
    private static final String BIRTHDATE = "urn:oid:1.2.40.0.10.2.1.1.55";
    private static final String POSTAL_ADDRESS = "urn:oid:2.5.4.16";
    private static final String POSTAL_CODE = "urn:oid:2.5.4.17";
    private static final String DOCUMENT_TYPE = "urn:oid:1.2.40.0.10.2.1.1.552255";
    private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private static final String REQUEST_DENIED = "urn:oasis:names:tc:SAML:2.0:status:RequestDenied";

    private static BundIdTestPortal portal;
    private static String entityId;

    @BeforeAll
    static void registerPortal(ServicekontoServer server) {
        portal = BundIdTestPortal.register(server, "consent");
        entityId = portal.entityId();
    }

    @Test
    void givenFirstLoginThenTheConsentPageNamesExactlyTheRequestedAttributesOnceForThatSet(ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "consent");
        SamlFlow first = flow(server);

        HttpResponse<String> page = first.follow(first.login(first.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb("Stadt Musterstadt <Bürgerbüro>", Map.of(GIVEN_NAME, true, BIRTHDATE, false))), username, Citizens.PASSWORD));

        Document consent = Jsoup.parse(page.body());
        assertThat(consent.select("form#sk-bundid-consent")).as(page.body()).hasSize(1);
        assertThat(consent.text()).contains("Daten übermitteln")
                .contains("„Stadt Musterstadt <Bürgerbüro>“ möchte folgende Angaben aus Ihrem Servicekonto erhalten");
        assertThat(page.body()).doesNotContain("<Bürgerbüro>");
        assertThat(rows(consent)).containsExactly(
                Map.entry(GIVEN_NAME, "Vornamen Erika (selbst eingegeben)"),
                Map.entry(BIRTHDATE, "Geburtsdatum 1964-08-12 (selbst eingegeben)"));
        assertThat(consent.select("#sk-release-accept").text()).isEqualTo("Zustimmen");
        assertThat(consent.select("#sk-release-decline").text()).isEqualTo("Ablehnen");

        SamlFlow.SamlResponse response = first.response(first.acceptRelease(page));
        assertThat(response.statusCode()).isEqualTo(SUCCESS);
        assertThat(response.attributeValues(GIVEN_NAME)).containsExactly("Erika");
        assertThat(response.attributeValues(BIRTHDATE)).containsExactly("1964-08-12");

        // Same portal, same attributes, another browser: no question.
        SamlFlow second = flow(server);
        SamlFlow.SamlResponse again = second.response(second.login(second.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(null, Map.of(GIVEN_NAME, true, BIRTHDATE, false))), username, Citizens.PASSWORD));
        assertThat(again.statusCode()).isEqualTo(SUCCESS);
        assertThat(again.attributeValues(GIVEN_NAME)).containsExactly("Erika");

        // One attribute more: asked again, for all three; the page names the portal by its client when the request does not.
        SamlFlow third = flow(server);
        HttpResponse<String> more = third.follow(third.login(third.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(null, Map.of(GIVEN_NAME, true, BIRTHDATE, false, SURNAME, false))), username, Citizens.PASSWORD));
        assertThat(rows(Jsoup.parse(more.body())).keySet()).containsExactly(GIVEN_NAME, SURNAME, BIRTHDATE);
        assertThat(Jsoup.parse(more.body()).text()).contains("„" + entityId + "“ möchte");
        assertThat(third.response(third.acceptRelease(more)).attributeValues(SURNAME)).containsExactly("Mustermann");

        // Each release is one entry of the owner's activity log, the consenting logins' included (not two for them).
        List<String> releases = new ArrayList<>();
        for (JsonNode entry : activity(server, username)) {
            if (entry.path("type").asText().equals("DATA_RELEASE")) {
                assertThat(entry.path("portal").asText()).isEqualTo(entityId);
                releases.add(entry.path("detail").asText());
            }
        }
        assertThat(releases).containsExactly("birthdate, firstName, lastName", "birthdate, firstName", "birthdate, firstName");
    }

    @Test
    void givenTheCitizenDeclinesThenRequestDeniedWithoutAssertionAndNoConsentIsKept(ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "decline");
        SamlFlow flow = flow(server);
        HttpResponse<String> page = flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(null, Map.of(GIVEN_NAME, true))), username, Citizens.PASSWORD);

        SamlFlow.SamlResponse response = flow.response(flow.submitForm(page, "form#sk-bundid-consent", Map.of("cancel", "decline")));

        assertThat(response.subStatusCode()).contains(REQUEST_DENIED);
        assertThat(response.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength()).isZero();
        assertThat(response.xml()).doesNotContain("Erika");
        SamlFlow next = flow(server);
        assertThat(Jsoup.parse(next.follow(next.login(next.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(null, Map.of(GIVEN_NAME, true))), username, Citizens.PASSWORD)).body()).select("form#sk-bundid-consent")).hasSize(1);
    }

    @Test
    void givenConsentRevokedInTheAccountConsoleThenTheNextLoginAsksAgain(ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "revoke");
        SamlFlow flow = flow(server);
        assertThat(flow.response(flow.acceptRelease(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(null, Map.of(GIVEN_NAME, true))), username, Citizens.PASSWORD))).statusCode()).isEqualTo(SUCCESS);
        String token = accountConsoleToken(server, username);

        // The applications page of the console lists the portal with its consent.
        JsonNode applications = Json.parse(account(server, token, "GET", "applications").body());
        JsonNode portal = null;
        for (JsonNode application : applications) {
            if (application.path("clientId").asText().equals(entityId)) {
                portal = application;
            }
        }
        assertThat(portal).as(applications.toString()).isNotNull();
        assertThat(portal.path("consent").isObject()).isTrue();

        // "Zugriff entziehen" in the console.
        assertThat(account(server, token, "DELETE", "applications/" + URLEncoder.encode(entityId, StandardCharsets.UTF_8)
                + "/consent").statusCode()).isEqualTo(204);

        SamlFlow next = flow(server);
        HttpResponse<String> page = next.follow(next.login(next.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(null, Map.of(GIVEN_NAME, true))), username, Citizens.PASSWORD));
        assertThat(Jsoup.parse(page.body()).select("form#sk-bundid-consent")).as(page.body()).hasSize(1);
        List<String> types = new ArrayList<>();
        activity(server, username).forEach(entry -> types.add(entry.path("type").asText()));
        assertThat(types).contains("CONSENT_REVOKED");
    }

    @Test
    void givenTheCitizensLanguageIsEnglishThenTheConsentPageIsEnglish(ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "english");
        JsonNode user = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).get(0);
        assertThat(server.admin().put("/realms/servicekonto/users/" + user.path("id").asText(), Map.of(
                "firstName", "Erika", "lastName", "Mustermann", "email", username + "@example.org",
                "attributes", Map.of("birthdate", List.of("1964-08-12"), "locale", List.of("en")))).statusCode()).isEqualTo(204);
        SamlFlow flow = flow(server);

        HttpResponse<String> page = flow.follow(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb("City of Example", Map.of(GIVEN_NAME, true))), username, Citizens.PASSWORD));

        Document consent = Jsoup.parse(page.body());
        assertThat(consent.text()).contains("Share your data")
                .contains("\"City of Example\" would like to receive the following details from your Servicekonto");
        assertThat(rows(consent)).containsExactly(Map.entry(GIVEN_NAME, "Given names Erika (entered by you)"));
        assertThat(consent.select("#sk-release-accept").text()).isEqualTo("Agree");
    }

    @Test
    void givenARequiredAddressTheAccountLacksThenTheCitizenEntersItCheckedByTheUserProfile(ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "address");
        SamlFlow flow = flow(server);

        HttpResponse<String> page = flow.follow(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(null, Map.of(GIVEN_NAME, true, POSTAL_ADDRESS, true, POSTAL_CODE, true))), username, Citizens.PASSWORD));

        Document data = Jsoup.parse(page.body());
        assertThat(data.select("form#sk-bundid-data")).as(page.body()).hasSize(1);
        assertThat(data.text()).contains("Angaben ergänzen");
        assertThat(data.select("form#sk-bundid-data input, form#sk-bundid-data select")).extracting(e -> e.attr("name"))
                .containsExactly("street", "houseNumber", "postal_code", "country");
        assertThat(data.select("label[for=sk-field-postal_code]").text()).startsWith("Postleitzahl");

        // The realm's user-profile rule for German postal codes applies: the page again, with its German message.
        HttpResponse<String> invalid = flow.submitForm(page, "form#sk-bundid-data", Map.of("street", "Heidestraße",
                "houseNumber", "17", "postal_code", "5114", "country", "DE", "save", "save"));
        assertThat(invalid.statusCode()).isEqualTo(400);
        Document again = Jsoup.parse(invalid.body());
        assertThat(again.select("#sk-error-postal_code").text()).isEqualTo("Eine deutsche Postleitzahl hat fünf Ziffern.");
        assertThat(again.select("#sk-field-postal_code").attr("aria-invalid")).isEqualTo("true");
        assertThat(again.select("#sk-field-street").val()).isEqualTo("Heidestraße");
        assertThat(user(server, username).path("attributes").has("street")).as("nothing saved").isFalse();

        HttpResponse<String> consent = flow.follow(flow.submitForm(invalid, "form#sk-bundid-data", Map.of("street", "Heidestraße",
                "houseNumber", "17", "postal_code", "51147", "country", "DE", "save", "save")));
        assertThat(rows(Jsoup.parse(consent.body()))).as(consent.body()).containsExactly(
                Map.entry(GIVEN_NAME, "Vornamen Erika (selbst eingegeben)"),
                Map.entry(POSTAL_ADDRESS, "Straße und Hausnummer Heidestraße 17 (selbst eingegeben)"),
                Map.entry(POSTAL_CODE, "Postleitzahl 51147 (selbst eingegeben)"));
        SamlFlow.SamlResponse response = flow.response(flow.acceptRelease(consent));
        assertThat(response.statusCode()).isEqualTo(SUCCESS);
        assertThat(response.attributeValues(POSTAL_ADDRESS)).containsExactly("Heidestraße 17");
        assertThat(response.attributeValues(POSTAL_CODE)).containsExactly("51147");
        JsonNode attributes = user(server, username).path("attributes");
        assertThat(attributes.path("postal_code").get(0).asText()).isEqualTo("51147");
        assertThat(attributes.path("country").get(0).asText()).isEqualTo("DE");
    }

    @Test
    void givenTheCitizenCancelsTheDataPageThenRequestDenied(ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "nodata");
        SamlFlow flow = flow(server);
        HttpResponse<String> page = flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(null, Map.of(GIVEN_NAME, true, POSTAL_CODE, true))), username, Citizens.PASSWORD);

        SamlFlow.SamlResponse response = flow.response(flow.submitForm(page, "form#sk-bundid-data", Map.of("cancel", "cancel")));

        assertThat(response.subStatusCode()).contains(REQUEST_DENIED);
        assertThat(response.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength()).isZero();
    }

    @Test
    void givenARequiredValueOnlyTheIdCardHasThenTheCardStepLinksTheCardAndTheValueIsReleased(ServicekontoServer server) {
        new EidLogin(server).release("erika");
        String username = Citizens.erikaLike(server, "card");
        SamlFlow flow = flow(server);

        HttpResponse<String> page = flow.follow(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(null, Map.of(GIVEN_NAME, true, DOCUMENT_TYPE, true))), username, Citizens.PASSWORD));

        Document card = Jsoup.parse(page.body());
        assertThat(card.select("form#sk-bundid-card")).as(page.body()).hasSize(1);
        assertThat(card.text()).contains("Online-Ausweis erforderlich").contains("Art des Ausweisdokuments");
        assertThat(card.select("#sk-release-card").text()).isEqualTo("Mit Online-Ausweis fortfahren");
        assertThat(card.select("#sk-release-cancel")).hasSize(1);

        // The card step: the eID page for the account already known (no new password), then the card's data.
        HttpResponse<String> eid = flow.follow(EidLogin.press(flow.browser(), page, "sk-release-card"));
        assertThat(EidLogin.isEidPage(eid)).as(eid.body()).isTrue();
        HttpResponse<String> read = EidLogin.readCard(flow.browser(), eid, "erika");
        HttpResponse<String> consent = flow.follow(EidLogin.isConfirmPage(read) ? EidLogin.confirm(flow.browser(), read, Citizens.PASSWORD) : read);
        Map<String, String> rows = rows(Jsoup.parse(consent.body()));
        assertThat(rows.keySet()).as(consent.body()).containsExactly(GIVEN_NAME, DOCUMENT_TYPE);
        assertThat(rows.get(DOCUMENT_TYPE)).endsWith("(aus dem Personalausweis)");

        SamlFlow.SamlResponse response = flow.response(flow.acceptRelease(consent));
        assertThat(response.statusCode()).isEqualTo(SUCCESS);
        assertThat(response.attributeValues(DOCUMENT_TYPE)).hasSize(1);
        assertThat(new EidLogin(server).account("erika").orElseThrow().path("username").asText()).isEqualTo(username);
    }

    @Test
    void givenACardOnlyValueAndAPortalThatExcludesTheCardThenTheExplanationOffersOnlyCancel(ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "nocard");
        SamlFlow flow = flow(server);
        String request = akdb(null, Map.of(GIVEN_NAME, true, DOCUMENT_TYPE, true)).replace("<akdb:RequestedAttributes>",
                "<akdb:AuthnMethods><akdb:Benutzername><akdb:Enabled>true</akdb:Enabled></akdb:Benutzername>"
                        + "<akdb:eID><akdb:Enabled>false</akdb:Enabled></akdb:eID></akdb:AuthnMethods><akdb:RequestedAttributes>");

        HttpResponse<String> page = flow.follow(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"), request),
                username, Citizens.PASSWORD));

        Document card = Jsoup.parse(page.body());
        assertThat(card.select("form#sk-bundid-card")).as(page.body()).hasSize(1);
        assertThat(card.select("#sk-release-card")).isEmpty();
        assertThat(card.select("#sk-release-card-explanation").text()).contains("lässt den Online-Ausweis nicht zu");
        // A card step posted anyway is not started: the same page again.
        HttpResponse<String> again = flow.follow(flow.submitForm(page, "form#sk-bundid-card", Map.of("card", "card")));
        assertThat(Jsoup.parse(again.body()).select("form#sk-bundid-card")).as(again.body()).hasSize(1);
        SamlFlow.SamlResponse response = flow.response(flow.submitForm(again, "form#sk-bundid-card", Map.of("cancel", "cancel")));
        assertThat(response.subStatusCode()).contains(REQUEST_DENIED);
        assertThat(response.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength()).isZero();
    }

    private static SamlFlow flow(ServicekontoServer server) {
        return portal.flow(server);
    }

    /** The consent page's rows: BundID name to the row's text (label, value, origin). */
    private static Map<String, String> rows(Document page) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (Element row : page.select("#sk-release-attributes [data-attribute]")) {
            rows.put(row.attr("data-attribute"), row.text());
        }
        return rows;
    }

    private static JsonNode user(ServicekontoServer server, String username) {
        return server.admin().get("/realms/servicekonto/users?exact=true&briefRepresentation=false&username=" + username).get(0);
    }

    private static String accountConsoleToken(ServicekontoServer server, String username) {
        OidcFlow console = new OidcFlow(server.realmUri(), "account-console", null, server.realmUri() + "/account/");
        return console.exchange(console.callback(console.login(console.authorize(Map.of()), username, Citizens.PASSWORD))
                .get("code")).path("access_token").asText();
    }

    private static HttpResponse<String> account(ServicekontoServer server, String bearer, String method, String path) {
        return Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(URI.create(server.realmUri() + "/account/" + path))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The owner's activity log, newest first. */
    private static JsonNode activity(ServicekontoServer server, String username) {
        HttpResponse<String> response = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create(server.realmUri() + "/sk-account/activity"))
                .header("Authorization", "Bearer " + accountConsoleToken(server, username))
                .header("Accept", "application/json").GET().build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).path("entries");
    }

    private static String akdb(String displayName, Map<String, Boolean> requested) {
        StringBuilder xml = new StringBuilder("<akdb:AuthenticationRequest xmlns:akdb=\"" + AKDB + "\" Version=\"2\">");
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
}
