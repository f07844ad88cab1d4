package de.servicekonto.trustlevel.spi;

import org.keycloak.provider.ProviderFactory;

/** Factory of {@link TrustLevelProvider}. */
public interface TrustLevelProviderFactory extends ProviderFactory<TrustLevelProvider> {
}
