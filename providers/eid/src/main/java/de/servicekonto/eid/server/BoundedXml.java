package de.servicekonto.eid.server;

import de.servicekonto.eid.server.EidServerException.Reason;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a small XML document into a tree of namespace-qualified elements, with StAX and hard limits. DTDs (and with
 * them every entity trick) are refused, as are documents that are too large, too deep or have too many elements.
 * Attributes, comments and processing instructions are dropped: the eID messages carry no data in them.
 *
 * <p>Text longer than the limit does not fail the parse by itself, so that a long value in an element nobody reads
 * does no harm; reading such a text through {@link Element#text()} fails.
 */
final class BoundedXml {

    static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    static final int MAX_TEXT_CHARS = 2_000;
    static final int MAX_DEPTH = 32;
    static final int MAX_ELEMENTS = 2_000;

    private BoundedXml() {
    }

    /** An element: namespace URI (empty for none), local name, its text (if a leaf) and its child elements. */
    static final class Element {

        private final String namespace;
        private final String localName;
        private final StringBuilder text = new StringBuilder();
        private final List<Element> children = new ArrayList<>();
        private boolean textTooLong;

        private Element(String namespace, String localName) {
            this.namespace = namespace == null ? XMLConstants.NULL_NS_URI : namespace;
            this.localName = localName;
        }

        String namespace() {
            return namespace;
        }

        String localName() {
            return localName;
        }

        boolean is(String ns, String name) {
            return namespace.equals(ns) && localName.equals(name);
        }

        List<Element> children() {
            return children;
        }

        /** The children with this namespace and local name. */
        List<Element> children(String ns, String name) {
            List<Element> matches = new ArrayList<>();
            for (Element child : children) {
                if (child.is(ns, name)) {
                    matches.add(child);
                }
            }
            return matches;
        }

        /**
         * The element's text as received (whitespace between child elements is dropped).
         *
         * @throws EidServerException PROTOCOL if the text exceeds {@link #MAX_TEXT_CHARS}
         */
        String text() throws EidServerException {
            if (textTooLong) {
                throw new EidServerException(Reason.PROTOCOL, "the value of " + localName + " is too long");
            }
            return text.toString();
        }

        private void append(String characters) {
            if (textTooLong) {
                return;
            }
            if (text.length() + characters.length() > MAX_TEXT_CHARS) {
                textTooLong = true;
                text.setLength(0);
                return;
            }
            text.append(characters);
        }

        /** Whitespace before a child element is formatting, not content. */
        private void startChild(Element child) {
            if (!textTooLong && text.toString().isBlank()) {
                text.setLength(0);
            }
            children.add(child);
        }
    }

    /**
     * Parses a document.
     *
     * @return the root element
     * @throws EidServerException PROTOCOL for anything that is not a small, well-formed document without DTD
     */
    static Element parse(byte[] document) throws EidServerException {
        if (document == null || document.length == 0) {
            throw new EidServerException(Reason.PROTOCOL, "empty answer");
        }
        if (document.length > MAX_DOCUMENT_BYTES) {
            throw new EidServerException(Reason.PROTOCOL, "answer larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        XMLStreamReader reader = null;
        try {
            reader = inputFactory().createXMLStreamReader(new ByteArrayInputStream(document));
            return read(reader);
        } catch (XMLStreamException | RuntimeException e) {
            // The parser's message may quote the document; keep only the position.
            throw new EidServerException(Reason.PROTOCOL, "answer is not well-formed XML" + position(e));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing was held open beyond the byte array
                }
            }
        }
    }

    private static Element read(XMLStreamReader reader) throws XMLStreamException, EidServerException {
        Deque<Element> open = new ArrayDeque<>();
        Element root = null;
        int elements = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > MAX_ELEMENTS) {
                        throw new EidServerException(Reason.PROTOCOL, "answer has too many elements");
                    }
                    if (open.size() >= MAX_DEPTH) {
                        throw new EidServerException(Reason.PROTOCOL, "answer is nested too deeply");
                    }
                    Element element = new Element(reader.getNamespaceURI(), reader.getLocalName());
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().startChild(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().append(reader.getText());
                    }
                }
                case XMLStreamConstants.DTD ->
                        throw new EidServerException(Reason.PROTOCOL, "answer contains a document type declaration");
                case XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                        XMLStreamConstants.NOTATION_DECLARATION ->
                        throw new EidServerException(Reason.PROTOCOL, "answer contains entities");
                default -> {
                    // comments, processing instructions, document start and end carry nothing we read
                }
            }
        }
        if (root == null) {
            throw new EidServerException(Reason.PROTOCOL, "answer has no root element");
        }
        return root;
    }

    private static XMLInputFactory inputFactory() {
        // The JDK's own implementation, so that the properties below are known to be honoured.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resources are not loaded");
        });
        return factory;
    }

    private static String position(Exception e) {
        if (e instanceof XMLStreamException xml && xml.getLocation() != null && xml.getLocation().getLineNumber() > 0) {
            return " (line " + xml.getLocation().getLineNumber() + ", column "
                    + xml.getLocation().getColumnNumber() + ")";
        }
        return "";
    }
}
