package de.servicekonto.activity;

import java.util.Optional;
import org.keycloak.events.EventType;

/** What the owner sees in the activity log, and the Keycloak event each comes from. */
public enum ActivityType {
    /** Logged in to a portal (also through the single sign-on session). */
    LOGIN(EventType.LOGIN),
    /** Registered the account. */
    REGISTER(EventType.REGISTER),
    /** Changed master data (account console, profile form). */
    PROFILE_UPDATE(EventType.UPDATE_PROFILE),
    /** Released data to a portal by consenting to its scopes. */
    DATA_RELEASE(EventType.GRANT_CONSENT),
    /** Withdrew a consent. */
    CONSENT_REVOKED(EventType.REVOKE_GRANT);

    private final EventType event;

    ActivityType(EventType event) {
        this.event = event;
    }

    public static Optional<ActivityType> of(EventType event) {
        for (ActivityType type : values()) {
            if (type.event == event) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
