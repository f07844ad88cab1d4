package de.servicekonto.eid.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** Writes the SOAP 1.1 requests to the eID-Server (BSI TR-03130-1 useID and getResult), UTF-8 encoded. */
final class SoapMessages {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String EID_NS = "http://bsi.bund.de/eID/";
    static final String DSS_NS = "urn:oasis:names:tc:dss:1.0:core:schema";

    private static final String SOAP_PREFIX = "soap";
    private static final String EID_PREFIX = "eid";

    private SoapMessages() {
    }

    /** The useID request: every operation in wire order, then the age and level of assurance if requested. */
    static byte[] useIdRequest(UseIdRequest request) {
        return envelope(xml -> {
            start(xml, "useIDRequest");
            start(xml, "UseOperations");
            for (Map.Entry<EidField, UseOperation> entry : request.operations().entrySet()) {
                leaf(xml, entry.getKey().elementName(), entry.getValue().name());
            }
            xml.writeEndElement();
            if (request.verifiesAge()) {
                start(xml, "AgeVerificationRequest");
                leaf(xml, "Age", Integer.toString(request.minimumAge()));
                xml.writeEndElement();
            }
            if (request.levelOfAssurance() != null) {
                leaf(xml, "LevelOfAssuranceRequest", request.levelOfAssurance());
            }
            xml.writeEndElement();
        });
    }

    /**
     * The getResult request.
     *
     * @throws IllegalArgumentException if the session id is not hex or the counter is below 1
     */
    static byte[] getResultRequest(String sessionId, int requestCounter) {
        checkSessionId(sessionId);
        if (requestCounter < 1) {
            throw new IllegalArgumentException("requestCounter must be at least 1");
        }
        return envelope(xml -> {
            start(xml, "getResultRequest");
            start(xml, "Session");
            leaf(xml, "ID", sessionId);
            xml.writeEndElement();
            leaf(xml, "RequestCounter", Integer.toString(requestCounter));
            xml.writeEndElement();
        });
    }

    static void checkSessionId(String sessionId) {
        if (!Hex.isHex(sessionId)) {
            throw new IllegalArgumentException("the eID session id must be a hex string of at most "
                    + Hex.MAX_LENGTH + " characters");
        }
    }

    @FunctionalInterface
    private interface BodyWriter {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static byte[] envelope(BodyWriter body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory()
                    .createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.setPrefix(SOAP_PREFIX, SOAP_NS);
            xml.setPrefix(EID_PREFIX, EID_NS);
            xml.writeStartElement(SOAP_PREFIX, "Envelope", SOAP_NS);
            xml.writeNamespace(SOAP_PREFIX, SOAP_NS);
            xml.writeNamespace(EID_PREFIX, EID_NS);
            xml.writeStartElement(SOAP_PREFIX, "Body", SOAP_NS);
            body.write(xml);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the SOAP request", e);
        }
        return out.toByteArray();
    }

    private static void start(XMLStreamWriter xml, String localName) throws XMLStreamException {
        xml.writeStartElement(EID_PREFIX, localName, EID_NS);
    }

    private static void leaf(XMLStreamWriter xml, String localName, String text) throws XMLStreamException {
        start(xml, localName);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
