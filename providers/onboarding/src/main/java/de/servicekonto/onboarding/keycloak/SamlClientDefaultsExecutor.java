package de.servicekonto.onboarding.keycloak;

import de.servicekonto.onboarding.SamlClientDefaults;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.ClientModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.ClientCRUDContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Client-policy executor applying {@link SamlClientDefaults} to a SAML client's representation before Keycloak
 * creates or updates it (admin console, admin API, client registration), so the encryption profile's algorithms
 * are what Keycloak stores and its console shows. An unknown profile is refused with
 * {@code invalid_client_metadata} (400).
 */
final class SamlClientDefaultsExecutor implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    static final String SAML = "saml";

    @Override
    public String getProviderId() {
        return SamlClientDefaultsExecutorFactory.PROVIDER_ID;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        ClientPolicyEvent event = context.getEvent();
        if ((event != ClientPolicyEvent.REGISTER && event != ClientPolicyEvent.UPDATE)
                || !(context instanceof ClientCRUDContext crud) || crud.getProposedClientRepresentation() == null) {
            return;
        }
        ClientRepresentation client = crud.getProposedClientRepresentation();
        ClientModel existing = crud.getTargetClient();
        String protocol = client.getProtocol() != null ? client.getProtocol()
                : existing != null ? existing.getProtocol() : null;
        if (!SAML.equals(protocol)) {
            return;
        }
        Map<String, String> proposed = client.getAttributes() == null ? Map.of() : client.getAttributes();
        Map<String, String> attributes = new HashMap<>(proposed);
        try {
            SamlClientDefaults.apply(attributes, event == ClientPolicyEvent.REGISTER);
        } catch (IllegalArgumentException e) {
            throw new ClientPolicyException(OAuthErrorException.INVALID_CLIENT_METADATA, e.getMessage());
        }
        if (!attributes.equals(proposed)) {
            client.setAttributes(attributes);
        }
    }
}
