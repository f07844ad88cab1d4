package de.servicekonto.organisations;

import de.servicekonto.rest.ApiException;
import java.util.Map;

/**
 * A refused request of the organisations API, with a stable error code for clients ({@code error}) and an English
 * explanation ({@code error_description}); {@code status} is the HTTP status the REST resource answers with. The
 * rules throw it without knowing about REST; the resource's {@code RequestRunner} answers it.
 */
public final class OrganisationException extends ApiException {

    /** Error code of a refusal that a stronger login would lift. */
    public static final String STEP_UP_REQUIRED = ApiException.STEP_UP_REQUIRED;

    public OrganisationException(int status, String code, String description) {
        super(status, code, description);
    }

    private OrganisationException(String acr, String description) {
        // RFC 9470, the same shape as the Postfach's; the body names the trust level for the person.
        super(401, STEP_UP_REQUIRED, description,
                Map.of("acr", acr, "trustLevel", OperatorAccess.REQUIRED.germanName()), acr);
    }

    /**
     * 401 {@code step_up_required}: the token's login is too weak; a new login asking for {@code acr} would do
     * (answered as an RFC 9470 challenge).
     */
    public static OrganisationException stepUp(String acr, String description) {
        return new OrganisationException(acr, description);
    }

    public static OrganisationException invalid(String description) {
        return new OrganisationException(400, "invalid_request", description);
    }
}
