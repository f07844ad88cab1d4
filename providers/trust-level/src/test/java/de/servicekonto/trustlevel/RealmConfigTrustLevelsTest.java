package de.servicekonto.trustlevel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shipped realm spells the ACR maps out in JSON (realm import has no other way); this keeps them equal to
 * {@link TrustLevel}, the one place the identifiers are defined.
 */
class RealmConfigTrustLevelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void givenShippedRealmThenAcrLoaMapIsExactlyTheTrustLevelTableWithEidasFirst() throws IOException {
        JsonNode attributes = realm().path("attributes");
        Map<String, Integer> loaMap = JSON.readValue(attributes.path("acr.loa.map").asText(),
                JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Integer.class));

        Map<String, Integer> expected = new LinkedHashMap<>();
        // eIDAS first: for a level reached without a request, Keycloak names the first key of the map.
        for (Vocabulary vocabulary : Vocabulary.values()) {
            for (TrustLevel level : TrustLevel.values()) {
                expected.put(level.identifier(vocabulary), level.loa());
            }
        }
        assertThat(loaMap).containsExactlyEntriesOf(expected);

        Map<String, String> uriMap = JSON.readValue(attributes.path("acr.uri.map").asText(),
                JSON.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class));
        assertThat(uriMap.keySet()).containsExactlyElementsOf(expected.keySet());
        uriMap.forEach((acr, uri) -> assertThat(uri).isEqualTo(acr));
    }

    @Test
    void givenShippedRealmThenEachLevelHasOneConditionWithItsMaximumAge() throws IOException {
        Map<String, String> maxAgeByLevel = new LinkedHashMap<>();
        for (JsonNode config : realm().path("authenticatorConfig")) {
            JsonNode values = config.path("config");
            if (values.has("loa-condition-level")) {
                assertThat(maxAgeByLevel.put(values.path("loa-condition-level").asText(), values.path("loa-max-age").asText()))
                        .as("one condition per level").isNull();
            }
        }
        // BSI TR-03160-1 maximum session lengths: niedrig 12 h, substanziell 2 h, hoch 30 min.
        assertThat(maxAgeByLevel).containsExactly(Map.entry("1", "43200"), Map.entry("2", "7200"), Map.entry("3", "1800"));
    }

    @Test
    void givenShippedRealmThenIdleLimitsFollowTr03160AndRealmSessionMatchesNiedrig() throws IOException {
        JsonNode realm = realm();
        JsonNode idle = null;
        for (JsonNode config : realm.path("authenticatorConfig")) {
            if ("sk-level-idle".equals(config.path("alias").asText())) {
                idle = config.path("config");
            }
        }
        assertThat(idle).isNotNull();
        // niedrig 60 min, substanziell 30 min, hoch 5 min without use.
        assertThat(idle.path("idle-1").asText()).isEqualTo("3600");
        assertThat(idle.path("idle-2").asText()).isEqualTo("1800");
        assertThat(idle.path("idle-3").asText()).isEqualTo("300");
        assertThat(realm.path("ssoSessionIdleTimeout").asInt()).isEqualTo(3600);
        assertThat(realm.path("ssoSessionMaxLifespan").asInt()).isEqualTo(43200);
    }

    private static JsonNode realm() throws IOException {
        Path file = Path.of("").toAbsolutePath();
        while (file != null && !Files.exists(file.resolve("realm-config/servicekonto-realm.json"))) {
            file = file.getParent();
        }
        assertThat(file).as("realm-config/ above the module").isNotNull();
        return JSON.readTree(file.resolve("realm-config/servicekonto-realm.json").toFile());
    }
}
