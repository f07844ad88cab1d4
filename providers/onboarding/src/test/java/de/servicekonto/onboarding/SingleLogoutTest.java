package de.servicekonto.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SingleLogoutTest {

    private static final String KEY = SpMetadataTest.key(null, TestCertificates.newCertificate("sp"), "");

    private static String slo(String binding, String location) {
        return "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:" + binding + "\" Location=\""
                + location + "\"/>";
    }

    private static SpMetadata parse(String endpoints) {
        return SpMetadata.parse(SpMetadataTest.metadata("", KEY + endpoints, ""));
    }

    @Test
    void givenMellonsRedirectEndpointOnlyThenFrontChannelWithTheRedirectUrl() {
        SpMetadata metadata = parse(slo("HTTP-Redirect", "https://sp.example.de/mellon/logout"));
        Map<String, String> attributes = new HashMap<>();

        MetadataSettings.apply(metadata, attributes);

        assertThat(metadata.singleLogout().frontChannel()).isTrue();
        assertThat(attributes).containsEntry("saml_single_logout_service_url_redirect", "https://sp.example.de/mellon/logout")
                .doesNotContainKeys("saml_single_logout_service_url_post", "saml_single_logout_service_url_soap",
                        "saml_single_logout_service_url_artifact");
    }

    @Test
    void givenShibbolethsFourBindingsThenFrontChannelAndEveryUrlIncludingArtifact() {
        SpMetadata metadata = parse(slo("SOAP", "https://sp.example.de/Shibboleth.sso/SLO/SOAP")
                + slo("HTTP-Redirect", "https://sp.example.de/Shibboleth.sso/SLO/Redirect")
                + slo("HTTP-POST", "https://sp.example.de/Shibboleth.sso/SLO/POST")
                + slo("HTTP-Artifact", "https://sp.example.de/Shibboleth.sso/SLO/Artifact"));
        Map<String, String> attributes = new HashMap<>();

        MetadataSettings.apply(metadata, attributes);

        assertThat(metadata.singleLogout().frontChannel()).isTrue();
        assertThat(attributes)
                .containsEntry("saml_single_logout_service_url_soap", "https://sp.example.de/Shibboleth.sso/SLO/SOAP")
                .containsEntry("saml_single_logout_service_url_redirect", "https://sp.example.de/Shibboleth.sso/SLO/Redirect")
                .containsEntry("saml_single_logout_service_url_post", "https://sp.example.de/Shibboleth.sso/SLO/POST")
                .containsEntry("saml_single_logout_service_url_artifact", "https://sp.example.de/Shibboleth.sso/SLO/Artifact");
    }

    @Test
    void givenOnlySoapThenBackChannel() {
        SpMetadata metadata = parse(slo("SOAP", "https://sp.example.de/Shibboleth.sso/SLO/SOAP"));

        assertThat(metadata.singleLogout().frontChannel()).isFalse();
        assertThat(metadata.singleLogout().location(SingleLogout.SOAP)).contains("https://sp.example.de/Shibboleth.sso/SLO/SOAP");
    }

    @Test
    void givenNoEndpointThenNoFrontChannelAndStaleUrlsRemoved() {
        Map<String, String> attributes = new HashMap<>(Map.of("saml_single_logout_service_url_post", "https://old.example.de/"));

        SpMetadata metadata = parse("");
        MetadataSettings.apply(metadata, attributes);

        assertThat(metadata.singleLogout().frontChannel()).isFalse();
        assertThat(attributes).doesNotContainKey("saml_single_logout_service_url_post");
    }

    @Test
    void givenTwoEndpointsOfOneBindingThenTheFirstCounts() {
        SpMetadata metadata = parse(slo("HTTP-POST", "https://sp.example.de/first")
                + slo("HTTP-POST", "https://sp.example.de/second"));

        assertThat(metadata.singleLogout().location(SingleLogout.POST)).contains("https://sp.example.de/first");
    }

    @Test
    void givenAnUnknownBindingOnlyThenItIsPassedOver() {
        SpMetadata metadata = parse("<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:PAOS\""
                + " Location=\"https://sp.example.de/paos\"/>");

        assertThat(metadata.singleLogout().locations()).isEmpty();
        assertThat(metadata.singleLogout().frontChannel()).isFalse();
    }

    @Test
    void givenALocationThatIsNoHttpUrlThenRefused() {
        assertThatThrownBy(() -> parse(slo("HTTP-Redirect", "javascript:alert(1)")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https URL");
        assertThatThrownBy(() -> parse(slo("SOAP", "file:///etc/passwd")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https URL");
        assertThatThrownBy(() -> parse(slo("HTTP-POST", "/relative/path")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https URL");
    }

    @Test
    void givenPlainHttpThenOnlyOnLocalhost() {
        assertThatThrownBy(() -> parse(slo("SOAP", "http://sp.example.de/Shibboleth.sso/SLO/SOAP")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https URL");
        assertThatThrownBy(() -> parse(slo("HTTP-Redirect", "http://10.0.0.7/logout")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https URL");
        assertThatThrownBy(() -> parse(slo("HTTP-POST", "https://user:pw@sp.example.de/logout")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https URL");
        assertThat(parse(slo("SOAP", "http://127.0.0.1:8443/Shibboleth.sso/SLO/SOAP")).singleLogout()
                .location(SingleLogout.SOAP)).contains("http://127.0.0.1:8443/Shibboleth.sso/SLO/SOAP");
        assertThat(parse(slo("HTTP-Redirect", "http://localhost/mellon/logout")).singleLogout()
                .location(SingleLogout.REDIRECT)).contains("http://localhost/mellon/logout");
    }

    @Test
    void givenAnOverlongLocationThenRefused() {
        assertThatThrownBy(() -> parse(slo("HTTP-POST", "https://sp.example.de/" + "a".repeat(3000))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than");
    }
}
