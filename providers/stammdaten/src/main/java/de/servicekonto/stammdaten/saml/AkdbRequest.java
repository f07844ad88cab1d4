package de.servicekonto.stammdaten.saml;

import de.servicekonto.trustlevel.means.PortalRequest;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BundID extension of an AuthnRequest, {@code <akdb:AuthenticationRequest Version="2">}: the attributes the
 * portal asks for (and which of them it requires), the means it enables ({@code akdb:AuthnMethods}) and its
 * display name ({@code akdb:DisplayInformation}). The requested attributes are kept as a short text in the
 * authentication session's client notes ({@link #toNote()}), bounded in count and length; means and display name
 * travel as a {@link PortalRequest}.
 */
public record AkdbRequest(Map<String, Boolean> requested, Optional<Set<String>> enabledMeans, Optional<String> displayName) {

    public static final String NAMESPACE = "https://www.akdb.de/request/2018/09";
    /** Client note carrying the requested attributes ({@link #toNote()}). */
    public static final String NOTE = "sk-akdb.requested";
    static final int MAX_ATTRIBUTES = 64;
    /** A request that asks for no attribute (no extension, or one we could not read). */
    public static final AkdbRequest NONE = new AkdbRequest(Map.of());
    static final int MAX_MEANS = 16;
    static final int MAX_NAME = 200;

    public AkdbRequest {
        requested = Map.copyOf(requested);
        enabledMeans = enabledMeans.map(Set::copyOf);
    }

    /** Only requested attributes: what {@link #fromNote(String)} gives back. */
    public AkdbRequest(Map<String, Boolean> requested) {
        this(requested, Optional.empty(), Optional.empty());
    }

    /** Means and display name for the login pages. */
    public PortalRequest portalRequest() {
        return PortalRequest.of(enabledMeans.orElse(null), displayName.orElse(null));
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
        Optional<Set<String>> means = Optional.empty();
        for (Element methods : children(element, "AuthnMethods")) {
            Set<String> enabled = new LinkedHashSet<>(means.orElse(Set.of()));
            int count = 0;
            for (Node child = methods.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element method && NAMESPACE.equals(method.getNamespaceURI())) {
                    if (++count > MAX_MEANS) {
                        throw new IllegalArgumentException("too many AuthnMethods");
                    }
                    boolean on = false;
                    for (Element flag : children(method, "Enabled")) {
                        on |= "true".equalsIgnoreCase(flag.getTextContent().strip());
                    }
                    if (on) {
                        enabled.add(method.getLocalName());
                    }
                }
            }
            means = Optional.of(enabled);
        }
        Optional<String> displayName = Optional.empty();
        for (Element display : children(element, "DisplayInformation")) {
            // The display name sits in a versioned UI element of its own namespace; its local name is what counts.
            NodeList names = display.getElementsByTagNameNS("*", "OrganizationDisplayName");
            if (names.getLength() > 0) {
                String text = names.item(0).getTextContent();
                if (text.length() > 4 * PortalRequest.MAX_DISPLAY_NAME) {
                    throw new IllegalArgumentException("display name too long");
                }
                displayName = Optional.of(text);
            }
        }
        return Optional.of(new AkdbRequest(requested, means, displayName));
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
