package de.servicekonto.dokumentensafe.keycloak;

import de.servicekonto.dokumentensafe.Owner;
import de.servicekonto.dokumentensafe.spi.SafeStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * The safe's answer to removals elsewhere, in the removal's own transaction (they succeed or fail together): a removed
 * account's or organisation's safe is crypto-shredded (its segments, upload sessions, documents, folders and the safe
 * row holding the data key go), a removed realm's safes go. Keycloak publishes the organisation's removal itself
 * ({@code OrganizationRemovedEvent}, whichever API removed it), so no event of the organisations module is needed.
 * Registered by the store's factory, which owns the rows.
 */
public final class SafeLifecycle implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        // Before removal: every path publishes UserPreRemovedEvent (also session.users().removeUser, which Keycloak's
        // Organizations API uses for a managed member), UserRemovedEvent only UserManager (Keycloak 26.7).
        if (event instanceof UserModel.UserPreRemovedEvent removed) {
            SafeStore store = removed.getKeycloakSession().getProvider(SafeStore.class);
            store.safe(removed.getRealm().getId(), Owner.PERSON, removed.getUser().getId()).ifPresent(store::deleteSafe);
        } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            // Published inside the removal's transaction, with the organization's realm as the context realm.
            KeycloakSession session = removed.getKeycloakSession();
            RealmModel realm = session.getContext().getRealm();
            if (realm != null) {
                SafeStore store = session.getProvider(SafeStore.class);
                store.safe(realm.getId(), Owner.ORGANISATION, removed.getOrganization().getId()).ifPresent(store::deleteSafe);
            }
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            removed.getKeycloakSession().getProvider(SafeStore.class).deleteRealm(removed.getRealm().getId());
        }
    }
}
