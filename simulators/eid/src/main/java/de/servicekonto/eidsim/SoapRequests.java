package de.servicekonto.eidsim;

import de.servicekonto.eidsim.Xml.XmlException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads the two SOAP operations of the eID-Server interface (TR-03130-1) from a request body. */
final class SoapRequests {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String EID_NS = "http://bsi.bund.de/eID/";
    static final String DSS_NS = "urn:oasis:names:tc:dss:1.0:core:schema";

    private static final String LOA_PREFIX = "http://bsi.bund.de/eID/LoA/";
    private static final int MAX_AGE = 150;

    private SoapRequests() {
    }

    sealed interface SoapRequest permits UseId, GetResult {
    }

    /**
     * A useIDRequest.
     *
     * @param operations what was asked for each of the 17 attributes
     * @param verifiedAge the age of the AgeVerificationRequest, empty when none was sent
     */
    record UseId(Map<Attribute, Attribute.Request> operations, OptionalInt verifiedAge) implements SoapRequest {

        UseId {
            operations = Map.copyOf(operations);
        }

        /** Whether the attribute may be read from the card, i.e. it was REQUIRED or ALLOWED. */
        boolean reads(Attribute attribute) {
            return operations.get(attribute) != Attribute.Request.PROHIBITED;
        }
    }

    /** A getResultRequest; {@code sessionId} is normalised to upper case. */
    record GetResult(String sessionId, long requestCounter) implements SoapRequest {
    }

    /** Parses a SOAP envelope; every problem is reported as an {@link XmlException} meant for a client fault. */
    static SoapRequest parse(byte[] body) throws XmlException {
        Document document = Xml.parse(body);
        Element envelope = document.getDocumentElement();
        if (!Xml.is(envelope, SOAP_NS, "Envelope")) {
            throw new XmlException("the document is not a SOAP 1.1 Envelope");
        }
        Element soapBody = Xml.requiredChild(envelope, SOAP_NS, "Body");
        List<Element> operations = Xml.children(soapBody);
        if (operations.size() != 1) {
            throw new XmlException("the SOAP Body must hold exactly one element");
        }
        Element operation = operations.get(0);
        if (Xml.is(operation, EID_NS, "useIDRequest")) {
            return parseUseId(operation);
        }
        if (Xml.is(operation, EID_NS, "getResultRequest")) {
            return parseGetResult(operation);
        }
        throw new XmlException("unsupported operation {" + operation.getNamespaceURI() + "}"
                + operation.getLocalName());
    }

    private static UseId parseUseId(Element request) throws XmlException {
        Map<Attribute, Attribute.Request> operations = parseUseOperations(
                Xml.requiredChild(request, EID_NS, "UseOperations"));

        Optional<Element> ageRequest = Xml.child(request, EID_NS, "AgeVerificationRequest");
        boolean ageAsked = operations.get(Attribute.AGE_VERIFICATION) != Attribute.Request.PROHIBITED;
        if (ageAsked != ageRequest.isPresent()) {
            throw new XmlException(
                    "AgeVerificationRequest must be sent exactly when AgeVerification is not PROHIBITED");
        }
        OptionalInt verifiedAge = OptionalInt.empty();
        if (ageRequest.isPresent()) {
            verifiedAge = OptionalInt.of(parseAge(Xml.requiredText(ageRequest.get(), EID_NS, "Age")));
        }

        if (operations.get(Attribute.PLACE_VERIFICATION) != Attribute.Request.PROHIBITED) {
            throw new XmlException("the simulator does not support PlaceVerification; send it as PROHIBITED");
        }
        Optional<Element> levelOfAssurance = Xml.child(request, EID_NS, "LevelOfAssuranceRequest");
        if (levelOfAssurance.isPresent() && !levelOfAssurance.get().getTextContent().trim().startsWith(LOA_PREFIX)) {
            throw new XmlException("LevelOfAssuranceRequest must be a URI starting with " + LOA_PREFIX);
        }
        return new UseId(operations, verifiedAge);
    }

    /** The contract asks for all 17 elements in schema order, so a missing or misplaced one is an error. */
    private static Map<Attribute, Attribute.Request> parseUseOperations(Element useOperations) throws XmlException {
        List<Element> elements = Xml.children(useOperations);
        Attribute[] expected = Attribute.values();
        if (elements.size() != expected.length) {
            throw new XmlException("UseOperations must list all " + expected.length + " attributes, found "
                    + elements.size());
        }
        Map<Attribute, Attribute.Request> operations = new EnumMap<>(Attribute.class);
        for (int i = 0; i < expected.length; i++) {
            Element element = elements.get(i);
            if (!Xml.is(element, EID_NS, expected[i].elementName())) {
                throw new XmlException("UseOperations element " + (i + 1) + " must be " + expected[i].elementName()
                        + ", found " + element.getLocalName());
            }
            String value = element.getTextContent().trim();
            try {
                operations.put(expected[i], Attribute.Request.valueOf(value));
            } catch (IllegalArgumentException e) {
                throw new XmlException(expected[i].elementName() + " must be REQUIRED, ALLOWED or PROHIBITED");
            }
        }
        return operations;
    }

    private static int parseAge(String text) throws XmlException {
        try {
            int age = Integer.parseInt(text);
            if (age >= 0 && age <= MAX_AGE) {
                return age;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new XmlException("Age must be a whole number from 0 to " + MAX_AGE);
    }

    private static GetResult parseGetResult(Element request) throws XmlException {
        Element session = Xml.requiredChild(request, EID_NS, "Session");
        String sessionId = Xml.requiredText(session, EID_NS, "ID").toUpperCase(Locale.ROOT);
        String counterText = Xml.requiredText(request, EID_NS, "RequestCounter");
        long counter;
        try {
            counter = Long.parseLong(counterText);
        } catch (NumberFormatException e) {
            throw new XmlException("RequestCounter must be a whole number");
        }
        if (counter < 1) {
            throw new XmlException("RequestCounter must be positive");
        }
        return new GetResult(sessionId, counter);
    }
}
