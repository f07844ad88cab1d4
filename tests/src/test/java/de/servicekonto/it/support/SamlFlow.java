package de.servicekonto.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jsoup.Jsoup;
import org.jsoup.nodes.FormElement;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A SAML 2.0 SP-initiated login, driven through the real login pages (no direct grant): AuthnRequest over the
 * HTTP-Redirect binding, login form, then the Response that Keycloak hands back through the HTTP-POST binding's
 * auto-submitting page. The Response is read, not verified: the tests check what the server issued, the way
 * {@link Json#jwtClaims} reads tokens.
 */
public final class SamlFlow {

    private static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    private static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BrowserlessClient browser;
    private final String endpoint;
    private final String spEntityId;
    private final String acsUrl;
    private final SpCredentials credentials;
    private final String relayState = randomHex(16);

    /** With {@code credentials} {@code null}, the AuthnRequest goes out unsigned. */
    public SamlFlow(URI realmUri, String spEntityId, String acsUrl, SpCredentials credentials) {
        this(new BrowserlessClient(), realmUri, spEntityId, acsUrl, credentials);
    }

    /** The same in a given browser (e.g. one presenting a client certificate, with the realm's https address). */
    public SamlFlow(BrowserlessClient browser, URI realmUri, String spEntityId, String acsUrl, SpCredentials credentials) {
        this.browser = browser;
        this.endpoint = realmUri + "/protocol/saml";
        this.spEntityId = spEntityId;
        this.acsUrl = acsUrl;
        this.credentials = credentials;
    }

    /**
     * A fresh SP key pair and self-signed X.509 certificate (RSA 2048, SHA256withRSA, CN=the given name, valid 1
     * day), so every test registers its own SP key and none depends on key material checked into the repository.
     */
    public static SpCredentials newCredentials(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            KeyPair keys = generator.generateKeyPair();
            // The builder escapes the name, so a CN with commas or plus signs stays a single RDN.
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            Instant now = Instant.now();
            X509CertificateHolder certificate = new JcaX509v3CertificateBuilder(subject, new BigInteger(64, RANDOM),
                    Date.from(now), Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
            return new SpCredentials(keys.getPrivate(), new JcaX509CertificateConverter().getCertificate(certificate));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SP's signing key and its certificate. */
    public record SpCredentials(PrivateKey privateKey, X509Certificate certificate) {

        /** Base64 DER of the certificate, without PEM armour (what Keycloak's client attribute "saml.signing.certificate" takes). */
        public String certificateBase64() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Registers a test portal that signs its AuthnRequests with {@code credentials} and receives signed responses
     * over the POST binding at {@code acs}, with the given SAML protocol mappers (provider ids, default config).
     *
     * @param extraAttributes client attributes on top of those, e.g. the NameID format
     * @param onlyTheseMappers no default client scopes (no role list): only the mappers given add attributes
     */
    public static void registerPortal(AdminClient admin, String entityId, SpCredentials credentials, String acs,
                                      Map<String, String> extraAttributes, Map<String, Map<String, String>> mappers,
                                      boolean onlyTheseMappers) {
        Map<String, String> attributes = new LinkedHashMap<>(Map.of(
                "saml.client.signature", "true",
                "saml.signing.certificate", credentials.certificateBase64(),
                "saml.server.signature", "true",
                "saml.authnstatement", "true",
                "saml_assertion_consumer_url_post", acs,
                "saml.force.post.binding", "true"));
        attributes.putAll(extraAttributes);
        List<Map<String, Object>> protocolMappers = new ArrayList<>();
        mappers.forEach((provider, config) -> protocolMappers.add(Map.of("name", provider, "protocol", "saml",
                "protocolMapper", provider, "config", config)));
        Map<String, Object> client = new LinkedHashMap<>(Map.of("clientId", entityId, "protocol", "saml",
                "redirectUris", List.of(acs), "attributes", attributes, "protocolMappers", protocolMappers));
        if (onlyTheseMappers) {
            client.put("defaultClientScopes", List.of());
        }
        HttpResponse<String> created = admin.post("/realms/servicekonto/clients", client);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("portal " + entityId + " not registered: " + created.statusCode() + " " + created.body());
        }
    }

    public BrowserlessClient browser() {
        return browser;
    }

    /**
     * Sends an AuthnRequest over the HTTP-Redirect binding, signed (SAML bindings §3.4.4.1) when the flow has
     * credentials. Keycloak answers it with the login page itself (200), not with a redirect.
     *
     * @param comparison the RequestedAuthnContext's Comparison ("minimum", "exact", "better", "maximum"), or
     *                   {@code null} for no RequestedAuthnContext; passed through unchecked, so a test can also send
     *                   what Keycloak has to reject
     * @param classRefs  its AuthnContextClassRef values
     */
    public HttpResponse<String> authnRequest(String comparison, List<String> classRefs) {
        return authnRequest(comparison, classRefs, "");
    }

    /** The same with {@code <samlp:Extensions>} content (e.g. the BundID {@code akdb:AuthenticationRequest}). */
    public HttpResponse<String> authnRequest(String comparison, List<String> classRefs, String extensions) {
        return browser.get(authnRequestUri(comparison, classRefs, extensions));
    }

    /** The address a portal's HTTP-Redirect binding sends the browser to, e.g. for a real browser to open. */
    public URI authnRequestUri(String comparison, List<String> classRefs, String extensions) {
        String query = "SAMLRequest=" + urlEncode(deflateBase64(authnRequestXml(comparison, classRefs, extensions)))
                + "&RelayState=" + urlEncode(relayState);
        if (credentials != null) {
            // Keycloak verifies the signature over the parameters exactly as they appear, URL-encoded, in the query.
            query += "&SigAlg=" + urlEncode(RSA_SHA256);
            query += "&Signature=" + urlEncode(sign(query));
        }
        return URI.create(endpoint + "?" + query);
    }

    /** Submits the login form (form#kc-form-login) found on {@code page} with the given credentials. */
    public HttpResponse<String> login(HttpResponse<String> page, String username, String password) {
        return submitForm(page, "form#kc-form-login", Map.of("username", username, "password", password));
    }

    /**
     * The page a browser ends up on: Keycloak's redirects within the server are followed (after the login form, to
     * a required action such as {@code sk-bundid-release}); a redirect elsewhere (to the portal) is not.
     */
    public HttpResponse<String> follow(HttpResponse<String> page) {
        HttpResponse<String> current = page;
        String server = URI.create(endpoint).getRawAuthority();
        for (int i = 0; i < 10 && (current.statusCode() == 302 || current.statusCode() == 303); i++) {
            URI location = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
            if (!server.equals(location.getRawAuthority())) {
                break;
            }
            current = browser.get(location);
        }
        return current;
    }

    /**
     * On the page "Daten übermitteln" of a BundID portal's login (required action {@code sk-bundid-release}):
     * "Zustimmen". Fails if the page is not that page, so a test that expects the question notices its absence.
     */
    public HttpResponse<String> acceptRelease(HttpResponse<String> page) {
        return submitForm(page, "form#sk-bundid-consent", Map.of("accept", "accept"));
    }

    /**
     * Posts the first form on {@code page} that matches {@code formSelector}, with the fields a browser would send
     * (no unchecked boxes, no disabled controls) overridden by {@code extraFields}; returns the answer.
     */
    public HttpResponse<String> submitForm(HttpResponse<String> page, String formSelector,
            Map<String, String> extraFields) {
        FormElement form = form(follow(page), formSelector);
        Map<String, String> fields = fields(form);
        fields.putAll(extraFields);
        return browser.postForm(URI.create(form.absUrl("action")), fields);
    }

    /**
     * The SAMLResponse on Keycloak's auto-submitting HTTP-POST binding page, after checking that it goes to our
     * AssertionConsumerService with our RelayState.
     *
     * @throws IllegalStateException with the page body if the page carries no SAMLResponse
     */
    public SamlResponse response(HttpResponse<String> page) {
        FormElement form = form(follow(page), "form:has(input[name=SAMLResponse])");
        if (!acsUrl.equals(form.attr("action"))) {
            throw new IllegalStateException("SAMLResponse posted to " + form.attr("action") + " instead of " + acsUrl);
        }
        Map<String, String> fields = fields(form);
        if (!relayState.equals(fields.get("RelayState"))) {
            throw new IllegalStateException("RelayState not returned intact: " + fields.get("RelayState"));
        }
        // The MIME decoder tolerates line breaks in the base64, which the POST binding does not rule out.
        String xml = new String(Base64.getMimeDecoder().decode(fields.get("SAMLResponse")), StandardCharsets.UTF_8);
        return new SamlResponse(parse(xml), xml);
    }

    /** A SAML Response as Keycloak issued it; {@code xml} is there for assertion messages. */
    public record SamlResponse(Document document, String xml) {

        /** The Value of the top-level StatusCode. */
        public String statusCode() {
            return topLevelStatusCode().getAttribute("Value");
        }

        /** The Value of the StatusCode nested in the top-level one, which says why a request failed. */
        public Optional<String> subStatusCode() {
            return children(topLevelStatusCode(), PROTOCOL, "StatusCode").findFirst()
                    .map(code -> code.getAttribute("Value"));
        }

        /** The AuthnContextClassRef of the (first) AuthnStatement, if any. */
        public Optional<String> authnContextClassRef() {
            return elements(document.getElementsByTagNameNS(ASSERTION, "AuthnStatement")).findFirst()
                    .flatMap(statement -> elements(statement.getElementsByTagNameNS(ASSERTION, "AuthnContextClassRef"))
                            .findFirst())
                    .map(classRef -> classRef.getTextContent().trim());
        }

        /** All values of the Attribute with that Name in the AttributeStatement; empty if there is none. */
        public List<String> attributeValues(String name) {
            return attributes(name)
                    .flatMap(attribute -> children(attribute, ASSERTION, "AttributeValue"))
                    .map(Element::getTextContent)
                    .toList();
        }

        /** The NameFormat of the Attribute with that Name, if it is there and declares one. */
        public Optional<String> attributeNameFormat(String name) {
            return attributes(name).findFirst()
                    .filter(attribute -> attribute.hasAttribute("NameFormat"))
                    .map(attribute -> attribute.getAttribute("NameFormat"));
        }

        private Element topLevelStatusCode() {
            return children(document.getDocumentElement(), PROTOCOL, "Status")
                    .flatMap(status -> children(status, PROTOCOL, "StatusCode"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no StatusCode in\n" + xml));
        }

        private Stream<Element> attributes(String name) {
            return elements(document.getElementsByTagNameNS(ASSERTION, "AttributeStatement"))
                    .flatMap(statement -> children(statement, ASSERTION, "Attribute"))
                    .filter(attribute -> name.equals(attribute.getAttribute("Name")));
        }
    }

    private String authnRequestXml(String comparison, List<String> classRefs, String extensions) {
        String requestedAuthnContext = comparison == null ? "" : Objects.requireNonNull(classRefs).stream()
                .map(classRef -> "<saml:AuthnContextClassRef>" + escape(classRef) + "</saml:AuthnContextClassRef>")
                .collect(Collectors.joining("",
                        "<samlp:RequestedAuthnContext Comparison=\"" + escape(comparison) + "\">",
                        "</samlp:RequestedAuthnContext>"));
        // No NameID Format: the SP leaves the choice of identifier to the client's configuration in Keycloak.
        return """
                <samlp:AuthnRequest xmlns:samlp="%s" xmlns:saml="%s" ID="%s" Version="2.0" IssueInstant="%s" \
                Destination="%s" AssertionConsumerServiceURL="%s" ProtocolBinding="%s">\
                <saml:Issuer>%s</saml:Issuer>\
                %s\
                <samlp:NameIDPolicy AllowCreate="true"/>\
                %s\
                </samlp:AuthnRequest>""".formatted(
                PROTOCOL, ASSERTION, "_" + randomHex(20),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), escape(endpoint), escape(acsUrl), POST_BINDING,
                escape(spEntityId), extensions.isEmpty() ? "" : "<samlp:Extensions>" + extensions + "</samlp:Extensions>",
                requestedAuthnContext);
    }

    /** The Redirect binding's encoding: raw DEFLATE (no zlib header), then base64. */
    private static String deflateBase64(String xml) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream deflated = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                deflated.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getEncoder().encodeToString(deflated.toByteArray());
        } finally {
            deflater.end();
        }
    }

    private String sign(String signedQuery) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(credentials.privateKey());
            signature.update(signedQuery.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FormElement form(HttpResponse<String> page, String selector) {
        if (Jsoup.parse(page.body(), page.uri().toString()).selectFirst(selector) instanceof FormElement form) {
            return form;
        }
        throw new IllegalStateException("no " + selector + " on " + page.uri() + ":\n" + page.body());
    }

    /** What a browser submits for the form, in document order. */
    private static Map<String, String> fields(FormElement form) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.formData().forEach(field -> fields.put(field.key(), field.value()));
        return fields;
    }

    /** Namespace-aware, without DTDs (so no entity of any kind). */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot parse the SAMLResponse:\n" + xml, e);
        }
    }

    private static Stream<Element> children(Element parent, String namespace, String localName) {
        NodeList nodes = parent.getChildNodes();
        return IntStream.range(0, nodes.getLength()).mapToObj(nodes::item)
                .filter(node -> node.getNodeType() == Node.ELEMENT_NODE)
                .map(Element.class::cast)
                .filter(element -> namespace.equals(element.getNamespaceURI())
                        && localName.equals(element.getLocalName()));
    }

    private static Stream<Element> elements(NodeList nodes) {
        return IntStream.range(0, nodes.getLength()).mapToObj(nodes::item).map(Element.class::cast);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
