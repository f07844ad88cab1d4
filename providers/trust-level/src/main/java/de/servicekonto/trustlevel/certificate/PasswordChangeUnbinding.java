package de.servicekonto.trustlevel.certificate;

import java.util.Optional;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.jboss.logging.Logger;

/**
 * Event listener {@value PasswordChangeUnbindingFactory#ID}: when an account's password is changed (by its owner,
 * through Keycloak's update-password step, which also ends a reset by mail) or reset by an administrator, removes a
 * certificate binding made with only the password ({@link CertificateBinding#unbindIfBoundWithThePassword}). Keycloak
 * calls listeners inside the request's transaction, so the password and the binding change together.
 */
final class PasswordChangeUnbinding implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(PasswordChangeUnbinding.class);

    private final KeycloakSession session;

    PasswordChangeUnbinding(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        // Keycloak 26 reports a password change twice, as UPDATE_CREDENTIAL and as UPDATE_PASSWORD; one is enough.
        if (event.getType() == EventType.UPDATE_PASSWORD && event.getError() == null) {
            unbind(event.getRealmId(), event.getUserId());
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getResourceType() == ResourceType.USER && event.getOperationType() == OperationType.ACTION
                && event.getError() == null) {
            userOfPasswordReset(event.getResourcePath()).ifPresent(userId -> unbind(event.getRealmId(), userId));
        }
    }

    /** The user of an administrator's {@code users/{id}/reset-password}. */
    static Optional<String> userOfPasswordReset(String resourcePath) {
        if (resourcePath == null) {
            return Optional.empty();
        }
        String[] parts = resourcePath.split("/", -1);
        return parts.length == 3 && parts[0].equals("users") && !parts[1].isEmpty() && parts[2].equals("reset-password")
                ? Optional.of(parts[1]) : Optional.empty();
    }

    private void unbind(String realmId, String userId) {
        if (realmId == null || userId == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(realmId);
        UserModel user = realm == null ? null : session.users().getUserById(realm, userId);
        if (user != null && CertificateBinding.unbindIfBoundWithThePassword(user)) {
            LOG.infof("Realm %s: the password of user %s changed; the certificate bound with the old password was removed",
                    realm.getName(), userId);
        }
    }

    @Override
    public void close() {
    }
}
