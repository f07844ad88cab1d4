package de.servicekonto.trustlevel.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CertificateBindingTest {

    @Test
    void givenTheUserMappersIdentityThenSerialAndIssuer() {
        assertThat(CertificateBinding.Certificate.of("1a2b##cn=test-ca,o=servicekonto it,c=de"))
                .contains(new CertificateBinding.Certificate("1a2b", "cn=test-ca,o=servicekonto it,c=de"));
    }

    @Test
    void givenAnythingElseThenNoCertificateToBind() {
        assertThat(CertificateBinding.Certificate.of(null)).isEmpty();
        assertThat(CertificateBinding.Certificate.of("1a2b")).isEmpty();
        assertThat(CertificateBinding.Certificate.of("##cn=test-ca")).isEmpty();
        assertThat(CertificateBinding.Certificate.of("1a2b##")).isEmpty();
        assertThat(CertificateBinding.Certificate.of("1a2b##cn=a##cn=b")).isEmpty();
    }
}
