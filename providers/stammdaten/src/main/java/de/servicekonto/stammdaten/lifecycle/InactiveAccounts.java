package de.servicekonto.stammdaten.lifecycle;

import de.servicekonto.stammdaten.jpa.AccountLifecycles;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Warns and finally deletes accounts without a login for the realm's period ({@link Inactivity}). */
final class InactiveAccounts {

    static final int BATCH = 500;
    static final String TEMPLATE = "sk-inactivity-warning.ftl";
    static final String SUBJECT = "skInactivityWarningSubject";
    private static final DateTimeFormatter GERMAN_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZoneId.of("Europe/Berlin"));
    private static final Logger LOG = Logger.getLogger(InactiveAccounts.class);

    private InactiveAccounts() {
    }

    /**
     * Records a login (at most once per {@link Inactivity#loginPrecision()}) and forgets earlier warnings; drops the
     * former attribute {@value FirstMarks#LEGACY_LAST_LOGIN}, which the table replaces, once the table holds the login.
     */
    static void loggedIn(KeycloakSession session, RealmModel realm, UserModel user, Instant time) {
        boolean recorded = AccountLifecycles.loggedIn(session, realm.getId(), user.getId(), time, rule(realm).loginPrecision(),
                user.isEmailVerified());
        // The former attribute goes only once the table holds the login: until then it is what the census carries over.
        if (recorded && user.getFirstAttribute(FirstMarks.LEGACY_LAST_LOGIN) != null) {
            user.removeAttribute(FirstMarks.LEGACY_LAST_LOGIN);
        }
        if (user.getFirstAttribute(Inactivity.WARNINGS_SENT) != null) {
            user.removeAttribute(Inactivity.WARNINGS_SENT);
            user.removeAttribute(Inactivity.WARNED_AT);
        }
    }

    /**
     * Only realms that opted in (Servicekonto's listener enabled and {@value Inactivity#DELETE_AFTER} set) are swept;
     * every account is handled in a transaction of its own, so one failure does not undo the others' warnings.
     */
    static void sweep(KeycloakSession session, RealmModel realm, Instant now) {
        if (realm.getAttribute(Inactivity.DELETE_AFTER) == null
                || realm.getEventsListenersStream().noneMatch(RegistrationLifecycleFactory.ID::equals)) {
            return;
        }
        // Logins are recorded only since Servicekonto runs in this realm: until then nobody counts as inactive, and
        // accounts without a recorded login count from that moment (or their creation, if later).
        Instant countingSince = countingSince(realm, now);
        Inactivity rule = rule(realm);
        Instant concern = rule.earliestConcern(now);
        if (countingSince.isAfter(concern)) {
            return;
        }
        String realmId = realm.getId();
        AccountLifecycles.Position after = AccountLifecycles.Position.START;
        List<AccountLifecycles.Position> page;
        do {
            page = AccountLifecycles.inactiveSince(session, realmId, concern, after, BATCH);
            for (AccountLifecycles.Position position : page) {
                handleOne(session, realm, position.userId(), rule, countingSince, now);
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1);
        } while (page.size() == BATCH);
    }

    /** One candidate in a transaction of its own, so one failure does not undo the others' warnings. */
    private static void handleOne(KeycloakSession session, RealmModel realm, String id, Inactivity rule,
                                  Instant countingSince, Instant now) {
        String realmId = realm.getId();
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                RealmModel ownRealm = own.realms().getRealm(realmId);
                own.getContext().setRealm(ownRealm);
                UserModel user = own.users().getUserById(ownRealm, id);
                Optional<Instant> lastActive = AccountLifecycles.lastActive(own, id);
                if (user == null || lastActive.isEmpty()) {
                    AccountLifecycles.forgetUser(own, id); // removed without our listener hearing of it
                } else {
                    handle(own, ownRealm, user, lastActive.get(), rule, countingSince, now);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Inactivity handling of account %s in realm %s failed: %s", id, realm.getName(), e.getClass().getSimpleName());
        }
    }

    private static void handle(KeycloakSession session, RealmModel realm, UserModel user, Instant lastActive,
                               Inactivity rule, Instant countingSince, Instant now) {
        if (user.getServiceAccountClientLink() != null || user.getFederationLink() != null || isOperator(realm, user)) {
            return;
        }
        if (lastActive.isBefore(countingSince)) {
            lastActive = countingSince;
        }
        boolean warnable = user.getEmail() != null && !user.getEmail().isBlank();
        Optional<Inactivity.Action> action = rule.due(lastActive, warningsSent(user), warnedAt(user), warnable, now);
        if (action.isEmpty()) {
            return;
        }
        if (action.get().delete()) {
            // UserManager, not the user provider: only it publishes the event the other modules clean up on.
            new UserManager(session).removeUser(realm, user);
            LOG.infof("Deleted account %s of realm %s after %s without login", user.getId(), realm.getName(), rule.deleteAfter());
        } else if (warn(session, realm, user, action.get())) {
            user.setSingleAttribute(Inactivity.WARNINGS_SENT, String.valueOf(action.get().warningsDue()));
            user.setSingleAttribute(Inactivity.WARNED_AT, String.valueOf(now.toEpochMilli()));
        }
    }

    /** Administrators of the realm (any role of its realm-management client) are never removed automatically. */
    private static boolean isOperator(RealmModel realm, UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return management != null && user.getClientRoleMappingsStream(management).findAny().isPresent();
    }

    private static Instant warnedAt(UserModel user) {
        try {
            String value = user.getFirstAttribute(Inactivity.WARNED_AT);
            return value == null ? null : Instant.ofEpochMilli(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Sends the warning through Keycloak's {@link EmailTemplateProvider}: the realm's e-mail theme (our templates
     * {@code html/} and {@code text/}{@value #TEMPLATE} from this jar when the theme has none), its SMTP settings, the
     * language Keycloak chooses for the account (its own language, else the realm's default; no browser is involved).
     * The templates format their texts with {@code msg}; the warning carries no link, so nothing here needs the HTTP
     * request a scheduled task does not have.
     */
    private static boolean warn(KeycloakSession session, RealmModel realm, UserModel user, Inactivity.Action action) {
        try {
            String date = GERMAN_DATE.format(action.deletion());
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("username", user.getUsername());
            attributes.put("deletionDate", date);
            attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, Boolean.TRUE);
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .send(SUBJECT, List.of(date), TEMPLATE, attributes);
            return true;
        } catch (EmailException | RuntimeException e) {
            // The mail error may name the address: log the kind of failure only.
            LOG.warnf("Inactivity warning to account %s of realm %s not sent (next run tries again): %s",
                    user.getId(), realm.getName(), e.getClass().getSimpleName());
            return false;
        }
    }

    private static int warningsSent(UserModel user) {
        try {
            String sent = user.getFirstAttribute(Inactivity.WARNINGS_SENT);
            return sent == null ? 0 : Integer.parseInt(sent);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Realm attribute {@value Inactivity#COUNTING_SINCE} (epoch ms), set on the realm's first sweep. */
    private static Instant countingSince(RealmModel realm, Instant now) {
        String value = realm.getAttribute(Inactivity.COUNTING_SINCE);
        try {
            if (value != null) {
                return Instant.ofEpochMilli(Long.parseLong(value.strip()));
            }
        } catch (NumberFormatException e) {
            // unreadable: start counting now, the safe side
        }
        realm.setAttribute(Inactivity.COUNTING_SINCE, String.valueOf(now.toEpochMilli()));
        return now;
    }

    static Inactivity rule(RealmModel realm) {
        return Inactivity.of(realm.getAttribute(Inactivity.DELETE_AFTER), realm.getAttribute(Inactivity.WARN_BEFORE));
    }
}
