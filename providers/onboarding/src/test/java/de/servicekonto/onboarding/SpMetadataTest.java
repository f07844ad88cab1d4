package de.servicekonto.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpMetadataTest {

    private static final String SIGNING = TestCertificates.newCertificate("signing");
    private static final String ENCRYPTION = TestCertificates.newCertificate("encryption");

    static String metadata(String spAttributes, String keyDescriptors, String extensions) {
        return """
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
                    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:alg="urn:oasis:names:tc:SAML:metadata:algsupport"
                    entityID="https://portal.example.de/shibboleth">%s
                  <md:SPSSODescriptor %s protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">%s
                    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
                        Location="https://portal.example.de/Shibboleth.sso/SAML2/POST" index="1"/>
                  </md:SPSSODescriptor>
                </md:EntityDescriptor>""".formatted(extensions, spAttributes, keyDescriptors);
    }

    static String key(String use, String certificate, String methods) {
        return "<md:KeyDescriptor" + (use == null ? "" : " use=\"" + use + "\"") + "><ds:KeyInfo><ds:X509Data>"
                + "<ds:X509Certificate>" + certificate + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo>" + methods
                + "</md:KeyDescriptor>";
    }

    @Test
    void givenKeyWithoutUseThenItSignsAndEncrypts() {
        SpMetadata metadata = SpMetadata.parse(metadata("AuthnRequestsSigned=\"true\"", key(null, SIGNING, ""), ""));

        assertThat(metadata.authnRequestsSigned()).isTrue();
        assertThat(metadata.signingCertificate()).contains(SIGNING);
        assertThat(metadata.encryptionCertificate()).contains(SIGNING);
    }

    @Test
    void givenKeysPerUseThenEachGoesToItsUse() {
        SpMetadata metadata = SpMetadata.parse(metadata("", key("signing", SIGNING, "") + key("encryption", ENCRYPTION, ""), ""));

        assertThat(metadata.authnRequestsSigned()).isFalse();
        assertThat(metadata.signingCertificate()).contains(SIGNING);
        assertThat(metadata.encryptionCertificate()).contains(ENCRYPTION);
    }

    @Test
    void givenCertificateWithLineBreaksThenItIsReadAsOne() {
        String wrapped = SIGNING.replaceAll("(.{64})", "$1\n");

        assertThat(SpMetadata.parse(metadata("", key(null, wrapped, ""), "")).signingCertificate()).contains(SIGNING);
    }

    @Test
    void givenMgf1pEncryptionMethodThenCompatibleProfile() {
        String methods = "<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes256-gcm\"/>"
                + "<md:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>";

        assertThat(SpMetadata.parse(metadata("", key(null, SIGNING, methods), "")).encryptionProfile())
                .contains(EncryptionProfile.COMPATIBLE);
    }

    @Test
    void givenXmlEnc11OaepWithSha256ThenBsiProfileEvenIfMgf1pIsListedToo() {
        String methods = "<md:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>"
                + "<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#rsa-oaep\">"
                + "<ds:DigestMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"/>"
                + "<xenc11:MGF xmlns:xenc11=\"http://www.w3.org/2009/xmlenc11#\" Algorithm=\"http://www.w3.org/2009/xmlenc11#mgf1sha256\"/>"
                + "</md:EncryptionMethod>";

        assertThat(SpMetadata.parse(metadata("", key("encryption", ENCRYPTION, methods), "")).encryptionProfile())
                .contains(EncryptionProfile.BSI_TR_03116_4);
    }

    @Test
    void givenXmlEnc11OaepWithSha1MgfThenCompatibleProfile() {
        String methods = "<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#rsa-oaep\">"
                + "<xenc11:MGF xmlns:xenc11=\"http://www.w3.org/2009/xmlenc11#\" Algorithm=\"http://www.w3.org/2009/xmlenc11#mgf1sha1\"/>"
                + "</md:EncryptionMethod>";

        assertThat(SpMetadata.parse(metadata("", key(null, SIGNING, methods), "")).encryptionProfile())
                .contains(EncryptionProfile.COMPATIBLE);
    }

    @Test
    void givenAlgorithmSupportDigestsWithoutSha256ThenCompatibleProfile() {
        String extensions = "<md:Extensions><alg:DigestMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#sha1\"/></md:Extensions>";

        assertThat(SpMetadata.parse(metadata("", key(null, SIGNING, ""), extensions)).encryptionProfile())
                .contains(EncryptionProfile.COMPATIBLE);
        assertThat(SpMetadata.parse(metadata("", key(null, SIGNING, ""), extensions.replace("2000/09/xmldsig#sha1",
                "2001/04/xmlenc#sha256"))).encryptionProfile()).isEmpty();
    }

    @Test
    void givenNoEncryptionMethodThenNoProfileFromMetadata() {
        assertThat(SpMetadata.parse(metadata("", key(null, SIGNING, ""), "")).encryptionProfile()).isEmpty();
    }

    @Test
    void givenDoctypeThenRefusedBeforeAnyEntityIsRead() {
        String xxe = "<!DOCTYPE md:EntityDescriptor [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + metadata("", key(null, SIGNING, ""), "").replace("protocolSupportEnumeration", "x=\"&x;\" protocolSupportEnumeration");

        assertThatThrownBy(() -> SpMetadata.parse(xxe)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a DTD");
    }

    @Test
    void givenTooLongOrNoSpDescriptorOrBrokenCertificateThenRefusedWithAReason() {
        assertThatThrownBy(() -> SpMetadata.parse("<x>" + " ".repeat(SpMetadata.MAX_LENGTH) + "</x>"))
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> SpMetadata.parse("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"x\"/>"))
                .hasMessageContaining("no SPSSODescriptor");
        assertThatThrownBy(() -> SpMetadata.parse(metadata("", key(null, "bm90IGEgY2VydA==", ""), "")))
                .hasMessageContaining("not a certificate");
    }

    @Test
    void givenSignedRequestsAndKeyWithoutUseThenClientSignsEncryptsAndUsesDefaultProfileAndPersistentNameId() {
        Map<String, String> attributes = new HashMap<>(Map.of("saml.client.signature", "true"));

        MetadataSettings.apply(SpMetadata.parse(metadata("AuthnRequestsSigned=\"true\"", key(null, SIGNING, ""), "")), attributes);

        assertThat(attributes).containsEntry("saml.client.signature", "true")
                .containsEntry("saml.signing.certificate", SIGNING)
                .containsEntry("saml.encrypt", "true")
                .containsEntry("saml.encryption.certificate", SIGNING)
                .containsEntry("saml_name_id_format", "persistent")
                .containsAllEntriesOf(EncryptionProfile.BSI_TR_03116_4.clientAttributes());
    }

    @Test
    void givenAuthnRequestsSignedAbsentThenNoClientSignatureRequiredEvenWithSigningKey() {
        Map<String, String> attributes = new HashMap<>(Map.of("saml.client.signature", "true"));

        MetadataSettings.apply(SpMetadata.parse(metadata("", key("signing", SIGNING, ""), "")), attributes);

        assertThat(attributes).containsEntry("saml.client.signature", "false").containsEntry("saml.signing.certificate", SIGNING)
                .doesNotContainKey("saml.encrypt");
    }

    @Test
    void givenSignedRequestsButNoSigningKeyThenRefused() {
        assertThatThrownBy(() -> MetadataSettings.apply(SpMetadata.parse(metadata("AuthnRequestsSigned=\"true\"",
                key("encryption", ENCRYPTION, ""), "")), new HashMap<>())).hasMessageContaining("no KeyDescriptor for signing");
    }

    @Test
    void givenOnlyTransientNameIdThenKeycloaksChoiceStays() {
        Map<String, String> attributes = new HashMap<>(Map.of("saml_name_id_format", "transient"));
        String transientOnly = metadata("", key(null, SIGNING, ""), "").replace("</md:SPSSODescriptor>",
                "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat></md:SPSSODescriptor>");

        MetadataSettings.apply(SpMetadata.parse(transientOnly), attributes);

        assertThat(attributes).containsEntry("saml_name_id_format", "transient");
    }
}
