package de.servicekonto.stammdaten.saml;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The BundID extension of an AuthnRequest, {@code <akdb:AuthenticationRequest Version="2">}: the attributes the
 * portal asks for (and which of them it requires). Kept as a short text in the authentication session's client
 * notes, bounded in count and length.
 */
public record AkdbRequest(Map<String, Boolean> requested) {

    public static final String NAMESPACE = "https://www.akdb.de/request/2018/09";
    /** Client note carrying the requested attributes ({@link #toNote()}). */
    public static final String NOTE = "sk-akdb.requested";
    static final int MAX_ATTRIBUTES = 64;
    /** A request that asks for no attribute (no extension, or one we could not read). */
    public static final AkdbRequest NONE = new AkdbRequest(Map.of());
    static final int MAX_NAME = 200;

    public AkdbRequest {
        requested = Map.copyOf(requested);
    }

    /** Reads the extension element; empty if it is not one (other extensions are none of our business). */
    public static Optional<AkdbRequest> of(Element element) {
        if (!NAMESPACE.equals(element.getNamespaceURI()) || !"AuthenticationRequest".equals(element.getLocalName())) {
            return Optional.empty();
        }
        Map<String, Boolean> requested = new LinkedHashMap<>();
        for (Element list : children(element, "RequestedAttributes")) {
            for (Element attribute : children(list, "RequestedAttribute")) {
                String name = attribute.getAttribute("Name").strip();
                if (name.isEmpty() || name.length() > MAX_NAME || name.contains(";") || name.contains("=")) {
                    throw new IllegalArgumentException("invalid RequestedAttribute name");
                }
                if (requested.size() >= MAX_ATTRIBUTES) {
                    throw new IllegalArgumentException("too many RequestedAttribute elements");
                }
                requested.merge(name, "true".equalsIgnoreCase(attribute.getAttribute("RequiredAttribute").strip()), Boolean::logicalOr);
            }
        }
        return Optional.of(new AkdbRequest(requested));
    }

    public String toNote() {
        StringBuilder note = new StringBuilder();
        requested.forEach((name, required) -> note.append(name).append('=').append(required).append(';'));
        return note.toString();
    }

    public static Optional<AkdbRequest> fromNote(String note) {
        if (note == null) {
            return Optional.empty();
        }
        Map<String, Boolean> requested = new LinkedHashMap<>();
        for (String part : note.split(";")) {
            int eq = part.lastIndexOf('=');
            if (eq > 0) {
                requested.put(part.substring(0, eq), Boolean.parseBoolean(part.substring(eq + 1)));
            }
        }
        return Optional.of(new AkdbRequest(requested));
    }

    private static Iterable<Element> children(Element parent, String localName) {
        java.util.List<Element> children = new java.util.ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && NAMESPACE.equals(element.getNamespaceURI())
                    && localName.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }
}
