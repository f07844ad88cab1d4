package de.servicekonto.organisations;

/**
 * A refused request with a stable error code for clients ({@code error}) and an English explanation
 * ({@code error_description}); {@code status} is the HTTP status the REST resource answers with.
 */
public final class OrganisationException extends RuntimeException {

    private final int status;
    private final String code;

    public OrganisationException(int status, String code, String description) {
        super(description, null, false, false);
        this.status = status;
        this.code = code;
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
