package de.servicekonto.eid;

import java.net.URI;
import java.util.HexFormat;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

/**
 * The TC Token an eID-Client fetches from the service before it talks to the eID-Server (BSI TR-03124-1, the
 * {@code TCTokenType} element): where the eID-Server is, which session, where to send the browser afterwards, and
 * the pre-shared key that secures the channel to the eID-Server (TLS-PSK, RFC 4279).
 *
 * @param serverAddress              the eID-Server's PAOS endpoint (from its useID answer)
 * @param sessionIdentifier          the eID session (from the useID answer)
 * @param refreshAddress             where the eID-Client sends the browser when it is done
 * @param communicationErrorAddress  where it sends the browser if it cannot reach the service at all, or null
 * @param psk                        the pre-shared key (from the useID answer)
 */
public record TcToken(URI serverAddress, String sessionIdentifier, URI refreshAddress, URI communicationErrorAddress,
                      byte[] psk) {

    /** PAOS binding, the only one eID-Clients speak to an eID-Server. */
    public static final String BINDING = "urn:liberty:paos:2006-08";
    /** TLS with pre-shared key, RFC 4279. */
    public static final String PATH_SECURITY_PROTOCOL = "urn:ietf:rfc:4279";
    /** Content type the eID-Client expects for the TC Token. */
    public static final String MEDIA_TYPE = "text/xml; charset=utf-8";

    public TcToken {
        Objects.requireNonNull(serverAddress, "serverAddress");
        Objects.requireNonNull(refreshAddress, "refreshAddress");
        Objects.requireNonNull(psk, "psk");
        if (sessionIdentifier == null || sessionIdentifier.isBlank()) {
            throw new IllegalArgumentException("sessionIdentifier is required");
        }
        if (!EidClientLink.acceptable(serverAddress) || !EidClientLink.acceptable(refreshAddress)
                || (communicationErrorAddress != null && !EidClientLink.acceptable(communicationErrorAddress))) {
            // TR-03124-1: the eID-Client only follows https addresses (plain http only to a server on the same device).
            throw new IllegalArgumentException("serverAddress and refreshAddress must be https");
        }
        psk = psk.clone();
    }

    @Override
    public byte[] psk() {
        return psk.clone();
    }

    /** The token as the XML document the eID-Client reads. */
    public String toXml() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("TCTokenType");
            element(xml, "ServerAddress", serverAddress.toString());
            element(xml, "SessionIdentifier", sessionIdentifier);
            element(xml, "RefreshAddress", refreshAddress.toString());
            if (communicationErrorAddress != null) {
                element(xml, "CommunicationErrorAddress", communicationErrorAddress.toString());
            }
            element(xml, "Binding", BINDING);
            element(xml, "PathSecurity-Protocol", PATH_SECURITY_PROTOCOL);
            xml.writeStartElement("PathSecurity-Parameters");
            element(xml, "PSK", HexFormat.of().withUpperCase().formatHex(psk));
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
