package de.servicekonto.postfach;

import java.util.Map;

/**
 * A refusal the client can act on: HTTP status, a stable error code and a description, plus optional extra members
 * (for {@code step_up_required}: the {@code acr} to ask for).
 */
public final class PostfachException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> extra;

    public PostfachException(int status, String code, String description) {
        this(status, code, description, Map.of());
    }

    public PostfachException(int status, String code, String description, Map<String, Object> extra) {
        super(description, null, false, false);
        this.status = status;
        this.code = code;
        this.extra = extra;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> extra() {
        return extra;
    }

    public static PostfachException notFound() {
        return new PostfachException(404, "not_found", "no such message in this mailbox");
    }

    public static PostfachException invalid(String description) {
        return new PostfachException(400, "invalid_request", description);
    }
}
