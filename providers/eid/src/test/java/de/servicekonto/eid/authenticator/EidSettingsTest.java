package de.servicekonto.eid.authenticator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EidSettingsTest {

    private static Map<String, String> config() {
        Map<String, String> config = new HashMap<>();
        config.put(EidSettings.SERVER_URL, "https://eid.example.org/eID");
        config.put(EidSettings.KEYSTORE, "/keys/client.p12");
        config.put(EidSettings.KEYSTORE_PASSWORD, "${vault.sk-eid-keystore-password}");
        config.put(EidSettings.TRUSTSTORE, "/keys/eid-server-ca.p12");
        config.put(EidSettings.TRUSTSTORE_PASSWORD, "${vault.sk-eid-truststore-password}");
        return config;
    }

    @Test
    void givenServerKeyStoreAndTrustStoreThenUsable() {
        EidSettings settings = EidSettings.parse(config()).orElseThrow();

        assertThat(settings.serverUrl()).isEqualTo(URI.create("https://eid.example.org/eID"));
        assertThat(settings.trustStore()).isEqualTo(Path.of("/keys/eid-server-ca.p12"));
        assertThat(settings.keyStoreType()).isEqualTo("PKCS12");
        assertThat(settings.minimumAge()).isEqualTo(EidSettings.DEFAULT_MINIMUM_AGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void givenEidServerWithoutTrustStoreThenRefusedNamingTheSettingInsteadOfTrustingTheJvmsCas(String blank) {
        Map<String, String> missing = config();
        missing.remove(EidSettings.TRUSTSTORE);
        Map<String, String> empty = config();
        empty.put(EidSettings.TRUSTSTORE, blank);

        for (Map<String, String> config : java.util.List.of(missing, empty)) {
            assertThatThrownBy(() -> EidSettings.parse(config))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(EidSettings.TRUSTSTORE)
                    .hasMessageContaining("never used");
        }
    }

    @Test
    void givenNoEidServerThenEidIsNotOfferedWhateverTheTrustStore() {
        Map<String, String> config = config();
        config.remove(EidSettings.SERVER_URL);
        config.remove(EidSettings.TRUSTSTORE);

        assertThat(EidSettings.parse(config)).isEmpty();
        assertThat(EidSettings.parse(Map.of())).isEmpty();
    }

    @Test
    void givenPlainHttpServerOrNoKeyStoreThenRefused() {
        Map<String, String> http = config();
        http.put(EidSettings.SERVER_URL, "http://eid.example.org/eID");
        Map<String, String> noKeys = config();
        noKeys.remove(EidSettings.KEYSTORE);

        assertThatThrownBy(() -> EidSettings.parse(http)).hasMessageContaining("https");
        assertThatThrownBy(() -> EidSettings.parse(noKeys)).hasMessageContaining(EidSettings.KEYSTORE);
    }
}
