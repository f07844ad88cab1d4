package de.servicekonto.trustlevel.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Checks the trust levels an OIDC authorization request names (the {@code acr_values} parameter and the
 * {@code acr} member of the {@code claims} parameter) against the identifiers the realm knows.
 *
 * <p>Keycloak 26.7.3 treats an {@code acr_values} entry it cannot map as level 0 and carries on, so a portal that
 * misspells "high" would silently get a password login; we refuse such a request instead.
 */
public final class RequestedAcrValues {

    /** Longer parameters are refused outright; real requests name a handful of short URIs. */
    static final int MAX_PARAMETER_LENGTH = 2048;
    static final int MAX_VALUES = 10;

    private RequestedAcrValues() {
    }

    /**
     * @param acrValuesParameter the space-separated {@code acr_values} parameter, or null
     * @param claimAcrValues     the values of the {@code acr} claim request, or empty
     * @param known              the ACR values the realm maps to a level
     * @return a description of the first problem, or empty if every value is known
     */
    public static Optional<String> problem(String acrValuesParameter, List<String> claimAcrValues, Collection<String> known) {
        if (acrValuesParameter != null && acrValuesParameter.length() > MAX_PARAMETER_LENGTH) {
            return Optional.of("acr_values is too long");
        }
        List<String> values = new ArrayList<>();
        if (acrValuesParameter != null) {
            for (String value : acrValuesParameter.trim().split(" +")) {
                if (!value.isEmpty()) {
                    values.add(value);
                }
            }
        }
        values.addAll(claimAcrValues);
        if (values.size() > MAX_VALUES) {
            return Optional.of("too many acr values");
        }
        for (String value : values) {
            if (value == null || value.length() > MAX_PARAMETER_LENGTH || !known.contains(value)) {
                return Optional.of("unknown acr value; supported: " + String.join(" ", known));
            }
        }
        return Optional.empty();
    }
}
