package de.servicekonto.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamlClientDefaultsTest {

    @Test
    void givenNewClientWithoutProfileThenPersistentNameIdAndBsiAlgorithms() {
        Map<String, String> attributes = new HashMap<>();

        SamlClientDefaults.apply(attributes, true);

        assertThat(attributes).containsEntry("saml_name_id_format", "persistent")
                .containsEntry("sk.saml.encryption.profile", "bsi-tr-03116-4")
                .containsEntry("saml.encryption.keyAlgorithm", "http://www.w3.org/2009/xmlenc11#rsa-oaep")
                .containsEntry("saml.encryption.digestMethod", "http://www.w3.org/2001/04/xmlenc#sha256")
                .containsEntry("saml.encryption.maskGenerationFunction", "http://www.w3.org/2009/xmlenc11#mgf1sha256")
                .containsEntry("saml.encryption.algorithm", "http://www.w3.org/2009/xmlenc11#aes256-gcm");
    }

    @Test
    void givenCompatibleProfileThenMgf1pWithSha1AndAes256Gcm() {
        Map<String, String> attributes = new HashMap<>(Map.of("sk.saml.encryption.profile", "compatible",
                "saml_name_id_format", "username", "saml.encryption.keyAlgorithm", "http://www.w3.org/2009/xmlenc11#rsa-oaep"));

        SamlClientDefaults.apply(attributes, true);

        assertThat(attributes).containsEntry("saml_name_id_format", "username")
                .containsEntry("saml.encryption.keyAlgorithm", "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p")
                .containsEntry("saml.encryption.digestMethod", "http://www.w3.org/2000/09/xmldsig#sha1")
                .containsEntry("saml.encryption.maskGenerationFunction", "")
                .containsEntry("saml.encryption.algorithm", "http://www.w3.org/2009/xmlenc11#aes256-gcm");
    }

    @Test
    void givenExistingClientWithoutProfileThenNothingChanges() {
        Map<String, String> attributes = new HashMap<>(Map.of("saml.encryption.keyAlgorithm", "by-hand"));

        SamlClientDefaults.apply(attributes, false);

        assertThat(attributes).containsExactly(Map.entry("saml.encryption.keyAlgorithm", "by-hand"));
    }

    @Test
    void givenNewClientWithAlgorithmsByHandAndNoProfileThenTheyStay() {
        Map<String, String> attributes = new HashMap<>(Map.of("saml.encryption.keyAlgorithm", "by-hand"));

        SamlClientDefaults.apply(attributes, true);

        assertThat(attributes).containsEntry("saml.encryption.keyAlgorithm", "by-hand")
                .doesNotContainKey("sk.saml.encryption.profile");
    }

    @Test
    void givenUnknownProfileThenRefused() {
        assertThatThrownBy(() -> SamlClientDefaults.apply(new HashMap<>(Map.of("sk.saml.encryption.profile", "aes-128-cbc")), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown encryption profile");
    }
}
