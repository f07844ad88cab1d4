package de.servicekonto.eid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EidClientLinkTest {

    private static final URI TC_TOKEN = URI.create("https://konto.example.org/realms/servicekonto/eid/tc-token?session=a&tab=b");

    @Test
    void givenTcTokenUrlThenDesktopAndMobileLinksCarryItEncoded() {
        assertThat(EidClientLink.desktop(TC_TOKEN).toString()).isEqualTo("http://127.0.0.1:24727/eID-Client?tcTokenURL="
                + "https%3A%2F%2Fkonto.example.org%2Frealms%2Fservicekonto%2Feid%2Ftc-token%3Fsession%3Da%26tab%3Db");
        assertThat(EidClientLink.mobile(TC_TOKEN).toString()).startsWith("eid://127.0.0.1:24727/eID-Client?tcTokenURL=https%3A%2F%2F");
    }

    @Test
    void givenPlainHttpTcTokenUrlThenRefusedUnlessTheServerRunsOnTheSameDevice() {
        assertThatThrownBy(() -> EidClientLink.desktop(URI.create("http://konto.example.org/tc")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EidClientLink.mobile(URI.create("http://127.0.0.2.example.org/tc")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EidClientLink.mobile(URI.create("ftp://localhost/tc")))
                .isInstanceOf(IllegalArgumentException.class);
        // A development server on this machine (AusweisApp developer mode accepts it too).
        assertThat(EidClientLink.desktop(URI.create("http://localhost:8080/tc")).toString())
                .isEqualTo("http://127.0.0.1:24727/eID-Client?tcTokenURL=http%3A%2F%2Flocalhost%3A8080%2Ftc");
    }

    @Test
    void givenDevelopmentEidClientAddressThenLinkPointsThere() {
        assertThat(EidClientLink.desktop(URI.create("http://127.0.0.1:30000/eID-Client"), TC_TOKEN).toString())
                .startsWith("http://127.0.0.1:30000/eID-Client?tcTokenURL=https%3A%2F%2Fkonto.example.org");
    }
}
