package de.servicekonto.trustlevel;

import de.servicekonto.trustlevel.spi.TrustLevelProvider;
import de.servicekonto.trustlevel.spi.TrustLevelProviderFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Registers the trust-level table with Keycloak and reports the Servicekonto version in the admin console's
 * server info ("Provider info" tab), so operators can see which distribution they run.
 */
public final class DefaultTrustLevelProviderFactory implements TrustLevelProviderFactory, ServerInfoAwareProviderFactory {

    public static final String PROVIDER_ID = "sk-default";

    @Override
    public TrustLevelProvider create(KeycloakSession session) {
        return DefaultTrustLevelProvider.INSTANCE;
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
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("servicekonto-version", ServicekontoVersion.version());
        info.put("built-for-keycloak", ServicekontoVersion.keycloakVersion());
        for (TrustLevel level : TrustLevel.values()) {
            info.put("level-" + level.loa(), level.germanName() + " " + level.identifier(Vocabulary.EIDAS));
        }
        return info;
    }
}
