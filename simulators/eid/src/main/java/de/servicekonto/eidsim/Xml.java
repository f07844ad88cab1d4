package de.servicekonto.eidsim;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Safe XML parsing and a few DOM helpers that match elements by namespace and local name, never by prefix. */
final class Xml {

    private Xml() {
    }

    /** Thrown when a document is not well-formed, uses a DOCTYPE, or lacks what the caller needs. */
    static final class XmlException extends Exception {

        XmlException(String message) {
            super(message);
        }

        XmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Parses untrusted bytes. DOCTYPE declarations are refused outright, which rules out entity expansion and
     * external entities (XXE); XInclude and external DTD or schema access are off as a second line of defence.
     */
    static Document parse(byte[] bytes) throws XmlException {
        DocumentBuilder builder = newBuilder();
        // The default handler also prints every error to stderr; the caller reports them instead.
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try {
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (SAXException e) {
            throw new XmlException("not well-formed XML or DOCTYPE present: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new XmlException("unreadable XML: " + e.getMessage(), e);
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
    }

    /** Whether {@code element} has the given namespace (null for none) and local name. */
    static boolean is(Element element, String namespace, String localName) {
        return Objects.equals(element.getNamespaceURI(), namespace) && localName.equals(element.getLocalName());
    }

    /** The element children of {@code parent}, in document order. */
    static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                result.add(element);
            }
        }
        return result;
    }

    /** The first child element with the given name, if any. */
    static Optional<Element> child(Element parent, String namespace, String localName) {
        return children(parent).stream().filter(child -> is(child, namespace, localName)).findFirst();
    }

    /** The first child element with the given name; its absence is an error. */
    static Element requiredChild(Element parent, String namespace, String localName) throws XmlException {
        Optional<Element> child = child(parent, namespace, localName);
        if (child.isEmpty()) {
            throw new XmlException(parent.getLocalName() + " lacks " + localName);
        }
        return child.get();
    }

    /** The trimmed text of the first child element with the given name; absence or blank text is an error. */
    static String requiredText(Element parent, String namespace, String localName) throws XmlException {
        String text = requiredChild(parent, namespace, localName).getTextContent().trim();
        if (text.isEmpty()) {
            throw new XmlException(localName + " is empty");
        }
        return text;
    }

    /** Escapes text for use in element content and in double-quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
