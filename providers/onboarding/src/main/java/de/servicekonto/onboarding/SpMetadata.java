package de.servicekonto.onboarding;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What an SP's metadata says about keys, request signing and encryption, read as SAML 2.0 Metadata
 * (saml-metadata-2.0-os) says — the parts Keycloak 26.7.3's own converter reads differently:
 * <ul>
 *   <li>§2.4.1.1: a {@code KeyDescriptor} without {@code use} holds a key for signing <em>and</em> encryption (the
 *       form Shibboleth SP writes by default; Keycloak ignores such keys);</li>
 *   <li>§2.4.4: {@code AuthnRequestsSigned} absent means false (Keycloak requires signatures whenever a signing key is
 *       listed, and a client created without the setting requires them anyway);</li>
 *   <li>§2.4.1.1 {@code EncryptionMethod} and the algorithm-support profile ({@code alg:DigestMethod},
 *       sstc-saml-metadata-algsupport-v1.0) say which algorithms the SP can decrypt with;</li>
 *   <li>§2.4.2 {@code SingleLogoutService}: Keycloak stores the URLs but not whether the SP is reached through the
 *       browser or over SOAP ({@link SingleLogout}).</li>
 * </ul>
 * Plain JDK XML: no DTDs, no external entities, bounded input.
 */
