package de.servicekonto.trustlevel.passkey;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Closes Keycloak's deprecated account REST call {@code DELETE /realms/{realm}/account[/{version}]/credentials/{id}}.
 * Keycloak 26.7.3 still serves it and removes the credential after checking only the token's {@code acr} against
 * the level the credential's own type is used at, which for a passkey is niedrig: a password session (the account
 * console's token) could remove the citizen's passkey, and with it the second factor. Removal goes through the
 * application-initiated action {@code delete_credential} instead, which the account console uses and which asks for
 * a new login at the account's highest level ({@link GuardedDeleteCredentialAction}). Registered like Keycloak's own
 * filters (Keycloak's build indexes provider jars); the path is read without matrix parameters.
 */
@Provider
@PreMatching
public final class CredentialRemovalFilter implements ContainerRequestFilter {

    /** The deprecated call, with or without the API version segment Keycloak's account loader accepts. */
    static final Pattern DEPRECATED_REMOVAL =
            Pattern.compile("/realms/[^/]+/account(/v\\d[0-9a-zA-Z_\\-]*)?/credentials/[^/]+/?");

    static final String ERROR = "credential_removal_needs_action";

    @Override
    public void filter(ContainerRequestContext request) {
        if (refused(request.getMethod(), path(request))) {
            request.abortWith(Response.status(Response.Status.FORBIDDEN)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .entity(Map.of("error", ERROR, "error_description", "credentials are removed with the "
                            + "application-initiated action delete_credential (kc_action), which asks for a login at "
                            + "the account's highest level"))
                    .build());
        }
    }

    /** True for the deprecated removal call, whatever the case of the method. */
    static boolean refused(String method, String path) {
        return HttpMethod.DELETE.equalsIgnoreCase(method) && DEPRECATED_REMOVAL.matcher(path).matches();
    }

    private static String path(ContainerRequestContext request) {
        StringBuilder path = new StringBuilder();
        for (PathSegment segment : request.getUriInfo().getPathSegments()) {
            path.append('/').append(segment.getPath());
        }
        return path.toString();
    }
}
