package de.servicekonto.branding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BrandingTest {

    @Test
    void givenATenantsAttributesThenNameLogoAndSiteAreKept() {
        Branding branding = Branding.of("musterstadt", " Stadt Musterstadt & Umland ",
                "https://www.musterstadt.de/wappen.svg", "https://www.musterstadt.de");
        assertThat(branding).isEqualTo(new Branding("Stadt Musterstadt & Umland", "https://www.musterstadt.de/wappen.svg",
                "https://www.musterstadt.de"));
        assertThat(branding.branded()).isTrue();
    }

    @Test
    void givenNoDisplayNameOrAttributesThenTheRealmIdAndNoBranding() {
        Branding branding = Branding.of("servicekonto", null, null, null);
        assertThat(branding).isEqualTo(new Branding("servicekonto", null, null));
        assertThat(branding.branded()).isFalse();
        assertThat(Branding.of("r", "x".repeat(150), null, null).name()).hasSize(Branding.MAX_NAME);
    }

    @Test
    void givenAddressesAMailClientMustNotLoadThenTheyAreLeftOut() {
        for (String refused : List.of("javascript:alert(1)", "http://www.musterstadt.de/logo.svg", "ftp://a.de/l.svg",
                "data:image/svg+xml;base64,PHN2Zz4=", "//www.musterstadt.de/logo.svg", "logo.svg", "https://",
                "https://user:pw@www.musterstadt.de/l.svg", "https://a.de/l.svg\"onerror=\"x", "https://a.de/<b>",
                "https://a.de/" + "x".repeat(300), "  ", "https://a.de/l svg")) {
            assertThat(Branding.loadable(refused)).as(refused).isNull();
        }
        for (String kept : List.of("https://www.musterstadt.de/logo.svg", "http://localhost:8081/logo.png",
                "http://127.0.0.1/l.svg", "HTTPS://A.DE/l.svg?v=2")) {
            assertThat(Branding.loadable(kept)).as(kept).isEqualTo(kept);
        }
    }
}
