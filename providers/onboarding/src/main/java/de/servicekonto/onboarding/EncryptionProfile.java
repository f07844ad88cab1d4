package de.servicekonto.onboarding;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The named algorithm sets a SAML portal's encrypted assertions use, chosen per client by the attribute
 * {@value #ATTRIBUTE} and written into Keycloak 26.7.3's own client settings ({@link #clientAttributes()}), so the
 * admin console shows what is in force.
 *
 * <p>Both profiles encrypt the assertion with AES-256-GCM. We offer no CBC mode: AES-CBC in XML Encryption is open
 * to padding-oracle attacks (Jager/Somorovsky, "How to Break XML Encryption", CCS 2011), and every SP library we
 * know of that lacks GCM also lacks RSA-OAEP, so a CBC profile would help no one who cannot use {@link #COMPATIBLE}.
 */
public enum EncryptionProfile {

    /**
     * BSI TR-03116-4 and BundID: RSA-OAEP (XML Encryption 1.1) with SHA-256 digest and MGF1-SHA-256, AES-256-GCM.
     * The default.
     */
    BSI_TR_03116_4("bsi-tr-03116-4", Algorithms.RSA_OAEP_11, Algorithms.SHA256, Algorithms.MGF1_SHA256),

    /**
     * For SPs on XML Security libraries that know only XML Encryption 1.0 key transport (Lasso 2.8 in Apache
     * {@code mod_auth_mellon}, older OpenSAML and xmlsec): RSA-OAEP-MGF1P, whose mask function is fixed to
     * MGF1-SHA-1, with SHA-1 as OAEP digest; still AES-256-GCM for the assertion. SHA-1 here only parameterises
     * OAEP padding, where no collision attack applies.
     */
    COMPATIBLE("compatible", Algorithms.RSA_OAEP_MGF1P, Algorithms.SHA1, null);

    /** The client attribute naming the profile (realm JSON, admin console, our metadata converter). */
    public static final String ATTRIBUTE = "sk.saml.encryption.profile";
    public static final EncryptionProfile DEFAULT = BSI_TR_03116_4;

    // Keycloak 26.7.3's SAML client attributes (SamlConfigAttributes), read when it encrypts an assertion.
    static final String KC_ALGORITHM = "saml.encryption.algorithm";
    static final String KC_KEY_ALGORITHM = "saml.encryption.keyAlgorithm";
    static final String KC_DIGEST = "saml.encryption.digestMethod";
    static final String KC_MGF = "saml.encryption.maskGenerationFunction";

    private final String id;
    private final String keyTransport;
    private final String digest;
    private final String maskGeneration;

    EncryptionProfile(String id, String keyTransport, String digest, String maskGeneration) {
        this.id = id;
        this.keyTransport = keyTransport;
        this.digest = digest;
        this.maskGeneration = maskGeneration;
    }

    public String id() {
        return id;
    }

    public String keyTransport() {
        return keyTransport;
    }

    public String digest() {
        return digest;
    }

    /** {@code null} for {@link #COMPATIBLE}: rsa-oaep-mgf1p has no MGF parameter. */
    public String maskGeneration() {
        return maskGeneration;
    }

    public String dataEncryption() {
        return Algorithms.AES256_GCM;
    }

    public static Optional<EncryptionProfile> byId(String id) {
        return Arrays.stream(values()).filter(profile -> profile.id.equals(id)).findFirst();
    }

    /**
     * Keycloak's client attributes for this profile, with the profile's own attribute. An empty value clears
     * Keycloak's MGF setting, which it would ignore for rsa-oaep-mgf1p anyway but the console would still show.
     */
    public Map<String, String> clientAttributes() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ATTRIBUTE, id);
        attributes.put(KC_ALGORITHM, dataEncryption());
        attributes.put(KC_KEY_ALGORITHM, keyTransport);
        attributes.put(KC_DIGEST, digest);
        attributes.put(KC_MGF, maskGeneration == null ? "" : maskGeneration);
        return attributes;
    }

    /** The algorithm identifiers of XML Encryption 1.0/1.1 and XML Signature that the profiles and metadata use. */
    public static final class Algorithms {
        public static final String RSA_OAEP_11 = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
        public static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
        public static final String MGF1_SHA256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
        public static final String MGF1_SHA1 = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
        public static final String SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
        public static final String SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
        public static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";

        private Algorithms() {
        }
    }
}
