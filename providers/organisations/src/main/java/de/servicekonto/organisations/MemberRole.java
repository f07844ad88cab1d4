package de.servicekonto.organisations;

import java.util.Locale;

/** A member's role in an organisation; every member is a USER, administrators are recorded in addition. */
public enum MemberRole {
    ADMIN, USER;

    public static MemberRole parse(String value) {
        String text = Text.field("role", value, 8, true);
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OrganisationException.invalid("role must be ADMIN or USER");
        }
    }

    /** The value used in tokens and assertions. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }
}
