package de.servicekonto.organisations.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@value #NAME}: Servicekonto's organisation and authority accounts beside Keycloak's organizations. */
public final class OrganisationsSpi implements Spi {

    public static final String NAME = "sk-organisations";

    @Override
    public boolean isInternal() {
        // A public SPI of this distribution (the Postfach asks it whether an authority may act).
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return OrganisationsProvider.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return OrganisationsProviderFactory.class;
    }
}
