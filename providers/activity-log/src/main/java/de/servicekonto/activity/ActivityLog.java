package de.servicekonto.activity;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.common.util.Time;

/**
 * Entries other providers write where Keycloak has no event: a SAML portal receiving attributes it asked for. Only
 * in realms that have the activity log ({@value ActivityFactory#ID}) among their event listeners.
 */
public final class ActivityLog {

    private ActivityLog() {
    }

    /**
     * Records that a portal received data of the account, by name only (the values stay in the account).
     *
     * @param released  what was released, e.g. "givenName, surname"; cut at 1000 characters
     */
    public static void dataReleased(KeycloakSession session, RealmModel realm, UserModel user, ClientModel portal,
                                    String released) {
        if (!realm.getEventsListenersStream().anyMatch(ActivityFactory.ID::equals)) {
            return;
        }
        new ActivityStore(session).add(new ActivityEntity(KeycloakModelUtils.generateId(), realm.getId(), user.getId(),
                Time.currentTimeMillis(), ActivityType.DATA_RELEASE, portal.getClientId(), null, null, ActivityEntity.detail(released)));
    }
}
