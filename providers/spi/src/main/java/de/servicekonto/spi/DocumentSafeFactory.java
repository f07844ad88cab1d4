package de.servicekonto.spi;

import org.keycloak.provider.ProviderFactory;

/** Factory of a {@link DocumentSafe}; the Dokumentensafe module ships one. */
public interface DocumentSafeFactory extends ProviderFactory<DocumentSafe> {
}
