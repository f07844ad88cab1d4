package de.servicekonto.organisations;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The review of an authority account: applied → verified → active, or rejected; an active authority can be
 * suspended and reinstated. Only {@link #ACTIVE} may act (send to Postfächer, use bound clients, be chosen at login).
 */
public enum AuthorityStatus {
    APPLIED, VERIFIED, ACTIVE, REJECTED, SUSPENDED;

    /** The states this one may move to; rejected is final (a new application starts afresh). */
    public Set<AuthorityStatus> next() {
        return switch (this) {
            case APPLIED -> EnumSet.of(VERIFIED, REJECTED);
            case VERIFIED -> EnumSet.of(ACTIVE, REJECTED);
            case ACTIVE -> EnumSet.of(SUSPENDED);
            case SUSPENDED -> EnumSet.of(ACTIVE);
            case REJECTED -> EnumSet.noneOf(AuthorityStatus.class);
        };
    }

    /** The checked move to {@code target}; 409 {@code invalid_transition} when the process does not allow it. */
    public AuthorityStatus moveTo(AuthorityStatus target) {
        if (!next().contains(target)) {
            throw new OrganisationException(409, "invalid_transition",
                    "an authority in state " + this + " cannot become " + target);
        }
        return target;
    }

    public boolean mayAct() {
        return this == ACTIVE;
    }

    public static AuthorityStatus parse(String value) {
        String text = Text.field("status", value, 16, true);
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OrganisationException.invalid("status must be one of APPLIED, VERIFIED, ACTIVE, REJECTED, SUSPENDED");
        }
    }
}
