package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.AuthorityStatus;
import de.servicekonto.organisations.OperatorAccess;
import de.servicekonto.rest.ApiResponses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code /realms/{realm}/sk-organisations}: organisation and authority accounts over REST (OpenAPI:
 * docs/api/organisations-api.yaml), one sub-resource per audience:
 * <ul>
 *   <li>{@code organisations/...} and {@code POST authorities}: a person's own organisations ({@link AccountResource});</li>
 *   <li>{@code client/...}: a Fachverfahren with its own token ({@link ClientResource});</li>
 *   <li>{@code operator/...}: reviewers and verifiers ({@link OperatorResource}, {@link OperatorAccess});</li>
 *   <li>{@code authorities/active}: anyone holding a token of this realm.</li>
 * </ul>
 * Every call carries a bearer token of this realm and runs in the shared {@code RequestRunner}: errors are JSON
 * {@code {"error","error_description"}}, and a refused call changes nothing (its transaction is rolled back).
 */
public final class OrganisationsResource implements RealmResourceProvider {

    /** Realm role of the operators who review authorities and bind their clients. */
    public static final String REVIEWER_ROLE = "sk-authority-reviewer";
    /** Realm role of the operators who mark organisation data as verified. */
    public static final String VERIFIER_ROLE = "sk-organisation-verifier";

    private final Organisations api;

    OrganisationsResource(KeycloakSession session) {
        this.api = new Organisations(session);
    }

    @Override
    public Object getResource() {
        return this;
    }

    @Path("organisations")
    public AccountResource organisations() {
        return new AccountResource(api);
    }

    @Path("client")
    public ClientResource client() {
        return new ClientResource(api);
    }

    @Path("operator")
    public OperatorResource operator() {
        return new OperatorResource(api);
    }

    /** Applies for an authority account; the applicant becomes its first administrator, state applied. */
    @POST
    @Path("authorities")
    @Produces(MediaType.APPLICATION_JSON)
    public Response apply(InputStream body) {
        return organisations().apply(body);
    }

    /** Authorities that may act now, for anyone holding a token of this realm (e.g. to address a Postfach). */
    @GET
    @Path("authorities/active")
    @Produces(MediaType.APPLICATION_JSON)
    public Response activeAuthorities() {
        return api.run(() -> {
            api.caller();
            return ApiResponses.ok(Map.of("authorities", api.authorityList(AuthorityStatus.ACTIVE)));
        });
    }

    @Override
    public void close() {
    }
}
