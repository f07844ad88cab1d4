package de.servicekonto.postfach;

import java.util.regex.Pattern;

/** A mailbox owner: an account (kind USER, the Keycloak user id) or an authority (kind AUTHORITY). */
public record Party(Kind kind, String id) {

    public enum Kind { USER, AUTHORITY }

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

    public Party {
        if (kind == null || id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid party");
        }
    }

    /** The owner id of this party's data key; kinds are prefixed so a user and an authority never share one. */
    public String keyOwner() {
        return (kind == Kind.USER ? "u:" : "a:") + id;
    }

    public static boolean isId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
