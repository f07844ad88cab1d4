package de.servicekonto.organisations;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The organisation's quick-access list of online services: client ids, in the given order, no repeats, bounded. */
public final class Favourites {

    public static final int MAX = 20;

    /** Keycloak's own clients: no online services, never a favourite. */
    private static final Set<String> INTERNAL = Set.of("realm-management", "admin-cli", "security-admin-console", "broker");

    private Favourites() {
    }

    public static List<String> of(List<?> input) {
        if (input == null) {
            throw OrganisationException.invalid("favourites must be a list of client ids");
        }
        if (input.size() > MAX) {
            throw new OrganisationException(400, "too_many_favourites", "at most " + MAX + " favourites");
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        for (Object item : input) {
            if (!(item instanceof String id)) {
                throw OrganisationException.invalid("favourites must be a list of client ids");
            }
            ids.add(Text.field("favourite", id, 255, true));
        }
        return new ArrayList<>(ids);
    }

    /** Whether {@code clientId} is one of Keycloak's own clients (the admin and account consoles, the broker). */
    public static boolean isInternal(String clientId) {
        return INTERNAL.contains(clientId) || clientId.equals("account") || clientId.startsWith("account-");
    }
}
