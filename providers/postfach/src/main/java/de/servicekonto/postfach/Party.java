package de.servicekonto.postfach;

import java.util.regex.Pattern;

/**
 * A mailbox owner: an account (kind USER, the Keycloak user id), an organisation (kind ORGANISATION, its Keycloak
 * organization id) or an authority (kind AUTHORITY, its Keycloak organization id).
 */
public record Party(Kind kind, String id) {

    public enum Kind { USER, ORGANISATION, AUTHORITY }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

    public Party {
        if (kind == null || id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid party");
        }
    }

    /** The owner id of this party's data key; kinds are prefixed so parties of different kinds never share one. */
    public String keyOwner() {
        String prefix = switch (kind) {
            case USER -> "u:";
            case ORGANISATION -> "o:";
            case AUTHORITY -> "a:";
        };
        return prefix + id;
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
