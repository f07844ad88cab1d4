package de.servicekonto.postfach.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** SPI {@value #NAME}: where the Postfach keeps mailboxes, messages, attachments, notices and data keys. */
public final class PostfachStoreSpi implements Spi {

    public static final String NAME = "sk-postfach-store";

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
        return PostfachStore.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return PostfachStoreFactory.class;
    }
}
