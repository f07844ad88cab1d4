package de.servicekonto.dokumentensafe.rest;

import de.servicekonto.rest.ApiResponses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code /realms/{realm}/dokumentensafe}: the Dokumentensafe REST API (OpenAPI: {@code openapi.yaml}, also
 * {@code docs/api/dokumentensafe-api.yaml}). Every call but the OpenAPI document needs a bearer token of this realm
 * ({@link SafeRequest}); the caller's own safe is {@code me}, an organisation account's
 * {@code organisations/{orgId}}, both with the same operations ({@link SafeResource}).
 */
public final class DokumentensafeResource implements RealmResourceProvider {

    private final KeycloakSession session;

    DokumentensafeResource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public Response openApi() {
        return ApiResponses.openApi(DokumentensafeResource.class, "dokumentensafe-api.yaml", SafeRequest.AUDIENCE);
    }

    @Path("me")
    public SafeResource me() {
        return new SafeResource(new SafeRequest(session, null));
    }

    /** An organisation account's safe: its members read, its administrators manage (who may is decided per call). */
    @Path("organisations/{orgId}")
    public SafeResource organisation(@PathParam("orgId") String orgId) {
        return new SafeResource(new SafeRequest(session, orgId));
    }

    @Override
    public void close() {
    }
}
