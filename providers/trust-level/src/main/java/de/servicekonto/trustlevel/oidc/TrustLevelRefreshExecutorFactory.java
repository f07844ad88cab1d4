package de.servicekonto.trustlevel.oidc;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Registers {@link TrustLevelRefreshExecutor}; the shipped realm applies it to every client (realm-config). */
public final class TrustLevelRefreshExecutorFactory implements ClientPolicyExecutorProviderFactory {

    public static final String PROVIDER_ID = "sk-trust-level-refresh";
    private static final TrustLevelRefreshExecutor INSTANCE = new TrustLevelRefreshExecutor();

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
        return "Servicekonto: refreshed tokens carry only the trust level the session may still assert "
                + "(maximum age of each level), not the level of the original login.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
