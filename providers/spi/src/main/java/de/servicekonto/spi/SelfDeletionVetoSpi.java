package de.servicekonto.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@value #NAME}: the modules that may stand against a citizen's own account deletion ({@link SelfDeletionVeto}). */
public final class SelfDeletionVetoSpi implements Spi {

    public static final String NAME = "sk-self-deletion-veto";

    @Override
    public boolean isInternal() {
        // A public SPI of this distribution: Keycloak would warn about every provider of an internal SPI not its own.
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SelfDeletionVeto.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SelfDeletionVetoFactory.class;
    }
}
