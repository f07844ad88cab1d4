package de.servicekonto.postfach.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@value #NAME}: the authorities the Postfach delivers to and from. */
public final class AuthorityDirectorySpi implements Spi {

    public static final String NAME = "sk-authority-directory";

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
        return AuthorityDirectory.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return AuthorityDirectoryFactory.class;
    }
}
