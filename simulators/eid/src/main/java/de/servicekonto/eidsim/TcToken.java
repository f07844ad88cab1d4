package de.servicekonto.eidsim;

import de.servicekonto.eidsim.Xml.XmlException;
import org.w3c.dom.Element;

import java.net.URI;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What the eID-Client reads from a TC Token (TR-03124-1): where the eID-Server is, which session to join with
 * which pre-shared key, and where to send the browser afterwards.
 *
 * @param communicationErrorAddress where to send the browser when the process fails, or {@code null}
 */
record TcToken(URI serverAddress, String sessionIdentifier, URI refreshAddress, String psk,
               URI communicationErrorAddress) {

    static final String BINDING_PAOS = "urn:liberty:paos:2006-08";
    static final String PATH_SECURITY_PSK = "urn:ietf:rfc:4279";

    /** A TC Token that cannot be used; the CommunicationErrorAddress is kept when it could still be read. */
    static final class InvalidTcTokenException extends Exception {

        private final transient URI communicationErrorAddress;

        InvalidTcTokenException(String message, URI communicationErrorAddress) {
            super(message);
            this.communicationErrorAddress = communicationErrorAddress;
        }

        Optional<URI> communicationErrorAddress() {
            return Optional.ofNullable(communicationErrorAddress);
        }
    }

    /** Parses a TC Token, which has no XML namespace; the fixed Binding and PathSecurity-Protocol are checked. */
    static TcToken parse(byte[] xml) throws InvalidTcTokenException {
        Element root;
        try {
            root = Xml.parse(xml).getDocumentElement();
        } catch (XmlException e) {
            throw new InvalidTcTokenException(e.getMessage(), null);
        }
        if (!Xml.is(root, null, "TCTokenType")) {
            throw new InvalidTcTokenException("the document is not a TCTokenType without namespace", null);
        }
        URI communicationErrorAddress = Xml.child(root, null, "CommunicationErrorAddress")
                .map(element -> Urls.parseHttpUrl(element.getTextContent().trim()))
                .orElse(null);
        try {
            URI serverAddress = httpUrl(root, "ServerAddress");
            if (!"https".equals(serverAddress.getScheme().toLowerCase(Locale.ROOT))) {
                throw new XmlException("ServerAddress must be an https URL");
            }
            String sessionIdentifier = Xml.requiredText(root, null, "SessionIdentifier");
            URI refreshAddress = httpUrl(root, "RefreshAddress");
            expect(root, "Binding", BINDING_PAOS);
            expect(root, "PathSecurity-Protocol", PATH_SECURITY_PSK);
            Element parameters = Xml.requiredChild(root, null, "PathSecurity-Parameters");
            String psk = Xml.requiredText(parameters, null, "PSK");
            if (!isHex(psk)) {
                throw new XmlException("PSK must be hexadecimal");
            }
            return new TcToken(serverAddress, sessionIdentifier, refreshAddress, psk, communicationErrorAddress);
        } catch (XmlException e) {
            throw new InvalidTcTokenException(e.getMessage(), communicationErrorAddress);
        }
    }

    private static URI httpUrl(Element root, String name) throws XmlException {
        URI url = Urls.parseHttpUrl(Xml.requiredText(root, null, name));
        if (url == null) {
            throw new XmlException(name + " must be an absolute http or https URL");
        }
        return url;
    }

    private static void expect(Element root, String name, String expected) throws XmlException {
        String actual = Xml.requiredText(root, null, name);
        if (!expected.equals(actual)) {
            throw new XmlException(name + " must be " + expected + ", found " + actual);
        }
    }

    private static boolean isHex(String text) {
        try {
            HexFormat.of().parseHex(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
