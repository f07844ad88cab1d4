package de.servicekonto.activity;

import de.servicekonto.rest.ApiException;
import de.servicekonto.rest.ApiResponses;
import de.servicekonto.rest.BearerCaller;
import de.servicekonto.rest.RequestRunner;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code GET /realms/{realm}/sk-account/activity?first=0&max=50}: the caller's own activity log, newest first.
 *
 * <p>Bearer token of this realm for the account ({@code aud} {@value Constants#ACCOUNT_MANAGEMENT_CLIENT_ID}) with
 * the account role {@code manage-account} or {@code view-profile}, like Keycloak's account REST API; a user sees only their own entries.
 * Errors: 401 {@code unauthorized}, 403 {@code forbidden}, 400 {@code invalid_request}; JSON {@code {"error","error_description"}}
 * from the shared {@code RequestRunner}.
 */
public final class ActivityResource implements RealmResourceProvider {

    /** Realm attribute: further clients (comma-separated ids) allowed to read the owner's activity log. */
    public static final String READERS_ATTRIBUTE = "sk.activity.readerClients";

    private final KeycloakSession session;

    ActivityResource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Path("activity")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("first") String first, @QueryParam("max") String max) {
        return RequestRunner.forSession(session, ActivityResourceFactory.ID).run(() -> {
            RealmModel realm = session.getContext().getRealm();
            BearerCaller caller = BearerCaller.authenticate(session, Constants.ACCOUNT_MANAGEMENT_CLIENT_ID,
                    "a valid bearer token of this realm is required");
            // As Keycloak's account REST API: manage-account (what the account console's token carries) or view-profile.
            if (!caller.hasAccountRole(AccountRoles.MANAGE_ACCOUNT, AccountRoles.VIEW_PROFILE) || caller.isServiceAccount()) {
                throw new ApiException(403, "forbidden", "the token does not allow reading the account");
            }
            // The log shows every portal the citizen used: only the citizen's own account applications may read it,
            // not any portal that holds one of the citizen's tokens.
            if (!caller.issuedTo(readers(realm))) {
                throw new ApiException(403, "forbidden", "this client may not read the activity log");
            }
            Page page = Page.of(first, max);
            List<ActivityEntry> entries = new ActivityStore(session).list(realm.getId(), caller.user().getId(), page).stream()
                    .map(entity -> ActivityEntry.of(entity, portalName(realm, entity.getClientId()))).toList();
            return ApiResponses.ok(Map.of("first", page.first(), "max", page.max(), "entries", entries));
        });
    }

    /**
     * The clients whose tokens may read the log: the account console, and those the realm lists in
     * {@value #READERS_ATTRIBUTE} (comma-separated client ids).
     */
    static Set<String> readers(RealmModel realm) {
        Set<String> readers = new HashSet<>();
        readers.add(Constants.ACCOUNT_CONSOLE_CLIENT_ID);
        String listed = realm.getAttribute(READERS_ATTRIBUTE);
        if (listed != null) {
            for (String clientId : listed.split(",")) {
                if (!clientId.isBlank()) {
                    readers.add(clientId.strip());
                }
            }
        }
        return readers;
    }

    private static String portalName(RealmModel realm, String clientId) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        String name = client == null ? null : client.getName();
        // Keycloak's own clients are named by message keys ("${client_account-console}"): no name for the owner to read.
        return name == null || name.startsWith("${") ? null : name;
    }

    @Override
    public void close() {
    }
}
