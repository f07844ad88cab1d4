package de.servicekonto.eidsim;

import de.servicekonto.eidsim.SimulatorTestSupport.Session;
import de.servicekonto.eidsim.SimulatorTestSupport.TcTokenServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static de.servicekonto.eidsim.SimulatorTestSupport.CANCELLED;
import static de.servicekonto.eidsim.SimulatorTestSupport.MAJOR_ERROR;
import static de.servicekonto.eidsim.SimulatorTestSupport.MAJOR_OK;
import static de.servicekonto.eidsim.SimulatorTestSupport.MINOR;
import static de.servicekonto.eidsim.SimulatorTestSupport.browser;
import static de.servicekonto.eidsim.SimulatorTestSupport.defaultOperations;
import static de.servicekonto.eidsim.SimulatorTestSupport.envelope;
import static de.servicekonto.eidsim.SimulatorTestSupport.find;
import static de.servicekonto.eidsim.SimulatorTestSupport.get;
import static de.servicekonto.eidsim.SimulatorTestSupport.getResult;
import static de.servicekonto.eidsim.SimulatorTestSupport.openEidClient;
import static de.servicekonto.eidsim.SimulatorTestSupport.postSoap;
import static de.servicekonto.eidsim.SimulatorTestSupport.tcToken;
import static de.servicekonto.eidsim.SimulatorTestSupport.text;
import static de.servicekonto.eidsim.SimulatorTestSupport.useId;
import static de.servicekonto.eidsim.SimulatorTestSupport.xml;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole login through real mutual TLS and the simulated eID-Client, against one shared simulator. */
class EidSimulatorTest {

    private static final String REFRESH = "http://localhost:8080/realms/servicekonto/login-actions/authenticate"
            + "?session_code=abc&execution=e1&client_id=portal&tab_id=t1";

    @TempDir
    static Path directory;

    private static EidSimulator simulator;
    private static HttpClient serviceProvider;
    private static TcTokenServer tokens;

    @BeforeAll
    static void startSimulator() throws Exception {
        simulator = EidSimulator.start(EidSimulator.Settings.builder().directory(directory).build());
        serviceProvider = SimulatorTestSupport.serviceProviderClient(simulator);
        tokens = new TcTokenServer();
    }

    @AfterAll
    static void stopSimulator() {
        tokens.close();
        simulator.close();
    }

    /** useID, then the citizen in the eID-Client; returns the session for getResult. */
    private static Session login(String identity, Map<String, String> operations, Integer age,
                                 String expectedLocation) throws Exception {
        Session session = useId(serviceProvider, simulator, operations, age);
        tokens.serve(tcToken(session, REFRESH, null));
        HttpResponse<String> redirect = openEidClient(simulator, tokens, identity);
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Location")).hasValue(expectedLocation);
        return session;
    }

