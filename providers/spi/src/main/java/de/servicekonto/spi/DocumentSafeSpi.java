package de.servicekonto.spi;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/**
 * SPI {@value #NAME}: a document safe other modules use ({@link DocumentSafe}). Without a provider (the Dokumentensafe
 * module not installed) the Postfach answers its safe features with 409 {@code safe_unavailable}.
 */
public final class DocumentSafeSpi implements Spi {

    public static final String NAME = "sk-document-safe";

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
        return DocumentSafe.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return DocumentSafeFactory.class;
    }
}
