package de.servicekonto.dokumentensafe.spi;

import org.keycloak.provider.ProviderFactory;

public interface SafeStoreFactory extends ProviderFactory<SafeStore> {
}
