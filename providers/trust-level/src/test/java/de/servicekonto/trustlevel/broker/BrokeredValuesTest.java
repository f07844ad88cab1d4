package de.servicekonto.trustlevel.broker;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.trustlevel.TrustLevel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Stammdaten still are the partner's. */
class BrokeredValuesTest {

    @Test
    void givenTheValuesAsThePartnerSentThemThenTheyAreMarkedAndAChangedOneIsNot() {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("firstName", "Anna");
        sent.put("lastName", "Beispiel");
        sent.put("birthdate", " ");
        List<String> marks = BrokeredValues.marks(sent);

        assertThat(marks).hasSize(2).allMatch(mark -> !mark.contains("Anna") && !mark.contains("Beispiel"));
        assertThat(BrokeredValues.fromPartner(marks, "firstName", "Anna")).isTrue();
        assertThat(BrokeredValues.fromPartner(marks, "lastName", "Anders")).isFalse();
        assertThat(BrokeredValues.fromPartner(marks, "birthdate", "1990-01-01")).isFalse();
        assertThat(BrokeredValues.fromPartner(marks, "lastName", "Anna")).as("a value under another name").isFalse();
        assertThat(BrokeredValues.fromPartner(null, "firstName", "Anna")).isFalse();
        assertThat(BrokeredValues.stillFromPartner(marks, Map.of("firstName", "Anna", "lastName", "X")))
                .containsOnlyKeys("firstName");
    }

    @Test
    void theSourceNamesFinkPartnersByAliasAndEidasAsSuch() {
        assertThat(BrokeredValues.source("FINK", "fink-nrw")).isEqualTo("FINK:fink-nrw");
        assertThat(BrokeredValues.source("eIDAS", "eidas-de")).isEqualTo("eIDAS");
        assertThat(BrokeredValues.sourceName(null, "fink-nrw")).isEqualTo("fink-nrw");
        assertThat(BrokeredValues.sourceName("x".repeat(500), "a")).hasSize(BrokeredValues.MAX_NAME);
        assertThat(BrokeredValues.level("substanziell")).contains(TrustLevel.SUBSTANZIELL);
        assertThat(BrokeredValues.level("bogus")).isEmpty();
    }
}
