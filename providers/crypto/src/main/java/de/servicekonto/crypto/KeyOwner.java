package de.servicekonto.crypto;

import java.util.Objects;

/**
 * Whose data key: a realm (by its id, which survives renaming the realm) and an owner in it (a user id, later also
 * an organisation id). A wrapped data key is bound to both.
 */
public record KeyOwner(String realmId, String ownerId) {

    /** Longer than any Keycloak id; a bound so the binding stays small. */
    static final int MAX_LENGTH = 255;

    public KeyOwner {
        check(realmId, "realmId");
        check(ownerId, "ownerId");
    }

    private static void check(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(name + " must be 1 to " + MAX_LENGTH + " characters");
        }
    }
}
