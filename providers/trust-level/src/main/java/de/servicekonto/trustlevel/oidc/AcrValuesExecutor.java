package de.servicekonto.trustlevel.oidc;

import java.io.IOException;
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
        ClaimsRepresentation.ClaimValue<String> acr =
                parsed.getClaimValue(IDToken.ACR, ClaimsRepresentation.ClaimContext.ID_TOKEN, String.class);
        if (acr == null) {
            return List.of();
        }
        if (acr.getValues() != null) {
            return acr.getValues();
        }
        return acr.getValue() == null ? List.of() : List.of(acr.getValue());
    }
}
