package de.servicekonto.postfach.keycloak;

import de.servicekonto.postfach.spi.PostfachStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * The Postfach's answer to removals elsewhere, in the removal's own transaction (so the removal and the shredding
 * succeed or fail together): a removed account's or organisation's Postfach is crypto-shredded (its data key, then
 * its rows, {@code Retention.removeAccount}), and a removed realm's rows go. Registered by the store's factory
 * ({@code JpaPostfachStore.Factory}), which owns the data, not by the REST resource, which only serves requests.
 */
public final class PostfachLifecycle implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        // Before removal: every path publishes UserPreRemovedEvent (also session.users().removeUser, which
        // Keycloak's Organizations API uses to delete a managed member), UserRemovedEvent only UserManager.
        if (event instanceof UserModel.UserPreRemovedEvent removed) {
            KeycloakSession session = removed.getKeycloakSession();
            // The service works in the context realm; the removal may run with another one (or none) as context.
            RealmModel previous = session.getContext().getRealm();
            session.getContext().setRealm(removed.getRealm());
            try {
                KeycloakPostfach.of(session, removed.getRealm()).retention().removeAccount(removed.getUser().getId());
            } finally {
                session.getContext().setRealm(previous);
            }
        } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            // Published inside the removal's transaction, with the organization's realm as the context realm.
            KeycloakSession session = removed.getKeycloakSession();
            RealmModel realm = session.getContext().getRealm();
            if (realm != null) {
                KeycloakPostfach.of(session, realm).retention().removeOrganisation(removed.getOrganization().getId());
            }
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            // One bulk delete of everything the realm held, its data keys included: no shredding owner by owner.
            removed.getKeycloakSession().getProvider(PostfachStore.class).deleteRealm(removed.getRealm().getId());
            // On this node; another node's gauges of the realm stay until that node restarts (a census skips it).
            PostfachMeters.realmRemoved(removed.getRealm().getName());
        }
    }
}
