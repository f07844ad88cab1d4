package de.servicekonto.helpdesk;

import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Records who holds an account's lock when an administrator saves the account through Keycloak's admin API ({@code
 * PUT /admin/realms/{realm}/users/{id}}, the admin console's and kcadm's way to disable or enable an account): the
 * help desk's mark {@value AccountRules#LOCK_ATTRIBUTE} is removed. Enabled, the administrator lifted the lock;
 * still disabled, the administrator saw the account locked and kept it so, and the lock is theirs from then on, so
 * the help desk's unlock answers 409 {@code account_disabled}. Keycloak's own state cannot tell these apart (saving a
 * disabled account as disabled changes nothing), so the save itself is what counts.
 *
 * <p>Keycloak 26.7.3 calls admin-event listeners inside the request's transaction ({@code AdminEventBuilder.send}),
 * so the mark goes with the administrator's change or not at all. The help desk's own lock and unlock are no admin
 * events and never reach this listener.
 */
final class AdministratorSaves implements EventListenerProvider {

    private static final Logger LOG = Logger.getLogger(AdministratorSaves.class);
    /** {@code users/{id}} exactly: not its sub-resources (role mappings, credentials, sessions). */
    private static final Pattern USER_PATH = Pattern.compile("users/([0-9A-Za-z-]{1,36})");

    private final KeycloakSession session;

    AdministratorSaves(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getOperationType() != OperationType.UPDATE || event.getResourceType() != ResourceType.USER
                || event.getResourcePath() == null) {
            return;
        }
        var path = USER_PATH.matcher(event.getResourcePath());
        if (!path.matches()) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, path.group(1));
        if (user == null || user.getFirstAttribute(AccountRules.LOCK_ATTRIBUTE) == null) {
            return;
        }
        user.removeAttribute(AccountRules.LOCK_ATTRIBUTE);
        LOG.infof("An administrator saved account %s %s; the help desk's lock mark is removed", user.getId(),
                user.isEnabled() ? "enabled" : "disabled, so the lock is now the administrator's");
    }

    @Override
    public void close() {
    }
}
