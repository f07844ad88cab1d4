package de.servicekonto.it.support;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/**
 * Decrypts a Response's {@code saml:EncryptedAssertion} with the SP's private key, as an SP does (XML Encryption
 * 1.1 §5.5 RSA-OAEP key transport, §5.2.4 AES-GCM), with the JDK alone so the test does not trust the library
 * Keycloak encrypts with. Only the algorithms our encryption profiles use are understood: anything else fails.
 */
public final class EncryptedAssertions {

    private static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String XENC = "http://www.w3.org/2001/04/xmlenc#";
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String XENC11 = "http://www.w3.org/2009/xmlenc11#";

    private EncryptedAssertions() {
    }

    /** What the SP found: the key transport algorithm, its OAEP digest and MGF, and the decrypted assertion. */
    public record Decrypted(String keyTransport, String digest, String maskGeneration, String dataEncryption,
                            SamlFlow.SamlResponse assertion) {
    }

    public static Decrypted decrypt(SamlFlow.SamlResponse response, PrivateKey spKey) {
        Element encryptedAssertion = first(response.document().getDocumentElement(), ASSERTION, "EncryptedAssertion");
        Element encryptedData = first(encryptedAssertion, XENC, "EncryptedData");
        Element encryptedKey = first(encryptedAssertion, XENC, "EncryptedKey");
        Element keyMethod = first(encryptedKey, XENC, "EncryptionMethod");
        String keyTransport = keyMethod.getAttribute("Algorithm");
        String digest = optional(keyMethod, DS, "DigestMethod");
        String mgf = optional(keyMethod, XENC11, "MGF");
        String dataEncryption = first(encryptedData, XENC, "EncryptionMethod").getAttribute("Algorithm");
        try {
            byte[] key = rsaOaep(keyTransport, digest, mgf, spKey, cipherValue(encryptedKey));
            if (!"http://www.w3.org/2009/xmlenc11#aes256-gcm".equals(dataEncryption) || key.length != 32) {
                throw new IllegalStateException("not AES-256-GCM: " + dataEncryption);
            }
            byte[] data = cipherValue(encryptedData);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, data, 0, 12));
            String xml = new String(aes.doFinal(Arrays.copyOfRange(data, 12, data.length)), StandardCharsets.UTF_8);
            // The plaintext is the Assertion as serialised in place: prefixes declared on the Response may be used
            // without being declared again, so it is read inside the namespaces in scope there (as Santuario does).
            String wrapped = "<wrapper" + namespacesInScope(encryptedAssertion) + ">" + xml + "</wrapper>";
            return new Decrypted(keyTransport, digest, mgf, dataEncryption, new SamlFlow.SamlResponse(SamlFlow.parse(wrapped), xml));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the assertion:\n" + serialise(encryptedAssertion), e);
        }
    }

    private static byte[] rsaOaep(String algorithm, String digest, String mgf, PrivateKey key, byte[] wrapped)
            throws GeneralSecurityException {
        OAEPParameterSpec parameters;
        if ("http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p".equals(algorithm)) {
            // The MGF is fixed to MGF1 with SHA-1; the digest defaults to SHA-1 (XML Encryption 1.1 §5.5.2).
            String hash = digest == null || digest.endsWith("#sha1") ? "SHA-1" : digest.endsWith("#sha256") ? "SHA-256" : null;
            if (hash == null) {
                throw new IllegalStateException("unexpected digest " + digest);
            }
            parameters = new OAEPParameterSpec(hash, "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
        } else if ("http://www.w3.org/2009/xmlenc11#rsa-oaep".equals(algorithm)
                && "http://www.w3.org/2001/04/xmlenc#sha256".equals(digest)
                && "http://www.w3.org/2009/xmlenc11#mgf1sha256".equals(mgf)) {
            parameters = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
        } else {
            throw new IllegalStateException("unexpected key transport " + algorithm + " digest " + digest + " mgf " + mgf);
        }
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.DECRYPT_MODE, key, parameters);
        return rsa.doFinal(wrapped);
    }

    private static String namespacesInScope(Element element) {
        java.util.Map<String, String> declared = new java.util.LinkedHashMap<>();
        for (org.w3c.dom.Node node = element; node instanceof Element current; node = node.getParentNode()) {
            var attributes = current.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                var attribute = attributes.item(i);
                if (attribute.getNodeName().startsWith("xmlns")) {
                    declared.putIfAbsent(attribute.getNodeName(), attribute.getNodeValue());
                }
            }
        }
        StringBuilder text = new StringBuilder();
        declared.forEach((name, value) -> text.append(' ').append(name).append("=\"").append(value
                .replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")).append('"'));
        return text.toString();
    }

    /** The element's own CipherData (a child), not that of an EncryptedKey inside its KeyInfo. */
    private static byte[] cipherValue(Element encrypted) {
        for (org.w3c.dom.Node node = encrypted.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && XENC.equals(child.getNamespaceURI()) && "CipherData".equals(child.getLocalName())) {
                return Base64.getMimeDecoder().decode(first(child, XENC, "CipherValue").getTextContent().strip());
            }
        }
        throw new IllegalStateException("no CipherData in\n" + serialise(encrypted));
    }

    private static String optional(Element parent, String namespace, String localName) {
        var nodes = parent.getElementsByTagNameNS(namespace, localName);
        return nodes.getLength() == 0 ? null : ((Element) nodes.item(0)).getAttribute("Algorithm");
    }

    private static Element first(Element parent, String namespace, String localName) {
        var nodes = parent.getElementsByTagNameNS(namespace, localName);
        if (nodes.getLength() == 0) {
            throw new IllegalStateException("no " + localName + " in\n" + serialise(parent));
        }
        return (Element) nodes.item(0);
    }

    private static String serialise(Element element) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(element), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            return element.getTagName();
        }
    }
}
