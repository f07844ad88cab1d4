package de.servicekonto.activity;

import de.servicekonto.spi.DataReleasedEvent;
import de.servicekonto.spi.DocumentActivityEvent;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * The activity log's answer to removals elsewhere: a removed user's entries and a removed realm's go in the removal's
 * own transaction (no orphans, nothing kept about a person who no longer has an account). Also records the data
 * releases and Dokumentensafe actions other modules publish ({@link DataReleasedEvent}, {@link DocumentActivityEvent}),
 * in the publishing request's transaction. Registered by
 * the factory of our table ({@link ActivityFactory.Entities}), because the rows belong to it.
 */
final class ActivityLifecycle implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        // Before removal: every path publishes UserPreRemovedEvent (also session.users().removeUser, which Keycloak's
        // Organizations API uses to delete a managed member), UserRemovedEvent only UserManager.
        if (event instanceof DataReleasedEvent released) {
            ActivityLog.dataReleased(released.session(), released.realm(), released.user(), released.portal(),
                    String.join(", ", released.released()));
        } else if (event instanceof DocumentActivityEvent document) {
            ActivityLog.document(document.session(), document.realm(), document.user(), document.action(),
                    document.documentId(), document.organisation());
        } else if (event instanceof UserModel.UserPreRemovedEvent removed) {
            new ActivityStore(removed.getKeycloakSession()).deleteUser(removed.getRealm().getId(), removed.getUser().getId());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            new ActivityStore(removed.getKeycloakSession()).deleteRealm(removed.getRealm().getId());
        }
        // Organisations: the log records persons' activity, not an organisation's; nothing to remove.
    }
}
