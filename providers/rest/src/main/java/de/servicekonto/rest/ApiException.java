package de.servicekonto.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request: the HTTP status, a stable error code ({@code error}), an English description
 * ({@code error_description}) and optional further members of the JSON body. Every Servicekonto API answers a refusal
 * as {@code {"error","error_description",...}}; {@link RequestRunner} turns this exception into that answer and rolls
 * back what the call wrote.
 *
 * <p>A {@code step_up_required} refusal ({@link #stepUp}) carries the {@code acr} a new login must ask for and is
 * answered as an RFC 9470 challenge ({@code WWW-Authenticate: Bearer ..., error="insufficient_user_authentication",
 * acr_values="..."}).
 */
public class ApiException extends RuntimeException {

    /** Error code of a refusal that a stronger login would lift (RFC 9470). */
    public static final String STEP_UP_REQUIRED = "step_up_required";

    private final int status;
    private final String code;
    private final Map<String, Object> extra;
    private final String stepUpAcr;

    public ApiException(int status, String code, String description) {
        this(status, code, description, Map.of(), null);
    }

    public ApiException(int status, String code, String description, Map<String, Object> extra) {
        this(status, code, description, extra, null);
    }

    protected ApiException(int status, String code, String description, Map<String, Object> extra, String stepUpAcr) {
        // No stack trace: a refusal is an answer, not a fault, and is thrown on every bad request.
        super(description, null, false, false);
        if (status < 400 || status > 599 || code == null || code.isBlank()) {
            throw new IllegalArgumentException("an API error needs a 4xx/5xx status and a code");
        }
        this.status = status;
        this.code = code;
        this.extra = Map.copyOf(extra);
        this.stepUpAcr = stepUpAcr;
    }

    /** 400 {@code invalid_request}. */
    public static ApiException invalid(String description) {
        return new ApiException(400, "invalid_request", description);
    }

    /** 401 {@code unauthorized}: no valid bearer token. */
    public static ApiException unauthorized(String description) {
        return new ApiException(401, "unauthorized", description);
    }

    /** 403 with the given code. */
    public static ApiException forbidden(String code, String description) {
        return new ApiException(403, code, description);
    }

    /** 404 {@code not_found}. */
    public static ApiException notFound(String description) {
        return new ApiException(404, "not_found", description);
    }

    /**
     * 401 {@code step_up_required}: the token's login is too weak; a new login asking for {@code acr} would do. The
     * body carries {@code acr} and whatever {@code extra} names (e.g. the trust level's German name).
     */
    public static ApiException stepUp(String acr, String description, Map<String, Object> extra) {
        return new ApiException(401, STEP_UP_REQUIRED, description, stepUpMembers(acr, extra), acr);
    }

    /** The body members of a step-up answer: {@code acr} first, then {@code extra}; for subclasses' own factories. */
    protected static Map<String, Object> stepUpMembers(String acr, Map<String, Object> extra) {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("acr", acr);
        members.putAll(extra);
        return members;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String description() {
        return getMessage();
    }

    /** Further members of the JSON body, after {@code error} and {@code error_description}. */
    public Map<String, Object> extra() {
        return extra;
    }

    /** For {@code step_up_required}: the {@code acr} a new login must ask for; otherwise null. */
    public String stepUpAcr() {
        return stepUpAcr;
    }

    /** The JSON body, in this order: {@code error}, {@code error_description}, then {@link #extra()}. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("error_description", getMessage());
        extra.forEach(body::putIfAbsent);
        return body;
    }

    /**
     * The {@code WWW-Authenticate} value of a 401 (RFC 6750 §3, for a step-up RFC 9470 §3), or null for any other
     * status. {@code realm} names the API ({@code postfach}, {@code sk-organisations}).
     */
    public String challenge(String realm) {
        if (status != 401) {
            return null;
        }
        String challenge = "Bearer realm=\"" + realm + "\"";
        if (stepUpAcr != null) {
            challenge += ", error=\"insufficient_user_authentication\", error_description=\"A stronger login is required\""
                    + ", acr_values=\"" + stepUpAcr + "\"";
        }
        return challenge;
    }
}
