package de.servicekonto.postfach;

import de.servicekonto.rest.ApiException;
import java.util.Map;

/**
 * A refusal of the Postfach the client can act on: the shared {@link ApiException} (HTTP status, a stable error code,
 * a description, optional extra members), thrown by the plain rules. A thin subclass so the API document test finds
 * every code the Postfach raises ({@code PostfachApiDocumentTest}).
 */
public final class PostfachException extends ApiException {

    public PostfachException(int status, String code, String description) {
        super(status, code, description);
    }

    public PostfachException(int status, String code, String description, Map<String, Object> extra) {
        super(status, code, description, extra);
    }

    private PostfachException(int status, String code, String description, Map<String, Object> extra, String acr) {
        super(status, code, description, extra, acr);
    }

    public static PostfachException notFound() {
        return new PostfachException(404, "not_found", "no such message in this mailbox");
    }

    public static PostfachException invalid(String description) {
        return new PostfachException(400, "invalid_request", description);
    }

    /**
     * 401 {@code step_up_required} (RFC 9470): a login at {@code acr} would lift it; the body names the acr and
     * {@code extra} (the trust level's German name).
     */
    public static PostfachException stepUp(String acr, String description, Map<String, Object> extra) {
        return new PostfachException(401, STEP_UP_REQUIRED, description, stepUpMembers(acr, extra), acr);
    }
}
