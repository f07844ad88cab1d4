package de.servicekonto.dokumentensafe.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The Dokumentensafe's store as a Keycloak SPI, so another implementation can replace the JPA one. */
public final class SafeStoreSpi implements Spi {

    public static final String NAME = "sk-dokumentensafe-store";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SafeStore.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SafeStoreFactory.class;
    }
}
