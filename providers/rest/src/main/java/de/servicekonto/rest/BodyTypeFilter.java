package de.servicekonto.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/**
 * Applies {@link BodyTypeRule} before routing, so neither the eager form parser nor Keycloak's security-headers
 * filter meets a body or header it cannot read. Keycloak's build indexes provider jars, so this JAX-RS provider is
 * registered like one of Keycloak's own (checked by BodyTypeIT through the real server).
 */
@Provider
@PreMatching
public final class BodyTypeFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> contentTypes = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        BodyTypeRule.check(path(request), contentTypes, BodyTypeFilter::parses).ifPresent(refusal -> {
            // Keycloak's security-headers response filter reads the request's media type for every response, also
            // for this one: without the header it takes the response's type instead of throwing.
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            request.abortWith(Response.status(Response.Status.UNSUPPORTED_MEDIA_TYPE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .entity(Map.of("error", refusal.error(), "error_description", refusal.description()))
                    .build());
        });
    }

    /**
     * The decoded path without matrix parameters ({@code /realms/x/postfach;a=b/...} routes like
     * {@code /realms/x/postfach/...}), so a parameter cannot hide one of our endpoints from the rule.
     */
    private static String path(ContainerRequestContext request) {
        StringBuilder path = new StringBuilder();
        for (PathSegment segment : request.getUriInfo().getPathSegments()) {
            path.append('/').append(segment.getPath());
        }
        return path.toString();
    }

    /** The server's own parser decides, so the guard refuses exactly what would otherwise fail later. */
    private static boolean parses(String value) {
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
