package de.servicekonto.trustlevel.broker;

import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code samlp:Extensions} of an AuthnRequest to an eIDAS connector (eIDAS SAML Message Format 1.2 §2.3): the
 * SP type ({@code public}: a Servicekonto is run by or for an authority; then no {@code Scoping/RequesterID} is
 * needed) and the requested natural-person attributes, the mandatory minimum data set as required. Built as DOM
 * elements because Keycloak's request writer copies DOM nodes found in the extensions as they are (StaxUtil,
 * 26.7.3); only JDK types.
 */
public final class EidasRequestExtensions {

    public static final String NAMESPACE = "http://eidas.europa.eu/saml-extensions";
    public static final String PREFIX = "eidas";
    public static final String NATURAL_PERSON = "http://eidas.europa.eu/attributes/naturalperson/";
    public static final String URI_NAME_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
    public static final String SP_TYPE = "public";
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";

    /** Friendly name and attribute name of the minimum data set (eIDAS SAML Attribute Profile 1.2 §2.2), all required. */
    public static final List<List<String>> MINIMUM_DATA_SET = List.of(
            List.of("PersonIdentifier", NATURAL_PERSON + "PersonIdentifier"),
            List.of("FamilyName", NATURAL_PERSON + "CurrentFamilyName"),
            List.of("FirstName", NATURAL_PERSON + "CurrentGivenName"),
            List.of("DateOfBirth", NATURAL_PERSON + "DateOfBirth"));

    private EidasRequestExtensions() {
    }

    /** {@code eidas:SPType} and {@code eidas:RequestedAttributes}, in this order (the schema's sequence). */
    public static List<Element> elements() {
        Document document = newDocument();
        Element spType = document.createElementNS(NAMESPACE, PREFIX + ":SPType");
        spType.setTextContent(SP_TYPE);
        Element requested = document.createElementNS(NAMESPACE, PREFIX + ":RequestedAttributes");
        // Declared on each element Keycloak copies: its writer (StaxUtil.writeDOMElement, 26.7.3) declares a prefix
        // only from xmlns attributes, and the request is parsed again before it is signed.
        spType.setAttributeNS(XMLNS, "xmlns:" + PREFIX, NAMESPACE);
        requested.setAttributeNS(XMLNS, "xmlns:" + PREFIX, NAMESPACE);
        for (List<String> attribute : MINIMUM_DATA_SET) {
            Element element = document.createElementNS(NAMESPACE, PREFIX + ":RequestedAttribute");
            // Namespace-aware attributes without a namespace: Keycloak's writer takes their local names.
            element.setAttributeNS(null, "FriendlyName", attribute.get(0));
            element.setAttributeNS(null, "Name", attribute.get(1));
            element.setAttributeNS(null, "NameFormat", URI_NAME_FORMAT);
            element.setAttributeNS(null, "isRequired", "true");
            requested.appendChild(element);
        }
        return List.of(spType, requested);
    }

    private static Document newDocument() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("No XML document builder", e);
        }
    }
}
