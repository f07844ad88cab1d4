package de.servicekonto.trustlevel.metrics;

import io.micrometer.core.instrument.Metrics;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Event listener {@value #ID}, global: it counts in every realm without being added to each realm's event listeners,
 * so a realm an operator creates later is counted too. The meters land in Micrometer's global registry, which the
 * server serves at the management port's {@code /metrics} when metrics are enabled (and which costs nothing when not).
 */
public final class LoginMetricsFactory implements EventListenerProviderFactory {

    public static final String ID = "sk-login-metrics";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new LoginMetrics(session, Metrics.globalRegistry);
    }

    @Override
    public boolean isGlobal() {
        return true;
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
        return ID;
    }
}
