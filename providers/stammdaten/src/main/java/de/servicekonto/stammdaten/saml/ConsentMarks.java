package de.servicekonto.stammdaten.saml;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which Stammdaten a citizen agreed to release to which BundID portal, kept in the account's attribute
 * {@value #ATTRIBUTE}, one value per portal: {@code <client id>:<name>,<name>,…}. Keycloak's own consent record
 * ({@code UserConsentModel}) says that there is a consent, and is what the account console lists and revokes; it
 * holds client scopes, not attributes, so the names live here. A mark counts only while Keycloak's consent exists:
 * revoking in the console makes the next login ask again, whatever this attribute still says.
 */
public final class ConsentMarks {

    /** Unmanaged user attribute: administrators see it, the citizen does not edit it. */
    public static final String ATTRIBUTE = "sk-release-consent";
    /**
     * Bounds the attribute: beyond this many portals, marks are dropped from the front of the list (Keycloak does not
     * keep the order of an attribute's values, so not necessarily the oldest); that portal then asks again.
     */
    static final int MAX_PORTALS = 100;

    private ConsentMarks() {
    }

    /** The names consented to for the portal with Keycloak's internal client id, empty if none. */
    public static Set<String> covered(Collection<String> marks, String clientId) {
        Set<String> names = new TreeSet<>();
        for (String mark : marks) {
            if (mark != null && mark.startsWith(clientId + ":")) {
                for (String name : mark.substring(clientId.length() + 1).split(",")) {
                    if (!name.isBlank()) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /**
     * The marks after a consent to {@code names}: the portal's mark replaced by exactly these names (a consent
     * given now is to what the page showed now, not to what an earlier, perhaps revoked, consent named).
     */
    public static List<String> with(Collection<String> marks, String clientId, Set<String> names) {
        if (clientId.contains(":") || names.stream().anyMatch(n -> n.contains(",") || n.contains(":"))) {
            throw new IllegalArgumentException("separator in a mark");
        }
        List<String> result = new ArrayList<>();
        for (String mark : marks) {
            if (mark != null && !mark.startsWith(clientId + ":")) {
                result.add(mark);
            }
        }
        while (result.size() >= MAX_PORTALS) {
            result.remove(0);
        }
        result.add(clientId + ":" + String.join(",", new TreeSet<>(names)));
        return result;
    }

    /** The marks without the portal's (after its consent was found revoked). */
    public static List<String> without(Collection<String> marks, String clientId) {
        return marks.stream().filter(mark -> mark != null && !mark.startsWith(clientId + ":")).toList();
    }
}
