package de.servicekonto.stammdaten.lifecycle;

import de.servicekonto.stammdaten.jpa.AccountLifecycles;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;

/**
 * Event listener {@value RegistrationLifecycleFactory#ID}: marks a self-registration until its address is confirmed
 * (events {@code REGISTER}, {@code VERIFY_EMAIL}) and records logins for the inactivity rule, in our table
 * ({@link AccountLifecycles}); and the scheduled sweep ({@link #purge}): accounts without a row yet
 * ({@link AccountCensus}), overdue registrations, then inactive accounts ({@link InactiveAccounts}).
 */
final class RegistrationLifecycle implements EventListenerProvider {

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(RegistrationLifecycle.class);

    private final KeycloakSession session;

    RegistrationLifecycle(KeycloakSession session) {
        this.session = session;
    }

    /** Called in the request that registered, confirmed or logged in, before its transaction ends. */
    @Override
    public void onEvent(Event event) {
        if (event.getUserId() == null || event.getError() != null || (event.getType() != EventType.REGISTER
                && event.getType() != EventType.VERIFY_EMAIL && event.getType() != EventType.LOGIN)) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        UserModel user = realm == null ? null : session.users().getUserById(realm, event.getUserId());
        if (user == null) {
            return;
        }
        Instant time = Instant.ofEpochMilli(event.getTime());
        if (event.getType() == EventType.LOGIN) {
            InactiveAccounts.loggedIn(session, realm, user, time);
            if (user.isEmailVerified() && user.getFirstAttribute(UnconfirmedRegistrations.MARK) != null) {
                user.removeAttribute(UnconfirmedRegistrations.MARK); // confirmed some other way (e.g. by an operator)
            }
            return;
        }
        if (event.getType() == EventType.REGISTER) {
            // Only the citizen's own registration form; accounts from identity providers are not "unconfirmed sign-ups".
            boolean unconfirmed = !user.isEmailVerified()
                    && "form".equals(event.getDetails() == null ? null : event.getDetails().get(Details.REGISTER_METHOD));
            AccountLifecycles.registered(session, realm.getId(), user.getId(), time, unconfirmed);
            if (unconfirmed) {
                // Also on the account itself, where operators see it (admin console, attribute list).
                user.setSingleAttribute(UnconfirmedRegistrations.MARK, UnconfirmedRegistrations.mark(time));
            }
        } else {
            AccountLifecycles.confirmed(session, user.getId());
            user.removeAttribute(UnconfirmedRegistrations.MARK);
        }
    }

    /**
     * Sweeps {@code realm} if it has this listener: first gives accounts without a lifecycle row theirs
     * ({@link AccountCensus}); then deletes self-registrations whose address is still unconfirmed after the realm's
     * period, with everything kept for them: Keycloak's sessions, consents and credentials, and, through the
     * user-removed events that {@link UserManager} publishes, the activity log and Postfach data of the other modules.
     * At most {@value #BATCH} per run; then the realm's inactivity sweep ({@link InactiveAccounts}).
     */
    static int purge(KeycloakSession session, RealmModel realm, Instant now) {
        if (realm.getEventsListenersStream().noneMatch(RegistrationLifecycleFactory.ID::equals)) {
            return 0;
        }
        AccountCensus.run(session, realm, now);
        Instant cutoff = now.minus(UnconfirmedRegistrations.period(realm.getAttribute(UnconfirmedRegistrations.PERIOD_ATTRIBUTE)));
        List<String> overdue = AccountLifecycles.unconfirmedBefore(session, realm.getId(), cutoff, BATCH);
        int deleted = 0;
        for (String id : overdue) {
            UserModel user = session.users().getUserById(realm, id);
            if (user == null) {
                AccountLifecycles.forgetUser(session, id);
            } else if (user.isEmailVerified()) {
                AccountLifecycles.confirmed(session, id); // confirmed some other way (e.g. by an operator)
            } else if (new UserManager(session).removeUser(realm, user)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            LOG.infof("Deleted %d unconfirmed registrations of realm %s", deleted, realm.getName());
        }
        InactiveAccounts.sweep(session, realm, now);
        return deleted;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