public record SpMetadata(boolean authnRequestsSigned, Optional<String> signingCertificate,
                         Optional<String> encryptionCertificate, List<EncryptionMethod> encryptionMethods,
                         List<String> digestMethods, List<String> nameIdFormats, SingleLogout singleLogout) {

    /** Far above any real SP's metadata (a few KB), far below what could hurt the parser. */
    public static final int MAX_LENGTH = 256 * 1024;

    static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String ALG = "urn:oasis:names:tc:SAML:metadata:algsupport";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";

    /** One {@code md:EncryptionMethod}: its Algorithm and, for RSA-OAEP, the OAEP digest and MGF if it names them. */
    public record EncryptionMethod(String algorithm, Optional<String> digest, Optional<String> maskGeneration) {
    }

    /**
     * Reads the first {@code SPSSODescriptor} of an {@code EntityDescriptor} (or of the single one in an
     * {@code EntitiesDescriptor}).
     *
     * @throws IllegalArgumentException with a message for the operator when the text is too long, not XML, has no
     *                                  SP descriptor, holds a certificate that cannot be read or a logout
     *                                  endpoint that is no http(s) URL
     */
    public static SpMetadata parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException("no metadata");
        }
        if (xml.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("metadata longer than " + MAX_LENGTH + " characters");
        }
        Element sp = descendants(document(xml).getDocumentElement(), MD, "SPSSODescriptor").findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no SPSSODescriptor in the metadata"));
        String signed = sp.getAttribute("AuthnRequestsSigned").strip();
        Optional<String> signing = Optional.empty();
        Optional<String> encryption = Optional.empty();
        List<EncryptionMethod> methods = new ArrayList<>();
        for (Element key : children(sp, MD, "KeyDescriptor").toList()) {
            String use = key.getAttribute("use").strip();
            Optional<String> certificate = certificate(key);
            if (certificate.isEmpty()) {
                continue;
            }
            // First key of each use wins, as Keycloak keeps one certificate per use.
            if ((use.isEmpty() || use.equals("signing")) && signing.isEmpty()) {
                signing = certificate;
            }
            if (use.isEmpty() || use.equals("encryption")) {
                if (encryption.isEmpty()) {
                    encryption = certificate;
                }
                children(key, MD, "EncryptionMethod").map(SpMetadata::encryptionMethod).forEach(methods::add);
            }
        }
        // alg:DigestMethod may sit in the EntityDescriptor's or the role's Extensions.
        List<String> digests = Stream.concat(extensions(sp.getParentNode()), extensions(sp))
                .flatMap(extensions -> children(extensions, ALG, "DigestMethod"))
                .map(digest -> digest.getAttribute("Algorithm").strip()).filter(value -> !value.isEmpty()).toList();
        List<String> formats = children(sp, MD, "NameIDFormat").map(format -> format.getTextContent().strip()).toList();
        SingleLogout logout = SingleLogout.of(children(sp, MD, "SingleLogoutService")
                .map(service -> Map.entry(service.getAttribute("Binding").strip(), service.getAttribute("Location")))
                .toList());
        return new SpMetadata("true".equals(signed) || "1".equals(signed), signing, encryption, List.copyOf(methods),
                digests, formats, logout);
    }

    /**
     * The encryption profile the SP's metadata asks for, if it says anything about key transport or digests:
     * XML Encryption 1.1 RSA-OAEP (with SHA-256 and MGF1-SHA-256, or naming no parameters) gives
     * {@link EncryptionProfile#BSI_TR_03116_4}; otherwise RSA-OAEP-MGF1P gives {@link EncryptionProfile#COMPATIBLE}.
     * Without EncryptionMethod, an algorithm-support list of digests without SHA-256 marks an SP library from before
     * SHA-2 and gives {@link EncryptionProfile#COMPATIBLE}. Algorithms we do not offer (RSA 1.5) are passed over.
     */
    public Optional<EncryptionProfile> encryptionProfile() {
        String bsiDigest = EncryptionProfile.BSI_TR_03116_4.digest();
        String bsiMgf = EncryptionProfile.BSI_TR_03116_4.maskGeneration();
        boolean bsi = encryptionMethods.stream().anyMatch(method ->
                EncryptionProfile.Algorithms.RSA_OAEP_11.equals(method.algorithm())
                        && method.digest().map(bsiDigest::equals).orElse(true)
                        && method.maskGeneration().map(bsiMgf::equals).orElse(true));
        if (bsi) {
            return Optional.of(EncryptionProfile.BSI_TR_03116_4);
        }
        boolean compatible = encryptionMethods.stream().anyMatch(method ->
                EncryptionProfile.Algorithms.RSA_OAEP_MGF1P.equals(method.algorithm())
                        || EncryptionProfile.Algorithms.RSA_OAEP_11.equals(method.algorithm()));
        if (compatible) {
            return Optional.of(EncryptionProfile.COMPATIBLE);
        }
        if (!digestMethods.isEmpty() && !digestMethods.contains(bsiDigest)) {
            return Optional.of(EncryptionProfile.COMPATIBLE);
        }
        return Optional.empty();
    }

    private static EncryptionMethod encryptionMethod(Element method) {
        Optional<String> digest = children(method, DS, "DigestMethod").findFirst()
                .map(element -> element.getAttribute("Algorithm").strip());
        Optional<String> mgf = children(method, XENC11, "MGF").findFirst()
                .map(element -> element.getAttribute("Algorithm").strip());
        return new EncryptionMethod(method.getAttribute("Algorithm").strip(), digest, mgf);
    }

    /** The base64 DER of the key's X.509 certificate, checked to be one; empty if the key names none. */
    private static Optional<String> certificate(Element key) {
        Optional<Element> element = descendants(key, DS, "X509Certificate").findFirst();
        if (element.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(element.get().getTextContent().strip());
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return Optional.of(Base64.getEncoder().encodeToString(certificate.getEncoded()));
        } catch (IllegalArgumentException | CertificateException e) {
            throw new IllegalArgumentException("a KeyDescriptor's X509Certificate is not a certificate");
        }
    }

    private static Stream<Element> extensions(Node parent) {
        return parent instanceof Element element ? children(element, MD, "Extensions") : Stream.empty();
    }

    private static Document document(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("metadata is not well-formed XML without a DTD");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<Element> children(Element parent, String namespace, String localName) {
        NodeList nodes = parent.getChildNodes();
        return IntStream.range(0, nodes.getLength()).mapToObj(nodes::item)
                .filter(node -> node.getNodeType() == Node.ELEMENT_NODE).map(Element.class::cast)
                .filter(element -> namespace.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName()));
    }

    private static Stream<Element> descendants(Element root, String namespace, String localName) {
        NodeList nodes = root.getElementsByTagNameNS(namespace, localName);
        return IntStream.range(0, nodes.getLength()).mapToObj(nodes::item).map(Element.class::cast);
    }
}
