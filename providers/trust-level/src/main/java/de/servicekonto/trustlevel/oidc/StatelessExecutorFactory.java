package de.servicekonto.trustlevel.oidc;

import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Factory of a stateless, unconfigured client-policy executor: one shared instance, no lifecycle. */
abstract class StatelessExecutorFactory implements ClientPolicyExecutorProviderFactory {

    private final String id;
    private final String helpText;
    private final ClientPolicyExecutorProvider<?> executor;

    StatelessExecutorFactory(String id, String helpText, ClientPolicyExecutorProvider<?> executor) {
        this.id = id;
        this.helpText = helpText;
        this.executor = executor;
    }

    @Override
    public ClientPolicyExecutorProvider<?> create(KeycloakSession session) {
        return executor;
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
        return id;
    }

    @Override
    public String getHelpText() {
        return helpText;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
