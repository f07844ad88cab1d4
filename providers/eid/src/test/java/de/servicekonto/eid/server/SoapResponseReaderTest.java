package de.servicekonto.eid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import de.servicekonto.eid.EidResult;
import de.servicekonto.eid.server.EidServerException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SoapResponseReaderTest {

    static final String SESSION_ID = "0A1B2C3D4E5F60718293A4B5C6D7E8F9";
    static final String PSK_KEY = "00112233445566778899AABBCCDDEEFF00112233445566778899aabbccddeeff";
    static final String RESTRICTED_ID = "7F3a9c01D2e4B5a6978812ab34cd56ef7F3a9c01D2e4B5a6978812ab34cd56ef";
    static final String MAJOR_OK = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#ok";
    static final String MAJOR_ERROR = "http://www.bsi.bund.de/ecard/api/1.1/resultmajor#error";
    static final String SERVER_MINOR = "http://www.bsi.bund.de/eid/server/2.0/resultminor/";

    private static final String OK_RESULT = "<dss:Result><dss:ResultMajor>" + MAJOR_OK + "</dss:ResultMajor></dss:Result>";

    /** A SOAP envelope with the usual prefixes around a Body content. */
    static byte[] envelope(String body) {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
                    xmlns:eid="http://bsi.bund.de/eID/" xmlns:dss="urn:oasis:names:tc:dss:1.0:core:schema">
                  <soap:Body>
                """ + body + """
                  </soap:Body>
                </soap:Envelope>
                """).getBytes(StandardCharsets.UTF_8);
    }

    static String useIdResponse() {
        return """
                <eid:useIDResponse>
                  <eid:Session><eid:ID>%s</eid:ID></eid:Session>
                  <eid:eCardServerAddress>https://127.0.0.1:24728/paos</eid:eCardServerAddress>
                  <eid:PSK><eid:ID>%s</eid:ID><eid:Key>%s</eid:Key></eid:PSK>
                  %s
                </eid:useIDResponse>
                """.formatted(SESSION_ID, SESSION_ID, PSK_KEY, OK_RESULT);
    }

    static String erikaPersonalData(String residence, String dateOfBirth) {
        return """
                <eid:PersonalData>
                  <eid:DocumentType>ID</eid:DocumentType>
                  <eid:IssuingState>D</eid:IssuingState>
                  <eid:DateOfExpiry>2029-10-31</eid:DateOfExpiry>
                  <eid:GivenNames>ERIKA</eid:GivenNames>
                  <eid:FamilyNames>MUSTERMANN</eid:FamilyNames>
                  <eid:ArtisticName></eid:ArtisticName>
                  <eid:AcademicTitle/>
                  <eid:DateOfBirth>%s</eid:DateOfBirth>
                  <eid:PlaceOfBirth><eid:FreetextPlace>BERLIN</eid:FreetextPlace></eid:PlaceOfBirth>
                  <eid:Nationality>D</eid:Nationality>
                  <eid:BirthName>GABLER</eid:BirthName>
                  <eid:PlaceOfResidence>%s</eid:PlaceOfResidence>
                  <eid:CommunityID>02760503150000</eid:CommunityID>
                  <eid:RestrictedID><eid:ID>%s</eid:ID></eid:RestrictedID>
                </eid:PersonalData>
                """.formatted(dateOfBirth, residence, RESTRICTED_ID);
    }

    static final String ERIKA_BIRTH = "<eid:DateString>19640812</eid:DateString><eid:DateValue>1964-08-12</eid:DateValue>";
    static final String ERIKA_RESIDENCE = """
            <eid:StructuredPlace>
              <eid:Street>HEIDESTRASSE 17</eid:Street><eid:City>KÖLN</eid:City><eid:State></eid:State>
              <eid:Country>D</eid:Country><eid:ZipCode>51147</eid:ZipCode>
            </eid:StructuredPlace>""";

    static String getResultResponse(String personalData) {
        return """
                <eid:getResultResponse>
                  %s
                  <eid:FulfilsAgeVerification><eid:FulfilsRequest>true</eid:FulfilsRequest></eid:FulfilsAgeVerification>
                  <eid:LevelOfAssuranceResult>http://bsi.bund.de/eID/LoA/hoch</eid:LevelOfAssuranceResult>
                  %s
                </eid:getResultResponse>
                """.formatted(personalData, OK_RESULT);
    }

    static String errorResult(String element, String minor) {
        return """
                <eid:%s>
                  <dss:Result>
                    <dss:ResultMajor>%s</dss:ResultMajor>
                    <dss:ResultMinor>%s</dss:ResultMinor>
                    <dss:ResultMessage xml:lang="en">details</dss:ResultMessage>
                  </dss:Result>
                </eid:%s>
                """.formatted(element, MAJOR_ERROR, minor, element);
    }

    // --- useID ---

    @Test
    void givenUseIdAnswerThenSessionAddressAndKeyAreRead() throws Exception {
        UseIdResponse response = SoapResponseReader.readUseIdResponse(envelope(useIdResponse()));

        assertThat(response.sessionId()).isEqualTo(SESSION_ID);
        assertThat(response.ecardServerAddress()).isEqualTo(URI.create("https://127.0.0.1:24728/paos"));
        assertThat(response.pskId()).isEqualTo(SESSION_ID);
        assertThat(response.pskKey()).isEqualTo(HexFormat.of().parseHex(PSK_KEY));
    }

    @Test
    void givenUseIdAnswerWithoutServerAddressThenAddressIsNull() throws Exception {
        String body = useIdResponse().replaceAll("<eid:eCardServerAddress>[^<]*</eid:eCardServerAddress>", "");

        assertThat(SoapResponseReader.readUseIdResponse(envelope(body)).ecardServerAddress()).isNull();
    }

    @Test
    void givenTooManyOpenSessionsThenServerBusyIsThrown() {
        byte[] answer = envelope(errorResult("useIDResponse", SERVER_MINOR + "useID#tooManyOpenSessions"));

        EidServerException e = failure(() -> SoapResponseReader.readUseIdResponse(answer));

        assertThat(e.reason()).isEqualTo(Reason.REFUSED);
        assertThat(e.result()).isEqualTo(EidResult.SERVER_BUSY);
        assertThat(e.getMessage()).contains("tooManyOpenSessions");
    }

    @Test
    void givenUseIdErrorWithUnknownMinorThenOtherError() {
        byte[] answer = envelope(errorResult("useIDResponse", SERVER_MINOR + "useID#somethingElse"));

        EidServerException e = failure(() -> SoapResponseReader.readUseIdResponse(answer));

        assertThat(e.reason()).isEqualTo(Reason.REFUSED);
        assertThat(e.result()).isEqualTo(EidResult.OTHER_ERROR);
    }

    @ParameterizedTest
    @CsvSource({
            "<eid:Session><eid:ID>" + SESSION_ID + "</eid:ID></eid:Session>, ''",
            "<eid:Key>" + PSK_KEY + "</eid:Key>, ''",
            "<eid:Key>" + PSK_KEY + "</eid:Key>, <eid:Key>00112233</eid:Key>",
            "<eid:Key>" + PSK_KEY + "</eid:Key>, <eid:Key>zz112233445566778899AABBCCDDEEFF</eid:Key>",
            "https://127.0.0.1:24728/paos, http://127.0.0.1:24728/paos",
            "https://127.0.0.1:24728/paos, not a uri",
    })
    void givenIncompleteOrInvalidUseIdAnswerThenProtocolError(String original, String replacement) {
        String body = useIdResponse().replace(original, replacement);
        assertThat(body).isNotEqualTo(useIdResponse());

        assertThat(failure(() -> SoapResponseReader.readUseIdResponse(envelope(body))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenNonHexSessionIdInAnswerThenProtocolError() {
        String body = useIdResponse().replace("<eid:ID>" + SESSION_ID + "</eid:ID></eid:Session>",
                "<eid:ID>0A1B-not-hex</eid:ID></eid:Session>");

        EidServerException e = failure(() -> SoapResponseReader.readUseIdResponse(envelope(body)));

        assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
        assertThat(e.getMessage()).doesNotContain("0A1B-not-hex");
    }

    @Test
    void givenOverlongHexSessionIdThenProtocolError() {
        String body = useIdResponse().replace("<eid:ID>" + SESSION_ID + "</eid:ID></eid:Session>",
                "<eid:ID>" + "AB".repeat(257) + "</eid:ID></eid:Session>");

        assertThat(failure(() -> SoapResponseReader.readUseIdResponse(envelope(body))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenOtherPrefixesAndDefaultNamespaceThenAnswerIsRead() throws Exception {
        String xml = """
                <S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/">
                  <S:Header/>
                  <S:Body>
                    <useIDResponse xmlns="http://bsi.bund.de/eID/">
                      <Session><ID>%s</ID></Session>
                      <PSK><ID>%s</ID><Key>%s</Key></PSK>
                      <r:Result xmlns:r="urn:oasis:names:tc:dss:1.0:core:schema">
                        <r:ResultMajor>%s</r:ResultMajor>
                      </r:Result>
                    </useIDResponse>
                  </S:Body>
                </S:Envelope>
                """.formatted(SESSION_ID, "CAFE", PSK_KEY, MAJOR_OK);

        UseIdResponse response = SoapResponseReader.readUseIdResponse(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(response.sessionId()).isEqualTo(SESSION_ID);
        assertThat(response.pskId()).isEqualTo("CAFE");
    }

    @Test
    void givenEidPrefixBoundToAnotherNamespaceThenAnswerIsNotAccepted() {
        String xml = new String(envelope(useIdResponse()), StandardCharsets.UTF_8)
                .replace("xmlns:eid=\"http://bsi.bund.de/eID/\"", "xmlns:eid=\"urn:evil\"");

        assertThat(failure(() -> SoapResponseReader.readUseIdResponse(xml.getBytes(StandardCharsets.UTF_8))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenSoap12EnvelopeThenProtocolError() {
        String xml = new String(envelope(useIdResponse()), StandardCharsets.UTF_8)
                .replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope");

        assertThat(failure(() -> SoapResponseReader.readUseIdResponse(xml.getBytes(StandardCharsets.UTF_8))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    // --- getResult ---

    @Test
    void givenErikaMustermannThenEveryFieldIsRead() throws Exception {
        byte[] answer = envelope(getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH)));

        GetResultResponse response = SoapResponseReader.readGetResultResponse(answer);

        assertThat(response.ok()).isTrue();
        assertThat(response.result()).isEqualTo(EidResult.OK);
        assertThat(response.resultMajor()).isEqualTo(MAJOR_OK);
        assertThat(response.resultMinor()).isNull();
        assertThat(response.fulfilsAgeVerification()).isTrue();
        assertThat(response.levelOfAssuranceResult()).isEqualTo("http://bsi.bund.de/eID/LoA/hoch");
        EidPerson person = response.person();
        assertThat(person).isEqualTo(new EidPerson("ID", "D", LocalDate.of(2029, 10, 31), "ERIKA", "MUSTERMANN",
                null, null, LocalDate.of(1964, 8, 12), "19640812", Place.freeText("BERLIN"), "D", "GABLER",
                Place.structured("HEIDESTRASSE 17", "KÖLN", null, "D", "51147"), "02760503150000", RESTRICTED_ID));
    }

    @Test
    void givenIncompleteDateOfBirthThenOnlyTheTextIsKept() throws Exception {
        String birth = "<eid:DateString>1964    </eid:DateString>";
        byte[] answer = envelope(getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, birth)));

        EidPerson person = SoapResponseReader.readGetResultResponse(answer).person();

        assertThat(person.dateOfBirth()).isNull();
        assertThat(person.dateOfBirthText()).isEqualTo("1964    ");
    }

    @Test
    void givenDateOfBirthWithZeroDayAndNoValueThenDateIsNull() throws Exception {
        String birth = "<eid:DateString>19640800</eid:DateString>";
        byte[] answer = envelope(getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, birth)));

        EidPerson person = SoapResponseReader.readGetResultResponse(answer).person();

        assertThat(person.dateOfBirth()).isNull();
        assertThat(person.dateOfBirthText()).isEqualTo("19640800");
    }

    @Test
    void givenCompleteDateStringWithoutValueThenDateIsDerived() throws Exception {
        String birth = "<eid:DateString>19640812</eid:DateString>";
        byte[] answer = envelope(getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, birth)));

        assertThat(SoapResponseReader.readGetResultResponse(answer).person().dateOfBirth())
                .isEqualTo(LocalDate.of(1964, 8, 12));
    }

    @Test
    void givenNoPlaceInfoThenResidenceSaysSo() throws Exception {
        String residence = "<eid:NoPlaceInfo>no address in Germany</eid:NoPlaceInfo>";
        byte[] answer = envelope(getResultResponse(erikaPersonalData(residence, ERIKA_BIRTH)));

        Place place = SoapResponseReader.readGetResultResponse(answer).person().placeOfResidence();

        assertThat(place).isEqualTo(Place.noInfo("no address in Germany"));
        assertThat(place.noPlaceInfo()).isTrue();
        assertThat(place.isStructured()).isFalse();
        assertThat(place.isFreeText()).isFalse();
    }

    @Test
    void givenFreetextResidenceThenTextIsKept() throws Exception {
        String residence = "<eid:FreetextPlace>KÖLN, HEIDESTRASSE 17 &amp; HOF</eid:FreetextPlace>";
        byte[] answer = envelope(getResultResponse(erikaPersonalData(residence, ERIKA_BIRTH)));

        Place place = SoapResponseReader.readGetResultResponse(answer).person().placeOfResidence();

        assertThat(place).isEqualTo(Place.freeText("KÖLN, HEIDESTRASSE 17 & HOF"));
        assertThat(place.isFreeText()).isTrue();
        assertThat(place.street()).isNull();
    }

    @Test
    void givenPlaceWithTwoFormsThenProtocolError() {
        String residence = ERIKA_RESIDENCE + "<eid:FreetextPlace>KÖLN</eid:FreetextPlace>";
        byte[] answer = envelope(getResultResponse(erikaPersonalData(residence, ERIKA_BIRTH)));

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(answer)).reason()).isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenOnlySomeFieldsReleasedThenTheOthersAreNull() throws Exception {
        String data = """
                <eid:PersonalData>
                  <eid:GivenNames>ERIKA</eid:GivenNames>
                  <eid:RestrictedID><eid:ID>%s</eid:ID></eid:RestrictedID>
                </eid:PersonalData>""".formatted(RESTRICTED_ID);
        String body = getResultResponse(data).replaceAll("(?s)<eid:FulfilsAgeVerification>.*</eid:FulfilsAgeVerification>",
                "");

        GetResultResponse response = SoapResponseReader.readGetResultResponse(envelope(body));

        assertThat(response.fulfilsAgeVerification()).isNull();
        assertThat(response.person()).isEqualTo(new EidPerson(null, null, null, "ERIKA", null, null, null, null, null,
                null, null, null, null, null, RESTRICTED_ID));
    }

    @Test
    void givenAgeNotFulfilledThenFalse() throws Exception {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace("<eid:FulfilsRequest>true</eid:FulfilsRequest>", "<eid:FulfilsRequest>false</eid:FulfilsRequest>");

        GetResultResponse response = SoapResponseReader.readGetResultResponse(envelope(body));

        assertThat(response.ok()).isTrue();
        assertThat(response.fulfilsAgeVerification()).isFalse();
    }

    @Test
    void givenAgeResultNotBooleanThenProtocolError() {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace("<eid:FulfilsRequest>true</eid:FulfilsRequest>", "<eid:FulfilsRequest>yes</eid:FulfilsRequest>");

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(envelope(body))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @ParameterizedTest
    @CsvSource({
            "getResult#noResultYet, NO_RESULT_YET",
            "getResult#invalidDocument, DOCUMENT_INVALID",
            "getResult#deniedDocument, DOCUMENT_DENIED",
            "getResult#invalidSession, SESSION_INVALID",
            "getResult#invalidCounter, SESSION_INVALID",
            "getResult#somethingNew, OTHER_ERROR",
    })
    void givenServerErrorResultThenItIsMapped(String minor, EidResult expected) throws Exception {
        byte[] answer = envelope(errorResult("getResultResponse", SERVER_MINOR + minor));

        GetResultResponse response = SoapResponseReader.readGetResultResponse(answer);

        assertThat(response.ok()).isFalse();
        assertThat(response.result()).isEqualTo(expected);
        assertThat(response.resultMajor()).isEqualTo(MAJOR_ERROR);
        assertThat(response.resultMinor()).isEqualTo(SERVER_MINOR + minor);
        assertThat(response.person()).isNull();
    }

    @Test
    void givenCancellationByUserThenCancelled() throws Exception {
        byte[] answer = envelope(errorResult("getResultResponse",
                "http://www.bsi.bund.de/ecard/api/1.1/resultminor/sal#cancellationByUser"));

        assertThat(SoapResponseReader.readGetResultResponse(answer).result()).isEqualTo(EidResult.CANCELLED_BY_USER);
    }

    @Test
    void givenErrorResultWithPersonalDataThenTheDataIsIgnored() throws Exception {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace(MAJOR_OK, MAJOR_ERROR);

        GetResultResponse response = SoapResponseReader.readGetResultResponse(envelope(body));

        assertThat(response.ok()).isFalse();
        assertThat(response.result()).isEqualTo(EidResult.OTHER_ERROR);
        assertThat(response.person()).isNull();
        assertThat(response.fulfilsAgeVerification()).isNull();
    }

    @Test
    void givenMissingResultThenProtocolError() {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH)).replace(OK_RESULT, "");

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(envelope(body))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenElementsInForeignNamespaceThenTheyAreNotTakenAsData() throws Exception {
        String data = """
                <eid:PersonalData xmlns:x="urn:attacker">
                  <x:GivenNames>MALLORY</x:GivenNames>
                  <eid:FamilyNames>MUSTERMANN</eid:FamilyNames>
                  <x:RestrictedID><eid:ID>%s</eid:ID></x:RestrictedID>
                  <FamilyNames>NO-NAMESPACE</FamilyNames>
                </eid:PersonalData>""".formatted("AA".repeat(32));
        String body = getResultResponse(data)
                .replace(OK_RESULT, OK_RESULT + "<x:Result xmlns:x=\"urn:attacker\"><x:ResultMajor>nope</x:ResultMajor></x:Result>");

        GetResultResponse response = SoapResponseReader.readGetResultResponse(envelope(body));

        assertThat(response.ok()).isTrue();
        assertThat(response.person().givenNames()).isNull();
        assertThat(response.person().familyNames()).isEqualTo("MUSTERMANN");
        assertThat(response.person().restrictedId()).isNull();
    }

    @Test
    void givenResultOnlyInForeignNamespaceThenNotAccepted() {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace(OK_RESULT, "<x:Result xmlns:x=\"urn:attacker\"><x:ResultMajor>" + MAJOR_OK
                        + "</x:ResultMajor></x:Result>");

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(envelope(body))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenRepeatedFieldThenProtocolError() {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace("<eid:GivenNames>ERIKA</eid:GivenNames>",
                        "<eid:GivenNames>ERIKA</eid:GivenNames><eid:GivenNames>MALLORY</eid:GivenNames>");

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(envelope(body))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenNonHexRestrictedIdThenProtocolError() {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace(RESTRICTED_ID, "not-a-pseudonym");

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(envelope(body))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenBadDateOfExpiryThenProtocolError() {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace("2029-10-31", "31.10.2029");

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(envelope(body))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenValueWithMarkupInsideThenProtocolError() {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace("<eid:GivenNames>ERIKA</eid:GivenNames>",
                        "<eid:GivenNames>ERIKA<eid:GivenNames>X</eid:GivenNames></eid:GivenNames>");

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(envelope(body))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    // --- hostile or broken documents ---

    @Test
    void givenSoapFaultThenRefused() {
        String fault = """
                <soap:Fault>
                  <faultcode>soap:Client</faultcode>
                  <faultstring>session 0A1B2C3D secret details</faultstring>
                </soap:Fault>""";

        EidServerException useId = failure(() -> SoapResponseReader.readUseIdResponse(envelope(fault)));
        EidServerException getResult = failure(() -> SoapResponseReader.readGetResultResponse(envelope(fault)));

        assertThat(useId.reason()).isEqualTo(Reason.REFUSED);
        assertThat(useId.result()).isEqualTo(EidResult.OTHER_ERROR);
        assertThat(useId.getMessage()).contains("soap:Client").doesNotContain("secret").doesNotContain("0A1B2C3D");
        assertThat(getResult.reason()).isEqualTo(Reason.REFUSED);
        assertThat(SoapResponseReader.fault(envelope(fault))).isPresent();
        assertThat(SoapResponseReader.fault(envelope(useIdResponse()))).isEmpty();
        assertThat(SoapResponseReader.fault("<html>Bad gateway</html>".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void givenDoctypeWithExternalEntityThenRejectedWithoutReadingTheFile() {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                """ + new String(envelope(getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))),
                StandardCharsets.UTF_8).replaceFirst("<\\?xml[^>]*>", "").replace("ERIKA", "&xxe;");

        EidServerException e = failure(() -> SoapResponseReader.readGetResultResponse(
                xml.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
        assertThat(e.getMessage()).doesNotContain("root:");
    }

    @Test
    void givenInternalEntityExpansionThenRejected() {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE soap:Envelope [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                """ + new String(envelope(getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))),
                StandardCharsets.UTF_8).replaceFirst("<\\?xml[^>]*>", "").replace("ERIKA", "&lol2;");

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(xml.getBytes(StandardCharsets.UTF_8)))
                .reason()).isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenPlainDoctypeThenRejected() {
        String xml = "<!DOCTYPE soap:Envelope>" + new String(envelope(useIdResponse()), StandardCharsets.UTF_8)
                .replaceFirst("<\\?xml[^>]*>\\s*", "");

        assertThat(failure(() -> SoapResponseReader.readUseIdResponse(xml.getBytes(StandardCharsets.UTF_8))).reason())
                .isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenOversizedValueThenRejected() {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace("<eid:GivenNames>ERIKA</eid:GivenNames>",
                        "<eid:GivenNames>" + "E".repeat(BoundedXml.MAX_TEXT_CHARS + 1) + "</eid:GivenNames>");

        EidServerException e = failure(() -> SoapResponseReader.readGetResultResponse(envelope(body)));

        assertThat(e.reason()).isEqualTo(Reason.PROTOCOL);
        assertThat(e.getMessage()).contains("GivenNames").doesNotContain("EEEE");
    }

    @Test
    void givenValueAtTheLimitThenAccepted() throws Exception {
        String longName = "E".repeat(BoundedXml.MAX_TEXT_CHARS);
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace("<eid:GivenNames>ERIKA</eid:GivenNames>", "<eid:GivenNames>" + longName + "</eid:GivenNames>");

        assertThat(SoapResponseReader.readGetResultResponse(envelope(body)).person().givenNames()).isEqualTo(longName);
    }

    @Test
    void givenOversizedValueInIgnoredElementThenAnswerIsStillRead() throws Exception {
        String body = getResultResponse(erikaPersonalData(ERIKA_RESIDENCE, ERIKA_BIRTH))
                .replace("<eid:GivenNames>ERIKA</eid:GivenNames>", "<eid:GivenNames>ERIKA</eid:GivenNames>"
                        + "<x:Note xmlns:x=\"urn:other\">" + "n".repeat(50_000) + "</x:Note>");

        assertThat(SoapResponseReader.readGetResultResponse(envelope(body)).person().givenNames()).isEqualTo("ERIKA");
    }

    @Test
    void givenDocumentOverOneMebibyteThenRejected() {
        byte[] large = envelope("<!--" + "x".repeat(BoundedXml.MAX_DOCUMENT_BYTES) + "-->" + useIdResponse());

        assertThat(failure(() -> SoapResponseReader.readUseIdResponse(large)).reason()).isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenDeeplyNestedDocumentThenRejected() {
        String nested = "<x:a xmlns:x=\"urn:x\">".repeat(100) + "</x:a>".repeat(100);
        byte[] answer = envelope(useIdResponse().replace("<eid:Session>", nested + "<eid:Session>"));

        assertThat(failure(() -> SoapResponseReader.readUseIdResponse(answer)).reason()).isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenManyElementsThenRejected() {
        String many = "<x:a xmlns:x=\"urn:x\"/>".repeat(BoundedXml.MAX_ELEMENTS + 1);
        byte[] answer = envelope(useIdResponse().replace("<eid:Session>", many + "<eid:Session>"));

        assertThat(failure(() -> SoapResponseReader.readUseIdResponse(answer)).reason()).isEqualTo(Reason.PROTOCOL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not xml", "<soap:Envelope", "<a:Envelope xmlns:a=\"urn:x\"/>",
            "<html><body>502 Bad Gateway</body></html>"})
    void givenNoSoapEnvelopeThenProtocolError(String text) {
        byte[] answer = text.getBytes(StandardCharsets.UTF_8);

        assertThat(failure(() -> SoapResponseReader.readUseIdResponse(answer)).reason()).isEqualTo(Reason.PROTOCOL);
        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(answer)).reason()).isEqualTo(Reason.PROTOCOL);
    }

    @Test
    void givenWrongOperationAnswerThenProtocolError() {
        byte[] answer = envelope(useIdResponse());

        assertThat(failure(() -> SoapResponseReader.readGetResultResponse(answer)).reason()).isEqualTo(Reason.PROTOCOL);
    }

    static EidServerException failure(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(EidServerException.class);
        return (EidServerException) thrown;
    }
}
