package de.servicekonto.eid.server;

import de.servicekonto.eid.EidResult;
import java.util.Objects;

/**
 * The eID-Server's answer to a getResult request.
 *
 * @param result                  the outcome, mapped from the result codes with {@link EidResult#ofServerResult}
 * @param resultMajor             the {@code ResultMajor} URI as received
 * @param resultMinor             the {@code ResultMinor} URI as received, or null
 * @param person                  the data read from the card; only when the result is OK and the answer carried
 *                                {@code PersonalData}, else null
 * @param fulfilsAgeVerification  whether the citizen has reached the requested minimum age; null if the answer did
 *                                not say (no age was requested, or the result is not OK)
 * @param levelOfAssuranceResult  the level of assurance the server asserts (a URI), or null
 */
public record GetResultResponse(EidResult result, String resultMajor, String resultMinor, EidPerson person,
                                Boolean fulfilsAgeVerification, String levelOfAssuranceResult) {

    public GetResultResponse {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(resultMajor, "resultMajor");
        if (result != EidResult.OK && (person != null || fulfilsAgeVerification != null)) {
            throw new IllegalArgumentException("only a successful result carries personal data");
        }
    }

    /** Maps the result codes to {@link EidResult} and builds the answer. */
    public static GetResultResponse of(String resultMajor, String resultMinor, EidPerson person,
                                       Boolean fulfilsAgeVerification, String levelOfAssuranceResult) {
        return new GetResultResponse(EidResult.ofServerResult(resultMajor, resultMinor), resultMajor, resultMinor,
                person, fulfilsAgeVerification, levelOfAssuranceResult);
    }

    /** True if the eID-Server reports success. Whether the age was verified is a separate question. */
    public boolean ok() {
        return result == EidResult.OK;
    }
}
