package de.servicekonto.trustlevel.oidc;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.keycloak.OAuthErrorException;
import org.keycloak.protocol.oidc.endpoints.request.AuthorizationEndpointRequest;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.representations.ClaimsRepresentation;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.AuthorizationRequestContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.util.JsonSerialization;

/**
 * Client-policy executor refusing authorization requests that name an unknown trust level: the portal gets
 * {@code invalid_request} with a description instead of a silent password login (see {@link RequestedAcrValues}).
 */
final class AcrValuesExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    @Override
    public String getProviderId() {
        return AcrValuesExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (!(context instanceof AuthorizationRequestContext authorization)) {
            return;
        }
        AuthorizationEndpointRequest request = authorization.getAuthorizationEndpointRequest();
        List<String> known = List.copyOf(AcrUtils.getAcrLoaMap(authorization.getClient()).keySet());
        Optional<String> problem = RequestedAcrValues.problem(request.getAcr(), claimAcrValues(request.getClaims()), known);
        if (problem.isPresent()) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, problem.get());
        }
    }

    private static List<String> claimAcrValues(String claims) throws ClientPolicyException {
        if (claims == null || claims.isBlank()) {
            return List.of();
        }
        if (claims.length() > RequestedAcrValues.MAX_PARAMETER_LENGTH * 4) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, "claims parameter is too long");
        }
        ClaimsRepresentation parsed;
        try {
            parsed = JsonSerialization.readValue(claims, ClaimsRepresentation.class);
        } catch (IOException e) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, "claims parameter is not valid JSON");
        }
        if (parsed == null) {
            return List.of();
        }
        // Keycloak's getClaimValue casts without checking: {"values":[1]} would reach us as a list holding an
        // Integer and fail with a ClassCastException (a 500), so read the members as plain objects.
        ClaimsRepresentation.ClaimValue<Object> acr =
                parsed.getClaimValue(IDToken.ACR, ClaimsRepresentation.ClaimContext.ID_TOKEN, Object.class);
        if (acr == null) {
            return List.of();
        }
        List<Object> raw = acr.getValues() != null ? acr.getValues()
                : acr.getValue() == null ? List.of() : List.of(acr.getValue());
        List<String> values = new ArrayList<>();
        for (Object value : raw) {
            if (!(value instanceof String text)) {
                throw new ClientPolicyException(OAuthErrorException.INVALID_REQUEST, "acr claim values must be strings");
            }
            values.add(text);
        }
        return values;
    }
}
