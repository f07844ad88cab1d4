package de.servicekonto.eid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class SoapMessagesTest {

    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String EID = "http://bsi.bund.de/eID/";

    private static final List<String> WIRE_ORDER = List.of("DocumentType", "IssuingState", "DateOfExpiry",
            "GivenNames", "FamilyNames", "ArtisticName", "AcademicTitle", "DateOfBirth", "PlaceOfBirth", "Nationality",
            "BirthName", "PlaceOfResidence", "CommunityID", "ResidencePermitI", "RestrictedID", "AgeVerification",
            "PlaceVerification");

    @Test
    void givenFieldsThenTheirElementNamesFollowTheContractOrder() {
        List<String> names = new ArrayList<>();
        for (EidField field : EidField.values()) {
            names.add(field.elementName());
        }
        assertThat(names).containsExactlyElementsOf(WIRE_ORDER);
    }

    @Test
    void givenAgeAndLevelThenUseIdRequestHasEveryOperationInOrderAndBothRequests() throws Exception {
        Map<EidField, UseOperation> operations = new EnumMap<>(EidField.class);
        operations.put(EidField.GIVEN_NAMES, UseOperation.REQUIRED);
        operations.put(EidField.FAMILY_NAMES, UseOperation.REQUIRED);
        operations.put(EidField.ARTISTIC_NAME, UseOperation.ALLOWED);
        operations.put(EidField.RESTRICTED_ID, UseOperation.REQUIRED);
        UseIdRequest request = new UseIdRequest(operations, 16, UseIdRequest.LOA_HIGH);

        Document document = parse(SoapMessages.useIdRequest(request));

        Element envelope = document.getDocumentElement();
        assertThat(envelope.getNamespaceURI()).isEqualTo(SOAP);
        assertThat(envelope.getLocalName()).isEqualTo("Envelope");
        Element body = onlyChild(envelope);
        assertThat(body.getNamespaceURI()).isEqualTo(SOAP);
        assertThat(body.getLocalName()).isEqualTo("Body");
        Element useId = onlyChild(body);
        assertThat(useId.getNamespaceURI()).isEqualTo(EID);
        assertThat(useId.getLocalName()).isEqualTo("useIDRequest");

        List<Element> parts = children(useId);
        assertThat(parts).extracting(Element::getLocalName)
                .containsExactly("UseOperations", "AgeVerificationRequest", "LevelOfAssuranceRequest");
        assertThat(parts).extracting(Element::getNamespaceURI).containsOnly(EID);

        List<Element> useOperations = children(parts.get(0));
        assertThat(useOperations).extracting(Element::getLocalName).containsExactlyElementsOf(WIRE_ORDER);
        assertThat(useOperations).extracting(Element::getNamespaceURI).containsOnly(EID);
        Map<String, String> values = new java.util.HashMap<>();
        for (Element operation : useOperations) {
            values.put(operation.getLocalName(), operation.getTextContent());
        }
        assertThat(values).containsEntry("GivenNames", "REQUIRED")
                .containsEntry("FamilyNames", "REQUIRED")
                .containsEntry("ArtisticName", "ALLOWED")
                .containsEntry("RestrictedID", "REQUIRED")
                .containsEntry("AgeVerification", "REQUIRED")
                .containsEntry("DocumentType", "PROHIBITED")
                .containsEntry("PlaceVerification", "PROHIBITED");

        Element age = onlyChild(parts.get(1));
        assertThat(age.getNamespaceURI()).isEqualTo(EID);
        assertThat(age.getLocalName()).isEqualTo("Age");
        assertThat(age.getTextContent()).isEqualTo("16");
        assertThat(parts.get(2).getTextContent()).isEqualTo("http://bsi.bund.de/eID/LoA/hoch");
    }

    @Test
    void givenNoAgeAndNoLevelThenOnlyUseOperationsAreSent() throws Exception {
        UseIdRequest request = new UseIdRequest(Map.of(EidField.RESTRICTED_ID, UseOperation.REQUIRED));

        Element useId = onlyChild(onlyChild(parse(SoapMessages.useIdRequest(request)).getDocumentElement()));

        List<Element> parts = children(useId);
        assertThat(parts).extracting(Element::getLocalName).containsExactly("UseOperations");
        Element ageOperation = children(parts.get(0)).get(EidField.AGE_VERIFICATION.ordinal());
        assertThat(ageOperation.getLocalName()).isEqualTo("AgeVerification");
        assertThat(ageOperation.getTextContent()).isEqualTo("PROHIBITED");
    }

    @Test
    void givenSessionAndCounterThenGetResultRequestCarriesBoth() throws Exception {
        Document document = parse(SoapMessages.getResultRequest("0a1B2c3D", 7));

        Element request = onlyChild(onlyChild(document.getDocumentElement()));
        assertThat(request.getNamespaceURI()).isEqualTo(EID);
        assertThat(request.getLocalName()).isEqualTo("getResultRequest");
        List<Element> parts = children(request);
        assertThat(parts).extracting(Element::getLocalName).containsExactly("Session", "RequestCounter");
        assertThat(parts).extracting(Element::getNamespaceURI).containsOnly(EID);
        Element id = onlyChild(parts.get(0));
        assertThat(id.getNamespaceURI()).isEqualTo(EID);
        assertThat(id.getLocalName()).isEqualTo("ID");
        assertThat(id.getTextContent()).isEqualTo("0a1B2c3D");
        assertThat(parts.get(1).getTextContent()).isEqualTo("7");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0a1", "0a1g", "0a1b</eid:ID><x/>", "0a 1b", "０１"})
    void givenNonHexSessionIdThenNothingIsWritten(String sessionId) {
        assertThatThrownBy(() -> SoapMessages.getResultRequest(sessionId, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenMissingOrOverlongSessionIdOrBadCounterThenRejected() {
        assertThatThrownBy(() -> SoapMessages.getResultRequest(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoapMessages.getResultRequest("ab".repeat(257), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SoapMessages.getResultRequest("ab".repeat(256), 1)).isNotEmpty();
        assertThatThrownBy(() -> SoapMessages.getResultRequest("0a1b", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SoapMessages.getResultRequest("0a1b", -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenRequestThenItIsUtf8WithDeclaration() {
        String text = new String(SoapMessages.getResultRequest("0a1b", 1), StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    }

    static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    static Element onlyChild(Element parent) {
        List<Element> elements = children(parent);
        assertThat(elements).hasSize(1);
        return elements.get(0);
    }
}
