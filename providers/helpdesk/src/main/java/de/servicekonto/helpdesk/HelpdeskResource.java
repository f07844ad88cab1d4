package de.servicekonto.helpdesk;

import de.servicekonto.activity.ActivityLog;
import de.servicekonto.activity.ActivityType;
import de.servicekonto.organisations.OperatorAccess;
import de.servicekonto.rest.ApiException;
import de.servicekonto.rest.ApiResponses;
import de.servicekonto.rest.BearerCaller;
import de.servicekonto.rest.QueryParams;
import de.servicekonto.rest.RequestRunner;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code /realms/{realm}/sk-helpdesk}: the first-level help desk of a realm (OpenAPI: docs/api/helpdesk-api.yaml).
 * Keycloak's admin roles cannot give what the help desk needs without the rest ({@code view-users} shows every
 * attribute, i.e. the Stammdaten), so its members hold no admin role, only the realm role {@value #ROLE}, and this
 * resource answers with exactly what the task needs: user name, e-mail address, whether it is confirmed, whether
 * the account is enabled or locked, when it was created and last logged in. Nothing of the Stammdaten, the Postfach
 * or the Dokumentensafe.
 *
 * <p>Who may call: a person holding {@value #ROLE}, with a token of the realm's operator client from a login at trust
 * level hoch ({@link OperatorAccess}: a help-desk token can lock any citizen out). Lock, unlock and a resent
 * confirmation are written into the owner's activity log.
 */
public final class HelpdeskResource implements RealmResourceProvider {

    /** Realm role of the help desk's members (in the realm template). */
    public static final String ROLE = "sk-helpdesk";

    private static final Logger LOG = Logger.getLogger(HelpdeskResource.class);

    /**
     * One account as the help desk sees it; times in epoch milliseconds; {@code lockedBy} {@code helpdesk} or {@code
     * administrator}; a null member is left out of the JSON.
     */
    public record AccountView(String id, String username, String email, boolean emailVerified, boolean enabled,
                              boolean locked, Long lockedAt, String lockedBy, boolean temporarilyLocked, Long created,
                              Long lastLogin) {
    }

    private final KeycloakSession session;
    private final RequestRunner<Response> runner;

    HelpdeskResource(KeycloakSession session) {
        this.session = session;
        this.runner = RequestRunner.forSession(session, HelpdeskResourceFactory.ID);
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public Response openApi() {
        return ApiResponses.openApi(HelpdeskResource.class, "helpdesk-api.yaml", HelpdeskResourceFactory.ID);
    }

    /** Accounts whose user name or e-mail address matches {@code search}; at most {@code max}, from {@code first}. */
    @GET
    @Path("accounts")
    @Produces(MediaType.APPLICATION_JSON)
    public Response search(@QueryParam("search") String search, @QueryParam("first") String first,
                           @QueryParam("max") String max) {
        return run(() -> {
            helpdesk();
            String text = AccountRules.search(search);
            int from = QueryParams.bounded("first", first, 0, 0, 200);
            int count = QueryParams.bounded("max", max, 20, 1, 50);
            List<AccountView> accounts = session.users()
                    .searchForUserStream(realm(), Map.of(UserModel.SEARCH, text), from, count)
                    .map(this::view).toList();
            return ApiResponses.ok(Map.of("accounts", accounts));
        });
    }

    @GET
    @Path("accounts/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response account(@PathParam("id") String id) {
        return run(() -> {
            helpdesk();
            return ApiResponses.ok(view(find(id)));
        });
    }

    /** Disables the account and ends its sessions, marked as the help desk's lock. */
    @POST
    @Path("accounts/{id}/lock")
    @Produces(MediaType.APPLICATION_JSON)
    public Response lock(@PathParam("id") String id) {
        return run(() -> {
            BearerCaller caller = helpdesk();
            UserModel user = find(id);
            AccountRules.lock(state(user));
            user.setEnabled(false);
            user.setSingleAttribute(AccountRules.LOCK_ATTRIBUTE, Long.toString(Time.currentTimeMillis()));
            // A disabled account's tokens are refused at once by Keycloak's own endpoints; its sessions go too, so no
            // refresh token and no SSO cookie outlives the lock.
            session.sessions().removeUserSessions(realm(), user);
            session.sessions().getOfflineUserSessionsStream(realm(), user).toList()
                    .forEach(offline -> session.sessions().removeOfflineUserSession(realm(), offline));
            ActivityLog.helpdesk(session, realm(), user, ActivityType.HELPDESK_LOCKED);
            LOG.infof("Help-desk member %s locked account %s", caller.user().getId(), user.getId());
            return ApiResponses.ok(view(user));
        });
    }

    /** Lifts the help desk's lock and a lockout after failed logins (brute-force protection). */
    @POST
    @Path("accounts/{id}/unlock")
    @Produces(MediaType.APPLICATION_JSON)
    public Response unlock(@PathParam("id") String id) {
        return run(() -> {
            BearerCaller caller = helpdesk();
            UserModel user = find(id);
            AccountRules.Unlock lift = AccountRules.unlock(state(user));
            if (lift.helpdeskLock()) {
                user.removeAttribute(AccountRules.LOCK_ATTRIBUTE);
                user.setEnabled(true);
            }
            if (lift.bruteForceLock()) {
                session.loginFailures().removeUserLoginFailure(realm(), user.getId());
            }
            ActivityLog.helpdesk(session, realm(), user, ActivityType.HELPDESK_UNLOCKED);
            LOG.infof("Help-desk member %s unlocked account %s", caller.user().getId(), user.getId());
            return ApiResponses.ok(view(user));
        });
    }

    /** Sends the e-mail confirmation link again, as Keycloak's own verification e-mail. */
    @POST
    @Path("accounts/{id}/resend-confirmation")
    @Produces(MediaType.APPLICATION_JSON)
    public Response resendConfirmation(@PathParam("id") String id) {
        return run(() -> {
            BearerCaller caller = helpdesk();
            UserModel user = find(id);
            AccountRules.resendConfirmation(state(user));
            ConfirmationMail.send(session, realm(), user);
            ActivityLog.helpdesk(session, realm(), user, ActivityType.HELPDESK_CONFIRMATION_RESENT);
            LOG.infof("Help-desk member %s resent the confirmation e-mail of account %s", caller.user().getId(), user.getId());
            return ApiResponses.accepted(Map.of("sent", true));
        });
    }

    private Response run(Supplier<Response> call) {
        return runner.run(call);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    /** A help-desk member: role, operator client and trust level hoch, checked as for operators. */
    private BearerCaller helpdesk() {
        BearerCaller caller = BearerCaller.authenticate(session, null, "a valid bearer token of this realm is required");
        OperatorAccess.check(caller.isServiceAccount(), caller.hasRealmRole(ROLE), ROLE, caller.clientId(),
                OperatorAccess.operatorClient(caller.realm().getAttribute(OperatorAccess.CLIENT_ATTRIBUTE)), caller.acr());
        return caller;
    }

    /** A person's account of this realm; service accounts are no one's account and are not found either. */
    private UserModel find(String id) {
        UserModel user = AccountRules.plausibleId(id) ? session.users().getUserById(realm(), id) : null;
        if (user == null || user.getServiceAccountClientLink() != null) {
            throw ApiException.notFound("no such account");
        }
        return user;
    }

    private AccountRules.State state(UserModel user) {
        return new AccountRules.State(user.isEnabled(), user.getFirstAttribute(AccountRules.LOCK_ATTRIBUTE) != null,
                bruteForceLocked(user), privileged(user), user.getEmail(), user.isEmailVerified());
    }

    private boolean bruteForceLocked(UserModel user) {
        return realm().isBruteForceProtected()
                && session.getProvider(BruteForceProtector.class).isTemporarilyDisabled(session, realm(), user);
    }

    /**
     * Holds one of Servicekonto's staff roles (realm roles named {@code sk-…}: help desk, authority reviewer,
     * organisation verifier) or any role of the realm's administration client, directly, by group or composite. The
     * help desk must not lock staff out (a denial of service on the operators) nor lift a staff member's failed-login
     * lockout (help for someone guessing their password).
     */
    private boolean privileged(UserModel user) {
        if (realm().getRolesStream().filter(role -> AccountRules.staffRole(role.getName())).anyMatch(user::hasRole)) {
            return true;
        }
        ClientModel administration = realm().getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return administration != null && administration.getRolesStream().anyMatch(user::hasRole);
    }

    private AccountView view(UserModel user) {
        String lockedAt = user.getFirstAttribute(AccountRules.LOCK_ATTRIBUTE);
        AccountRules.LockedBy lockedBy = AccountRules.lockedBy(user.isEnabled(), lockedAt != null);
        return new AccountView(user.getId(), user.getUsername(), user.getEmail(), user.isEmailVerified(),
                user.isEnabled(), lockedAt != null, parse(lockedAt),
                lockedBy == null ? null : lockedBy.name().toLowerCase(Locale.ROOT), bruteForceLocked(user),
                user.getCreatedTimestamp(), lastLogin(user));
    }

    /** The newest stored login event (the realm keeps events for its {@code eventsExpiration}); null if none. */
    private Long lastLogin(UserModel user) {
        EventStoreProvider events = session.getProvider(EventStoreProvider.class);
        if (events == null) {
            return null;
        }
        return events.createQuery().realm(realm().getId()).user(user.getId()).type(EventType.LOGIN)
                .maxResults(1).getResultStream().findFirst().map(event -> event.getTime()).orElse(null);
    }

    private static Long parse(String millis) {
        try {
            return millis == null ? null : Long.valueOf(millis);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
    }
}
