package de.servicekonto.onboarding;

import java.util.Map;

/**
 * Corrects the client attributes Keycloak 26.7.3's SAML metadata converter derived, with what {@link SpMetadata}
 * read: the SP's keys whatever their {@code use}, request signing as {@code AuthnRequestsSigned} says, the
 * encryption profile, a persistent NameID unless the SP names only other formats, and the single-logout URLs per
 * declared binding ({@link SingleLogout}; whether logout goes through the browser is a field of the client, not an
 * attribute: the converter sets it from {@link SingleLogout#frontChannel()}).
 */
public final class MetadataSettings {

    // Keycloak 26.7.3's SAML client attributes (SamlConfigAttributes).
    static final String CLIENT_SIGNATURE = "saml.client.signature";
    static final String SIGNING_CERTIFICATE = "saml.signing.certificate";
    static final String ENCRYPT = "saml.encrypt";
    static final String ENCRYPTION_CERTIFICATE = "saml.encryption.certificate";
    static final String NAME_ID_FORMAT = "saml_name_id_format";
    static final String PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";

    private MetadataSettings() {
    }

    /**
     * Writes the corrections into {@code attributes} (the converter's result).
     *
     * @throws IllegalArgumentException when the metadata promises signed requests but lists no signing key: such a
     *                                  client could never log in, and a client of ours must not quietly accept
     *                                  unsigned requests in its place
     */
    public static void apply(SpMetadata metadata, Map<String, String> attributes) {
        if (metadata.authnRequestsSigned() && metadata.signingCertificate().isEmpty()) {
            throw new IllegalArgumentException("AuthnRequestsSigned=\"true\" but no KeyDescriptor for signing");
        }
        metadata.signingCertificate().ifPresent(certificate -> attributes.put(SIGNING_CERTIFICATE, certificate));
        // Always explicit: a SAML client created without the attribute requires signatures (Keycloak's default).
        attributes.put(CLIENT_SIGNATURE, Boolean.toString(metadata.authnRequestsSigned()));
        metadata.encryptionCertificate().ifPresent(certificate -> {
            attributes.put(ENCRYPT, "true");
            attributes.put(ENCRYPTION_CERTIFICATE, certificate);
        });
        attributes.putAll(metadata.encryptionProfile().orElse(EncryptionProfile.DEFAULT).clientAttributes());
        if (metadata.nameIdFormats().isEmpty() || metadata.nameIdFormats().contains(PERSISTENT)) {
            // The BundID profile's subject: one stable identifier per portal (Keycloak's "persistent").
            attributes.put(NAME_ID_FORMAT, "persistent");
        }
        metadata.singleLogout().applyTo(attributes);
    }
}
