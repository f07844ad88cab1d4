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
    CONSENT_REVOKED(EventType.REVOKE_GRANT),
    /** An ID card was linked to the account (Hochstufung or a new card); written by the eID login, no Keycloak event. */
    EID_CARD_LINKED(null),
    /** An ID card was refused for the account (another person's card, or too soon after a change); no Keycloak event. */
    EID_CARD_REFUSED(null),
    /**
     * A document was put into a Dokumentensafe, the person's own or an organisation's they act for; no Keycloak event
     * (detail: the document's id, and the organisation's name if it is an organisation's safe; so for all DOCUMENT_*).
     */
    DOCUMENT_UPLOADED(null),
    /** A document from a Postfach message was saved into a Dokumentensafe; no Keycloak event. */
    DOCUMENT_SAVED_FROM_POSTFACH(null),
    /** A document of a Dokumentensafe was downloaded; no Keycloak event. */
    DOCUMENT_DOWNLOADED(null),
    /** A document of a Dokumentensafe was attached to a Postfach message (a copy went to the recipient); no Keycloak event. */
    DOCUMENT_SHARED(null),
    /** A document of a Dokumentensafe was moved to its trash; no Keycloak event. */
    DOCUMENT_DELETED(null),
    /** The help desk locked the account (providers/helpdesk); no Keycloak event, no detail. */
    HELPDESK_LOCKED(null),
    /** The help desk lifted its lock or a lockout after failed logins; no Keycloak event, no detail. */
    HELPDESK_UNLOCKED(null),
    /** The help desk sent the e-mail confirmation link again; no Keycloak event, no detail. */
    HELPDESK_CONFIRMATION_RESENT(null);

    private final EventType event;

    ActivityType(EventType event) {
        this.event = event;
    }

    public static Optional<ActivityType> of(EventType event) {
        for (ActivityType type : values()) {
            if (type.event != null && type.event == event) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
