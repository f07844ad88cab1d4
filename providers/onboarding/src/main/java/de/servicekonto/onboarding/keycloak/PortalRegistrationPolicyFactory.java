package de.servicekonto.onboarding.keycloak;

import java.util.List;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientregistration.policy.AbstractClientRegistrationPolicyFactory;
import org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy;

/**
 * Client registration policy {@value #PROVIDER_ID}: what a portal may give itself by dynamic client registration
 * ({@link de.servicekonto.onboarding.PortalRegistration}). The shipped realm lists it among the policies for
 * registrations with a token ({@code authenticated}); it has no settings.
 */
public final class PortalRegistrationPolicyFactory extends AbstractClientRegistrationPolicyFactory {

    public static final String PROVIDER_ID = "sk-portal-registration";
    private static final PortalRegistrationPolicy POLICY = new PortalRegistrationPolicy();

    @Override
    public ClientRegistrationPolicy create(KeycloakSession session, ComponentModel model) {
        return POLICY;
    }

    @Override
    public String getHelpText() {
        return "Portals register as confidential clients of the authorization code flow only, with https URIs "
                + "(http on localhost); they get the realm's default client scopes.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
