package de.servicekonto.trustlevel.oidc;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Registers {@link AcrValuesExecutor}; the shipped realm applies it to every client (realm-config). */
public final class AcrValuesExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "sk-acr-values";
    private static final AcrValuesExecutor INSTANCE = new AcrValuesExecutor();

    @Override
    public ClientPolicyExecutorProvider<?> create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getHelpText() {
        return "Servicekonto: refuses authorization requests whose acr_values or essential acr claim name a level "
                + "the realm's ACR-to-LoA map does not know (invalid_request).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
