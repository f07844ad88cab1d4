package de.servicekonto.activity;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.common.util.Time;

/**
 * Entries other providers write where Keycloak has no event (an ID card linked to the account; a SAML portal receiving
 * attributes arrives as {@link de.servicekonto.spi.DataReleasedEvent}), and what they may ask of the log. Only in realms that have the activity log
 * ({@value ActivityFactory#ID}) among their event listeners.
 */
public final class ActivityLog {

    /** The means an ID-card entry names, as the login entries do. */
    private static final String EID_MEANS = "eID";
    /** Level hoch ({@code TrustLevel.HOCH.loa()}): an ID-card entry is made at that level. */
    private static final int HOCH = 3;

    private ActivityLog() {
    }

    /** Whether the realm keeps an activity log (its event listeners include {@value ActivityFactory#ID}). */
    public static boolean enabled(RealmModel realm) {
        return realm.getEventsListenersStream().anyMatch(ActivityFactory.ID::equals);
    }

    /** How many days the realm keeps entries ({@code sk.activity.retentionDays}); older ones are deleted. */
    public static int retentionDays(RealmModel realm) {
        return ActivityFactory.retentionDays(realm);
    }

    /**
     * Records that a portal received data of the account, by name only (the values stay in the account). Other
     * modules publish a {@link de.servicekonto.spi.DataReleasedEvent} instead ({@link ActivityLifecycle}).
     *
     * @param released  what was released, e.g. "givenName, surname"; cut at 1000 characters
     */
    static void dataReleased(KeycloakSession session, RealmModel realm, UserModel user, ClientModel portal,
                                    String released) {
        if (!enabled(realm)) {
            return;
        }
        new ActivityStore(session).add(new ActivityEntity(KeycloakModelUtils.generateId(), realm.getId(), user.getId(),
                Time.currentTimeMillis(), ActivityType.DATA_RELEASE, portal.getClientId(), null, null, ActivityEntity.detail(released)));
    }

    /**
     * Records what the person did to a document of a Dokumentensafe ({@link de.servicekonto.spi.DocumentActivityEvent});
     * the detail is the document's id, never its name, followed by the organisation's name in parentheses when the
     * safe is an organisation's (null: their own).
     */
    static void document(KeycloakSession session, RealmModel realm, UserModel user, String action, String documentId,
                         String organisation) {
        ActivityType type = switch (action) {
            case de.servicekonto.spi.DocumentActivityEvent.UPLOAD -> ActivityType.DOCUMENT_UPLOADED;
            case de.servicekonto.spi.DocumentActivityEvent.SAVE_FROM_POSTFACH -> ActivityType.DOCUMENT_SAVED_FROM_POSTFACH;
            case de.servicekonto.spi.DocumentActivityEvent.DOWNLOAD -> ActivityType.DOCUMENT_DOWNLOADED;
            case de.servicekonto.spi.DocumentActivityEvent.SHARE -> ActivityType.DOCUMENT_SHARED;
            case de.servicekonto.spi.DocumentActivityEvent.DELETE -> ActivityType.DOCUMENT_DELETED;
            default -> throw new IllegalArgumentException("not a Dokumentensafe action: " + action);
        };
        if (!enabled(realm)) {
            return;
        }
        new ActivityStore(session).add(new ActivityEntity(KeycloakModelUtils.generateId(), realm.getId(), user.getId(),
                Time.currentTimeMillis(), type, null, null, null,
                ActivityEntity.detail(organisation == null ? documentId : documentId + " (" + organisation + ")")));
    }

    /**
     * Records that an ID card was linked to the account ({@link ActivityType#EID_CARD_LINKED}) or refused for it
     * ({@link ActivityType#EID_CARD_REFUSED}), in the login of {@code portal} (may be null), at level hoch with the
     * means {@code eID}.
     *
     * @param detail what happened, e.g. {@code UPGRADE}, {@code RELINK} or the reason of a refusal; no personal data
     */
    public static void eidCard(KeycloakSession session, RealmModel realm, UserModel user, ClientModel portal,
                               ActivityType type, String detail) {
        if (type != ActivityType.EID_CARD_LINKED && type != ActivityType.EID_CARD_REFUSED) {
            throw new IllegalArgumentException("not an ID-card entry: " + type);
        }
        if (!enabled(realm)) {
            return;
        }
        new ActivityStore(session).add(new ActivityEntity(KeycloakModelUtils.generateId(), realm.getId(), user.getId(),
                Time.currentTimeMillis(), type, portal == null ? null : portal.getClientId(),
                type == ActivityType.EID_CARD_LINKED ? HOCH : null, EID_MEANS, ActivityEntity.detail(detail)));
    }

    /**
     * Records what the help desk did to the account ({@link ActivityType#HELPDESK_LOCKED}, {@link
     * ActivityType#HELPDESK_UNLOCKED}, {@link ActivityType#HELPDESK_CONFIRMATION_RESENT}), so its owner sees it. No
     * portal, level or detail: which member of the help desk acted is in the server log, not shown to the owner.
     */
    public static void helpdesk(KeycloakSession session, RealmModel realm, UserModel user, ActivityType type) {
        if (type != ActivityType.HELPDESK_LOCKED && type != ActivityType.HELPDESK_UNLOCKED
                && type != ActivityType.HELPDESK_CONFIRMATION_RESENT) {
            throw new IllegalArgumentException("not a help-desk entry: " + type);
        }
        if (!enabled(realm)) {
            return;
        }
        new ActivityStore(session).add(new ActivityEntity(KeycloakModelUtils.generateId(), realm.getId(), user.getId(),
                Time.currentTimeMillis(), type, null, null, null, null));
    }

    /**
     * Whether the owner changed any of {@code fields} in a profile update ({@link ActivityType#PROFILE_UPDATE}) at or
     * after {@code since} (epoch milliseconds). Field names as the log keeps them, i.e. as Keycloak's event names
     * them: {@code first_name}, {@code last_name}, {@code email}, otherwise the attribute name ({@code birthdate}).
     * Changes made by administrators are not the owner's and are not in the log.
     *
     * @return empty if the realm keeps no activity log (nothing can be said); entries older than the realm's
     *         retention are gone, so {@code since} further back than that sees only what is left
     */
    public static Optional<Boolean> changedSince(KeycloakSession session, RealmModel realm, UserModel user,
                                                 Set<String> fields, long since) {
        if (!enabled(realm)) {
            return Optional.empty();
        }
        for (String detail : new ActivityStore(session).details(realm.getId(), user.getId(), ActivityType.PROFILE_UPDATE, since)) {
            if (detail != null && Arrays.stream(detail.split(",")).map(String::strip).anyMatch(fields::contains)) {
                return Optional.of(true);
            }
        }
        return Optional.of(false);
    }
}
