package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.trustlevel.ServicekontoVersion;
import org.junit.jupiter.api.Test;

@ServicekontoServerTest
class ProviderLoadedIT {

    @Test
    void givenAssembledServerThenTrustLevelAuthenticatorReportsOurVersionInServerInfo(ServicekontoServer server) {
        JsonNode serverInfo = server.admin().get("/serverinfo");

        assertThat(serverInfo.at("/systemInfo/version").asText()).isEqualTo(ServicekontoVersion.keycloakVersion());
        JsonNode info = serverInfo.at("/providers/authenticator/providers/sk-trust-level-unavailable/operationalInfo");
        assertThat(info.path("servicekonto-version").asText()).isEqualTo(ServicekontoVersion.version());
        assertThat(info.path("built-for-keycloak").asText()).isEqualTo(ServicekontoVersion.keycloakVersion());
        assertThat(info.path("level-3").asText()).isEqualTo("hoch http://eidas.europa.eu/LoA/high");
        assertThat(serverInfo.at("/providers/sk-trust-level").isMissingNode()).as("the unused SPI sk-trust-level is gone").isTrue();
    }

    @Test
    void givenAssembledServerThenServicekontoThemeIsKnownForLoginEmailAndAccount(ServicekontoServer server) {
        JsonNode themes = server.admin().get("/serverinfo").path("themes");

        for (String type : new String[] {"login", "email", "account"}) {
            assertThat(themes.path(type).findValuesAsText("name")).as(type + " themes").contains("servicekonto");
        }
    }

    @Test
    void givenAssembledServerThenPostfachProvidersAreListed(ServicekontoServer server) {
        JsonNode providers = server.admin().get("/serverinfo").path("providers");

        assertThat(providers.at("/sk-postfach-store/providers/sk-jpa").isMissingNode()).as("store sk-jpa").isFalse();
        assertThat(providers.at("/sk-authority-directory/providers/sk-organisations").isMissingNode())
                .as("authority directory sk-organisations").isFalse();
        assertThat(providers.at("/realm-restapi-extension/providers/postfach").isMissingNode()).as("resource postfach").isFalse();
    }
}
