package de.servicekonto.organisations;

/**
 * A refused request with a stable error code for clients ({@code error}) and an English explanation
 * ({@code error_description}); {@code status} is the HTTP status the REST resource answers with.
 */
public final class OrganisationException extends RuntimeException {

    private final int status;
    private final String code;
    private final String stepUpAcr;

    public OrganisationException(int status, String code, String description) {
        this(status, code, description, null);
    }

    private OrganisationException(int status, String code, String description, String stepUpAcr) {
        super(description, null, false, false);
        this.status = status;
        this.code = code;
        this.stepUpAcr = stepUpAcr;
    }

    /**
     * 401 {@code step_up_required}: the token's login is too weak; a new login asking for {@code acr} would do
     * (answered as an RFC 9470 challenge).
     */
    public static OrganisationException stepUp(String acr, String description) {
        return new OrganisationException(401, STEP_UP_REQUIRED, description, acr);
    }

    /** Error code of a refusal that a stronger login would lift. */
    public static final String STEP_UP_REQUIRED = "step_up_required";

    /** For {@code step_up_required}: the {@code acr} a new login must ask for; otherwise null. */
    public String stepUpAcr() {
        return stepUpAcr;
    }

    public static OrganisationException invalid(String description) {
        return new OrganisationException(400, "invalid_request", description);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
