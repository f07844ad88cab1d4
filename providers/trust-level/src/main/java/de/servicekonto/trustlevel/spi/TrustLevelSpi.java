package de.servicekonto.trustlevel.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * Servicekonto SPI through which authenticators, protocol mappers and REST resources resolve trust levels.
 */
public final class TrustLevelSpi implements Spi {

    public static final String NAME = "sk-trust-level";

    @Override
    public boolean isInternal() {
        // Keycloak warns about every non-Keycloak provider of an internal SPI; ours is a public SPI of this
        // distribution that other Servicekonto modules implement against.
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return TrustLevelProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return TrustLevelProviderFactory.class;
    }
}