    @Test
    void useIdOpensSessionWithPskAndCompletionAddress() throws Exception {
        Session session = useId(serviceProvider, simulator, defaultOperations(), 18);

        assertThat(session.id()).matches("[0-9A-F]{64}");
        assertThat(session.pskKey()).matches("[0-9A-F]{64}");
        assertThat(session.pskId()).matches("[0-9A-F]+");
        assertThat(session.serverAddress()).isEqualTo(simulator.paosUrl().toString());
        assertThat(simulator.serverUrl().toString()).matches("https://127\\.0\\.0\\.1:\\d+/eID");
        assertThat(simulator.paosUrl().toString()).matches("https://127\\.0\\.0\\.1:\\d+/paos");
        assertThat(simulator.clientUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+/eID-Client");
    }

    @Test
    void loginAsErikaDeliversOnlyTheAllowedDataOnce() throws Exception {
        Map<String, String> operations = defaultOperations();
        operations.put("PlaceOfBirth", "PROHIBITED");
        operations.put("CommunityID", "PROHIBITED");
        Session session = useId(serviceProvider, simulator, operations, 18);

        Document pending = getResult(serviceProvider, simulator, session.id(), 1);
        assertThat(text(pending, "Result", "ResultMajor")).isEqualTo(MAJOR_ERROR);
        assertThat(text(pending, "Result", "ResultMinor")).isEqualTo(MINOR + "getResult#noResultYet");
        assertThat(find(pending, "PersonalData")).isNull();

        tokens.serve(tcToken(session, REFRESH, null));
        HttpResponse<String> redirect = openEidClient(simulator, tokens, "erika");
        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Location")).hasValue(REFRESH + "&ResultMajor=ok");

        Document result = getResult(serviceProvider, simulator, session.id(), 2);
        assertThat(text(result, "Result", "ResultMajor")).isEqualTo(MAJOR_OK);
        assertThat(text(result, "PersonalData", "GivenNames")).isEqualTo("ERIKA");
        assertThat(text(result, "PersonalData", "FamilyNames")).isEqualTo("MUSTERMANN");
        assertThat(text(result, "PersonalData", "BirthName")).isEqualTo("GABLER");
        assertThat(text(result, "PersonalData", "DocumentType")).isEqualTo("ID");
        assertThat(text(result, "PersonalData", "IssuingState")).isEqualTo("D");
        assertThat(text(result, "PersonalData", "DateOfExpiry")).isEqualTo("2029-10-31");
        assertThat(text(result, "PersonalData", "AcademicTitle")).isEmpty();
        assertThat(text(result, "PersonalData", "DateOfBirth", "DateString")).isEqualTo("19640812");
        assertThat(text(result, "PersonalData", "DateOfBirth", "DateValue")).isEqualTo("1964-08-12");
        assertThat(text(result, "PlaceOfResidence", "StructuredPlace", "Street")).isEqualTo("HEIDESTRASSE 17");
        assertThat(text(result, "PlaceOfResidence", "StructuredPlace", "City")).isEqualTo("KÖLN");
        assertThat(text(result, "PlaceOfResidence", "StructuredPlace", "ZipCode")).isEqualTo("51147");
        assertThat(text(result, "PlaceOfResidence", "StructuredPlace", "Country")).isEqualTo("D");
        assertThat(text(result, "RestrictedID", "ID")).isEqualTo(Identities.restrictedId("erika")).hasSize(64);
        assertThat(find(result, "PlaceOfBirth")).isNull();
        assertThat(find(result, "CommunityID")).isNull();
        assertThat(find(result, "ResidencePermitI")).isNull();
        assertThat(text(result, "FulfilsAgeVerification", "FulfilsRequest")).isEqualTo("true");
        assertThat(text(result, "LevelOfAssuranceResult")).isEqualTo("http://bsi.bund.de/eID/LoA/hoch");

        Document again = getResult(serviceProvider, simulator, session.id(), 3);
        assertThat(text(again, "Result", "ResultMinor")).isEqualTo(MINOR + "getResult#invalidSession");
    }

    @Test
    void responseUsesTheContractNamespaces() throws Exception {
        Session session = useId(serviceProvider, simulator, defaultOperations(), 18);
        HttpResponse<String> response = postSoap(serviceProvider, simulator.serverUrl(),
                SimulatorTestSupport.getResultRequest(session.id(), 1));

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/xml"));
        Document document = xml(response.body());
        assertThat(document.getDocumentElement().getNamespaceURI())
                .isEqualTo("http://schemas.xmlsoap.org/soap/envelope/");
        assertThat(find(document, "getResultResponse").getNamespaceURI()).isEqualTo("http://bsi.bund.de/eID/");
        assertThat(find(document, "Result").getNamespaceURI()).isEqualTo("urn:oasis:names:tc:dss:1.0:core:schema");
    }

    @Test
    void newCardHasDifferentRestrictedId() throws Exception {
        Map<String, String> operations = defaultOperations();
        operations.put("AgeVerification", "PROHIBITED");
        Session session = login("erika-new-card", operations, null, REFRESH + "&ResultMajor=ok");

        Document result = getResult(serviceProvider, simulator, session.id(), 1);
        assertThat(text(result, "RestrictedID", "ID")).isEqualTo(Identities.restrictedId("erika-new-card"))
                .isNotEqualTo(Identities.restrictedId("erika"));
        assertThat(text(result, "DateOfExpiry")).isEqualTo("2034-06-30");
    }

    @Test
    void ageVerificationAbsentWhenNotAsked() throws Exception {
        Map<String, String> operations = defaultOperations();
        operations.put("AgeVerification", "PROHIBITED");
        Session session = login("jonas", operations, null, REFRESH + "&ResultMajor=ok");

        Document result = getResult(serviceProvider, simulator, session.id(), 1);
        assertThat(text(result, "Result", "ResultMajor")).isEqualTo(MAJOR_OK);
        assertThat(find(result, "FulfilsAgeVerification")).isNull();
        assertThat(text(result, "AcademicTitle")).isEqualTo("DR.");
        assertThat(text(result, "PlaceOfResidence", "StructuredPlace", "City")).isEqualTo("HAMBURG");
    }

    @Test
    void minorFailsAgeVerificationForSixteen() throws Exception {
        Session session = login("minor", defaultOperations(), 16, REFRESH + "&ResultMajor=ok");

        Document result = getResult(serviceProvider, simulator, session.id(), 1);
        assertThat(text(result, "Result", "ResultMajor")).isEqualTo(MAJOR_OK);
        assertThat(text(result, "GivenNames")).isEqualTo("LENA");
        assertThat(text(result, "DateOfBirth", "DateValue"))
                .isEqualTo(LocalDate.now(ZoneId.of("Europe/Berlin")).minusYears(14).toString());
        assertThat(text(result, "FulfilsAgeVerification", "FulfilsRequest")).isEqualTo("false");
    }

    @Test
    void citizenAbroadHasNoPlaceInfo() throws Exception {
        Map<String, String> operations = defaultOperations();
        operations.put("CommunityID", "ALLOWED");
        Session session = login("no-address", operations, 18, REFRESH + "&ResultMajor=ok");

        Document result = getResult(serviceProvider, simulator, session.id(), 1);
        assertThat(text(result, "PlaceOfResidence", "NoPlaceInfo")).isNotBlank();
        assertThat(find(result, "StructuredPlace")).isNull();
        assertThat(find(result, "CommunityID")).isNull();
        assertThat(text(result, "Nationality")).isEqualTo("A");
        assertThat(text(result, "FulfilsAgeVerification", "FulfilsRequest")).isEqualTo("true");
    }

    @Test
    void umlautsInNamesAndAddressArriveAsUtf8() throws Exception {
        Session session = login("umlaut", defaultOperations(), 18, REFRESH + "&ResultMajor=ok");

        Document result = getResult(serviceProvider, simulator, session.id(), 1);
        assertThat(text(result, "Result", "ResultMajor")).isEqualTo(MAJOR_OK);
        assertThat(text(result, "GivenNames")).isEqualTo("JÜRGEN HANS");
        assertThat(text(result, "FamilyNames")).isEqualTo("MÜLLER-LÜDENSCHEIDT");
        assertThat(text(result, "DateOfBirth", "DateValue")).isEqualTo("1975-06-30");
        assertThat(text(result, "PlaceOfResidence", "StructuredPlace", "Street")).isEqualTo("GÄNSEWEG 3");
        assertThat(text(result, "RestrictedID", "ID")).isEqualTo(Identities.restrictedId("umlaut"));
    }

    @Test
    void cancelInEidClientReachesBothSides() throws Exception {
        Session session = login("cancel", defaultOperations(), 18, REFRESH + "&ResultMajor=error&ResultMinor="
                + URLEncoder.encode(CANCELLED, StandardCharsets.UTF_8));

        Document result = getResult(serviceProvider, simulator, session.id(), 1);
        assertThat(text(result, "Result", "ResultMajor")).isEqualTo(MAJOR_ERROR);
        assertThat(text(result, "Result", "ResultMinor")).isEqualTo(CANCELLED);
        assertThat(find(result, "PersonalData")).isNull();
    }

    @Test
    void expiredDocumentIsInvalid() throws Exception {
        String invalidDocument = MINOR + "getResult#invalidDocument";
        Session session = login("expired", defaultOperations(), 18, REFRESH + "&ResultMajor=error&ResultMinor="
                + URLEncoder.encode(invalidDocument, StandardCharsets.UTF_8));

        Document result = getResult(serviceProvider, simulator, session.id(), 1);
        assertThat(text(result, "Result", "ResultMinor")).isEqualTo(invalidDocument);
        assertThat(find(result, "PersonalData")).isNull();
    }

    @Test
    void requestCounterMustGrow() throws Exception {
        Session session = useId(serviceProvider, simulator, defaultOperations(), 18);

        assertThat(text(getResult(serviceProvider, simulator, session.id(), 5), "ResultMinor"))
                .isEqualTo(MINOR + "getResult#noResultYet");
        assertThat(text(getResult(serviceProvider, simulator, session.id(), 5), "ResultMinor"))
                .isEqualTo(MINOR + "getResult#invalidCounter");
        assertThat(text(getResult(serviceProvider, simulator, session.id(), 4), "ResultMinor"))
                .isEqualTo(MINOR + "getResult#invalidCounter");
        assertThat(text(getResult(serviceProvider, simulator, session.id(), 6), "ResultMinor"))
                .isEqualTo(MINOR + "getResult#noResultYet");
    }

    @Test
    void unknownSessionIsInvalid() throws Exception {
        Document result = getResult(serviceProvider, simulator, "00".repeat(32), 1);

        assertThat(text(result, "ResultMajor")).isEqualTo(MAJOR_ERROR);
        assertThat(text(result, "ResultMinor")).isEqualTo(MINOR + "getResult#invalidSession");
    }

    @Test
    void completionStepChecksSessionAndPsk() throws Exception {
        Session session = useId(serviceProvider, simulator, defaultOperations(), 18);
        HttpClient client = SimulatorTestSupport.anonymousClient(simulator);

        assertThat(complete(client, session.id(), "AB".repeat(32), "erika", "ok").statusCode()).isEqualTo(403);
        assertThat(complete(client, "CD".repeat(32), session.pskKey(), "erika", "ok").statusCode()).isEqualTo(404);
        assertThat(complete(client, session.id(), session.pskKey(), "nobody", "ok").statusCode()).isEqualTo(400);
        assertThat(complete(client, session.id(), session.pskKey(), "erika", "maybe").statusCode()).isEqualTo(400);
        assertThat(text(getResult(serviceProvider, simulator, session.id(), 1), "ResultMinor"))
                .isEqualTo(MINOR + "getResult#noResultYet");

        // Lower-case hex is the same PSK.
        assertThat(complete(client, session.id().toLowerCase(), session.pskKey().toLowerCase(), "erika", "ok")
                .statusCode()).isEqualTo(200);
        assertThat(complete(client, session.id(), session.pskKey(), "erika", "ok").statusCode()).isEqualTo(409);
        assertThat(text(getResult(serviceProvider, simulator, session.id(), 2), "ResultMajor")).isEqualTo(MAJOR_OK);
    }

    private static HttpResponse<String> complete(HttpClient client, String session, String psk, String identity,
                                                 String outcome) throws Exception {
        return client.send(HttpRequest.newBuilder(simulator.paosUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("session=" + session + "&psk=" + psk + "&identity="
                        + identity + "&outcome=" + outcome))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void wrongPskInTcTokenSendsBrowserToCommunicationErrorAddress() throws Exception {
        Session session = useId(serviceProvider, simulator, defaultOperations(), 18);
        Session forged = new Session(session.id(), session.pskId(), "11".repeat(32), session.serverAddress());
        tokens.serve(tcToken(forged, REFRESH, "https://portal.example/eid-error?x=1"));

        HttpResponse<String> redirect = openEidClient(simulator, tokens, "erika");

        assertThat(redirect.statusCode()).isEqualTo(303);
        assertThat(redirect.headers().firstValue("Location")).hasValue(
                "https://portal.example/eid-error?x=1&ResultMajor=error&ResultMinor="
                        + "http%3A%2F%2Fwww.bsi.bund.de%2Fecard%2Fapi%2F1.1%2Fresultminor%2Fdp%23communicationError");
        assertThat(text(getResult(serviceProvider, simulator, session.id(), 1), "ResultMinor"))
                .isEqualTo(MINOR + "getResult#noResultYet");
    }

    @Test
    void unusableTcTokenWithoutErrorAddressShowsErrorPage() throws Exception {
        tokens.fail(404);
        HttpResponse<String> missing = openEidClient(simulator, tokens, "erika");
        assertThat(missing.statusCode()).isEqualTo(502);
        assertThat(missing.body()).contains("lang=\"de\"", "<h1>");

        tokens.serve("<TCTokenType><ServerAddress>https://127.0.0.1:1/paos</ServerAddress></TCTokenType>");
        assertThat(openEidClient(simulator, tokens, "erika").statusCode()).isEqualTo(502);

        tokens.serve("<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<TCTokenType>&x;</TCTokenType>");
        assertThat(openEidClient(simulator, tokens, "erika").statusCode()).isEqualTo(502);
    }

    @Test
    void refreshAddressWithoutQueryGetsQuestionMark() throws Exception {
        Session session = useId(serviceProvider, simulator, defaultOperations(), 18);
        tokens.serve(tcToken(session, "https://portal.example/refresh", null));

        HttpResponse<String> redirect = openEidClient(simulator, tokens, "jonas");

        assertThat(redirect.headers().firstValue("Location")).hasValue("https://portal.example/refresh?ResultMajor=ok");
    }

    @Test
    void defaultIdentityIsUsedWhenRequestNamesNone() throws Exception {
        Session session = useId(serviceProvider, simulator, defaultOperations(), 18);
        tokens.serve(tcToken(session, REFRESH, null));
        simulator.setDefaultIdentity("jonas");
        try {
            assertThat(openEidClient(simulator, tokens, null).statusCode()).isEqualTo(303);
        } finally {
            simulator.setDefaultIdentity(null);
        }
        assertThat(text(getResult(serviceProvider, simulator, session.id(), 1), "GivenNames")).isEqualTo("JONAS");
    }

    @Test
    void choicePageListsEveryIdentity() throws Exception {
        HttpResponse<String> page = openEidClient(simulator, tokens, null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<html lang=\"de\"", "<h1>", "<ul", "Abbrechen");
        String linkStart = "/eID-Client?tcTokenURL=" + URLEncoder.encode(tokens.url(), StandardCharsets.UTF_8)
                .replace("&", "&amp;") + "&amp;identity=";
        for (Identity identity : Identities.all(LocalDate.now())) {
            assertThat(page.body()).contains("href=\"" + linkStart + identity.id() + "\"");
        }
    }

    @Test
    void statusAnswersLikeTheAusweisApp() throws Exception {
        HttpResponse<String> plain = get(browser(), simulator.clientUrl() + "?Status");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(plain.body()).contains("Name: ", "Implementation-Title: ", "Implementation-Vendor: ",
                "Implementation-Version: ", "Specification-Title: TR-03124\n",
                "Specification-Vendor: Federal Office for Information Security\n", "Specification-Version: 1.4\n");

        HttpResponse<String> json = get(browser(), simulator.clientUrl() + "?Status=json");
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json.body()).startsWith("{").endsWith("}")
                .contains("\"Specification-Title\":\"TR-03124\"", "\"Specification-Version\":\"1.4\"");
    }

    @Test
    void eidClientRejectsBadRequests() throws Exception {
        String client = simulator.clientUrl().toString();
        assertThat(get(browser(), client).statusCode()).isEqualTo(400);
        assertThat(get(browser(), client + "?tcTokenURL=" + URLEncoder.encode("http://portal.example/tc",
                StandardCharsets.UTF_8) + "&identity=erika").statusCode()).isEqualTo(400);
        assertThat(get(browser(), client + "?tcTokenURL=" + URLEncoder.encode("ftp://127.0.0.1/tc",
                StandardCharsets.UTF_8)).statusCode()).isEqualTo(400);
        assertThat(openEidClient(simulator, tokens, "nobody").statusCode()).isEqualTo(400);
        URI root = simulator.clientUrl().resolve("/other");
        assertThat(get(browser(), root.toString()).statusCode()).isEqualTo(404);
        assertThat(get(browser(), simulator.clientUrl() + "/more").statusCode()).isEqualTo(404);
    }

    @Test
    void soapEndpointRequiresTheServiceProviderCertificate() throws Exception {
        HttpResponse<String> anonymous = postSoap(SimulatorTestSupport.anonymousClient(simulator),
                simulator.serverUrl(), SimulatorTestSupport.useIdRequest(defaultOperations(), 18));

        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).doesNotContain("Envelope");
    }

    @Test
    void soapEndpointAcceptsOnlyPost() throws Exception {
        HttpResponse<String> response = serviceProvider.send(HttpRequest.newBuilder(simulator.serverUrl()).GET()
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void doctypeIsRejectedAsClientFault() throws Exception {
        String request = envelope("<eid:getResultRequest><eid:Session><eid:ID>&x;</eid:ID></eid:Session>"
                + "<eid:RequestCounter>1</eid:RequestCounter></eid:getResultRequest>");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE S:Envelope [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + request.substring(request.indexOf("?>") + 2);

        HttpResponse<String> response = postSoap(serviceProvider, simulator.serverUrl(), xxe);

        assertThat(response.statusCode()).isEqualTo(500);
        Document fault = xml(response.body());
        assertThat(find(fault, "Fault").getNamespaceURI()).isEqualTo("http://schemas.xmlsoap.org/soap/envelope/");
        assertThat(text(fault, "Fault", "faultcode")).isEqualTo("soap:Client");
    }

    @Test
    void malformedRequestsAreClientFaults() throws Exception {
        Map<String, String> missingOne = defaultOperations();
        missingOne.remove("CommunityID");
        Map<String, String> badValue = defaultOperations();
        badValue.put("GivenNames", "MAYBE");
        for (String request : new String[] {
                "not xml",
                "<Envelope/>",
                envelope("<eid:unknownRequest/>"),
                SimulatorTestSupport.useIdRequest(missingOne, 18),
                SimulatorTestSupport.useIdRequest(badValue, 18),
                SimulatorTestSupport.useIdRequest(defaultOperations(), null),
                SimulatorTestSupport.getResultRequest("AB", 0),
                SimulatorTestSupport.getResultRequest("AB", -3)}) {
            HttpResponse<String> response = postSoap(serviceProvider, simulator.serverUrl(), request);
            assertThat(response.statusCode()).as(request).isEqualTo(500);
            assertThat(text(xml(response.body()), "Fault", "faultcode")).isEqualTo("soap:Client");
        }
    }

    @Test
    void oversizedRequestIsRefused() throws Exception {
        String padding = "<!--" + "x".repeat(70 * 1024) + "-->";
        HttpResponse<String> response = postSoap(serviceProvider, simulator.serverUrl(),
                SimulatorTestSupport.getResultRequest("AB", 1) + padding);

        assertThat(response.statusCode()).isEqualTo(413);
    }
}
