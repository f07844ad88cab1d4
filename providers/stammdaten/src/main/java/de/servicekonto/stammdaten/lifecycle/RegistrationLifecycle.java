package de.servicekonto.stammdaten.lifecycle;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
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
 * (events {@code REGISTER}, {@code VERIFY_EMAIL}) and records logins for the inactivity rule; and the scheduled
 * sweep ({@link #purge}): overdue registrations, then inactive accounts ({@link InactiveAccounts}).
 */
final class RegistrationLifecycle implements EventListenerProvider {

    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(RegistrationLifecycle.class);

    private final KeycloakSession session;

    RegistrationLifecycle(KeycloakSession session) {
        this.session = session;
    }

    /** Called in the request that registered or confirmed, before its transaction ends: the mark goes with it. */
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
        if (event.getType() == EventType.LOGIN) {
            InactiveAccounts.loggedIn(realm, user, Instant.ofEpochMilli(event.getTime()));
            if (user.isEmailVerified() && user.getFirstAttribute(UnconfirmedRegistrations.MARK) != null) {
                user.removeAttribute(UnconfirmedRegistrations.MARK); // confirmed some other way (e.g. by an operator)
            }
            return;
        }
        // Only the citizen's own registration form; accounts from identity providers are not "unconfirmed sign-ups".
        if (event.getType() == EventType.REGISTER && !user.isEmailVerified()
                && "form".equals(event.getDetails() == null ? null : event.getDetails().get(Details.REGISTER_METHOD))) {
            user.setSingleAttribute(UnconfirmedRegistrations.MARK, UnconfirmedRegistrations.mark(Instant.ofEpochMilli(event.getTime())));
        } else if (event.getType() == EventType.VERIFY_EMAIL) {
            user.removeAttribute(UnconfirmedRegistrations.MARK);
        }
    }

    /**
     * Deletes, in {@code realm}, self-registrations whose address is still unconfirmed after the realm's period, with
     * everything kept for them: Keycloak's sessions, consents and credentials, and, through the user-removed event
     * that only {@link UserManager} publishes, the activity log and Postfach data of the other modules. At most
     * {@value #BATCH} per run; then the realm's inactivity sweep ({@link InactiveAccounts}).
     */
    static int purge(KeycloakSession session, RealmModel realm, Instant now) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        String cutoff = UnconfirmedRegistrations.cutoff(now,
                UnconfirmedRegistrations.period(realm.getAttribute(UnconfirmedRegistrations.PERIOD_ATTRIBUTE)));
        List<String> overdue = em.createQuery("select a.user.id from UserAttributeEntity a where a.name = :name"
                        + " and a.user.realmId = :realm and a.value < :cutoff and a.user.emailVerified = false", String.class)
                .setParameter("name", UnconfirmedRegistrations.MARK).setParameter("realm", realm.getId())
                .setParameter("cutoff", cutoff).setMaxResults(BATCH).getResultList();
        int deleted = 0;
        for (String id : overdue) {
            UserModel user = session.users().getUserById(realm, id);
            if (user != null && !user.isEmailVerified() && new UserManager(session).removeUser(realm, user)) {
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
