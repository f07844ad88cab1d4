package de.servicekonto.eid.authenticator;

import com.fasterxml.jackson.core.type.TypeReference;
import de.servicekonto.eid.account.EidAttributes;
import de.servicekonto.eid.account.EidLinking;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.util.JsonSerialization;

/**
 * The chip's data between the eID result and the citizen's confirmation, kept as a note of the authentication
 * session (server side, gone with it).
 */
record PendingLink(EidLinking.Outcome outcome, String pseudonym, Map<String, String> chip) {

    private static final String OUTCOME = "outcome";
    private static final String PSEUDONYM = "pseudonym";

    static PendingLink of(EidLinking.Outcome outcome, String pseudonym, Map<String, String> chip) {
        return new PendingLink(outcome, pseudonym, Map.copyOf(chip));
    }

    String toJson() {
        Map<String, String> json = new LinkedHashMap<>(chip);
        json.put(OUTCOME, outcome.name());
        json.put(PSEUDONYM, pseudonym);
        try {
            return JsonSerialization.writeValueAsString(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Optional<PendingLink> fromJson(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            Map<String, String> values = new LinkedHashMap<>(JsonSerialization.readValue(json, new TypeReference<Map<String, String>>() { }));
            EidLinking.Outcome outcome = EidLinking.Outcome.valueOf(values.remove(OUTCOME));
            String pseudonym = values.remove(PSEUDONYM);
            values.keySet().retainAll(EidAttributes.FROM_CHIP);
            return Optional.of(new PendingLink(outcome, pseudonym, Map.copyOf(values)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
