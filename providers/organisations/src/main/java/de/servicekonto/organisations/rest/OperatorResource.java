package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.AuthorityStatus;
import de.servicekonto.organisations.OperatorAccess;
import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.organisations.Text;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.rest.ApiResponses;
import de.servicekonto.rest.JsonBody;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;

/**
 * The operator side, {@code /sk-organisations/operator/...}: the authority review, bound clients, verified
 * organisation data. Every call needs the realm role {@value OrganisationsResource#REVIEWER_ROLE} or
 * {@value OrganisationsResource#VERIFIER_ROLE}, a token of the operator client and a login at hoch
 * ({@link OperatorAccess}); a login too weak is answered 401 {@code step_up_required} with an RFC 9470 challenge.
 */
public final class OperatorResource {

    private static final Logger LOG = Logger.getLogger(OperatorResource.class);

    /** A step of the authority review: {@code {"status": "VERIFIED", "reason": "..."}}. */
    public record TransitionRequest(String status, String reason) {
    }

    private final Organisations api;

    OperatorResource(Organisations api) {
        this.api = api;
    }

    /** The review queue: authorities in a state (default applied), oldest first. */
    @GET
    @Path("authorities")
    @Produces(MediaType.APPLICATION_JSON)
    public Response queue(@QueryParam("status") String status) {
        return api.run(() -> {
            reviewer();
            AuthorityStatus wanted = status == null ? AuthorityStatus.APPLIED : AuthorityStatus.parse(status);
            return ApiResponses.ok(Map.of("authorities", api.authorityList(wanted)));
        });
    }

    @GET
    @Path("authorities/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response authority(@PathParam("id") String id) {
        return api.run(() -> {
            reviewer();
            OrganisationAccount account = api.ours(id, AccountKind.AUTHORITY);
            return ApiResponses.ok(operatorView(id, account));
        });
    }

    /** Moves an authority on in its review ({@code {"status": "VERIFIED", "reason": "..."}}). */
    @POST
    @Path("authorities/{id}/transitions")
    @Produces(MediaType.APPLICATION_JSON)
    public Response transition(@PathParam("id") String id, InputStream body) {
        return api.run(() -> {
            UserModel operator = reviewer();
            api.ours(id, AccountKind.AUTHORITY);
            TransitionRequest request = JsonBody.read(body, Organisations.MAX_BODY).as(TransitionRequest.class);
            AuthorityStatus target = AuthorityStatus.parse(request.status());
            String reason = Text.field("reason", request.reason(), 500, false);
            OrganisationAccount account = api.store().transition(api.realm(), id, target, operator, reason);
            LOG.infof("Authority %s is now %s", id, target);
            return ApiResponses.ok(operatorView(id, account));
        });
    }

    /**
     * Binds a client (with a service account) to an authority, so its Fachverfahren acts for it; a client bound
     * already is refused ({@code 409 client_already_bound}) until it is unbound. Recorded in the audit.
     */
    @PUT
    @Path("authorities/{id}/clients/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response bind(@PathParam("id") String id, @PathParam("clientId") String clientId) {
        return binding(id, clientId, true);
    }

    /** Removes a client's binding to the authority (reviewers); recorded in the audit. */
    @DELETE
    @Path("authorities/{id}/clients/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response unbind(@PathParam("id") String id, @PathParam("clientId") String clientId) {
        return binding(id, clientId, false);
    }

    private Response binding(String id, String clientId, boolean bind) {
        return api.run(() -> {
            UserModel operator = reviewer();
            api.ours(id, AccountKind.AUTHORITY);
            ClientModel client = client(clientId);
            if (bind && (!client.isServiceAccountsEnabled() || client.isPublicClient())) {
                throw new OrganisationException(400, "no_service_account", "the client has no service account");
            }
            api.store().lock(api.realm(), id);
            if (bind) {
                api.store().bindClient(api.realm(), id, client, operator);
            } else {
                api.store().unbindClient(api.realm(), id, client, operator);
            }
            return ApiResponses.noContent();
        });
    }

    /** An organisation's registered data, for the operator who checks it before marking it verified. */
    @GET
    @Path("organisations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response organisationForVerifier(@PathParam("id") String id) {
        return api.run(() -> {
            api.caller().operator(OrganisationsResource.VERIFIER_ROLE);
            OrganisationAccount account = api.ours(id, AccountKind.ORGANISATION);
            return ApiResponses.ok(operatorView(id, account));
        });
    }

    /** Marks an organisation's master data as verified by the calling operator, now. */
    @POST
    @Path("organisations/{id}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(@PathParam("id") String id) {
        return api.run(() -> {
            UserModel operator = api.caller().operator(OrganisationsResource.VERIFIER_ROLE).user();
            api.ours(id, AccountKind.ORGANISATION);
            OrganisationAccount account = api.store().verify(api.realm(), id, operator);
            return ApiResponses.ok(operatorView(id, account));
        });
    }

    private UserModel reviewer() {
        return api.caller().operator(OrganisationsResource.REVIEWER_ROLE).user();
    }

    private ClientModel client(String clientId) {
        ClientModel client = clientId == null || clientId.length() > 255 ? null : api.realm().getClientByClientId(clientId);
        if (client == null) {
            throw new OrganisationException(404, "unknown_client", "no client with this client id");
        }
        return client;
    }

    /** What an operator sees: the account, its review history and its audit events. */
    private Views.Organisation operatorView(String id, OrganisationAccount account) {
        return api.view(api.organizations().getById(id), account, null).withEvents(api.store().events(id));
    }
}
