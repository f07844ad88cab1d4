package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.rest.ApiResponses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ClientModel;
import org.keycloak.models.OrganizationModel;

/**
 * The client side, {@code /sk-organisations/client/...}: what a Fachverfahren asks with its own service-account
 * token (client credentials; a token of the service account issued to another client does not count).
 */
public final class ClientResource {

    private final Organisations api;

    ClientResource(Organisations api) {
        this.api = api;
    }

    /**
     * The authority the calling client acts for. 403 {@code client_not_bound} without binding, 403
     * {@code authority_not_active} while the authority may not act.
     */
    @GET
    @Path("authority")
    @Produces(MediaType.APPLICATION_JSON)
    public Response authority() {
        return api.run(() -> {
            ClientModel client = api.caller().serviceClient();
            if (client == null) {
                throw new OrganisationException(403, "service_account_required", "only a client's own token can ask this");
            }
            String orgId = api.store().boundAuthority(api.realm(), client)
                    .orElseThrow(() -> new OrganisationException(403, "client_not_bound", "this client acts for no authority"));
            if (!api.store().isActiveAuthority(api.realm(), orgId)) {
                throw new OrganisationException(403, "authority_not_active", "the authority of this client may not act");
            }
            OrganisationAccount account = api.store().account(api.realm(), orgId).orElseThrow();
            OrganizationModel org = api.organizations().getById(orgId);
            return ApiResponses.ok(new Views.Authority(orgId, org.getName(), account.agencyKey(), account.status().name()));
        });
    }
}
