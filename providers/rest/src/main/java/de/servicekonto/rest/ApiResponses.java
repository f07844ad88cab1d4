package de.servicekonto.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The successful answers of our JSON APIs, all {@code no-store}. */
public final class ApiResponses {

    private ApiResponses() {
    }

    public static Response ok(Object entity) {
        return json(200, entity);
    }

    public static Response created(Object entity) {
        return json(201, entity);
    }

    public static Response accepted(Object entity) {
        return json(202, entity);
    }

    public static Response noContent() {
        return Response.noContent().cacheControl(RequestRunner.noStore()).build();
    }

    private static Response json(int status, Object entity) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(entity)
                .cacheControl(RequestRunner.noStore()).build();
    }
}
