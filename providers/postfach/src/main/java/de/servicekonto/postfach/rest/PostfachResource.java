package de.servicekonto.postfach.rest;

import de.servicekonto.postfach.MailRetry;
import de.servicekonto.rest.ApiResponses;
import de.servicekonto.rest.RequestRunner;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code /realms/{realm}/postfach}: the Postfach REST API (OpenAPI: {@code openapi.yaml}, also
 * {@code docs/api/postfach-api.yaml}).
 *
 * <p>Every call but the OpenAPI document needs a bearer access token of this realm with audience
 * {@value PostfachCaller#AUDIENCE} and scope {@code postfach:read} (reading and managing one's messages) or
 * {@code postfach:send} (sending, replying, uploading), or the person's own account console token
 * ({@link PostfachCaller}). A mailbox is {@code me} (the caller's account), an authority id (staff, or the authority's
 * bound Fachverfahren client) or an organisation id (members holding the organisation's administrator role): its
 * operations are {@link MailboxResource}, a message's {@link MessageResource}. Errors are JSON
 * {@code {"error","error_description"}} with a stable code (the shared {@link RequestRunner}); bad input never gives
 * a 500.
 */
public final class PostfachResource implements RealmResourceProvider {

    private final KeycloakSession session;
    private final MailRetry retry;

    PostfachResource(KeycloakSession session, MailRetry retry) {
        this.session = session;
        this.retry = retry;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public Response openApi() {
        return ApiResponses.openApi(PostfachResource.class, "postfach-api.yaml", PostfachCaller.AUDIENCE);
    }

    /** A mailbox: who may use it is decided per call, inside the call's error handling. */
    @Path("mailboxes/{box}")
    public MailboxResource mailbox(@PathParam("box") String box) {
        return new MailboxResource(new PostfachRequest(session, retry, box));
    }

    @Override
    public void close() {
    }
}
