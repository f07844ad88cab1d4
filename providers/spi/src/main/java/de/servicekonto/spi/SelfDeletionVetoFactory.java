package de.servicekonto.spi;

import org.keycloak.provider.ProviderFactory;

/** Factory of a {@link SelfDeletionVeto}; every installed one is asked. */
public interface SelfDeletionVetoFactory extends ProviderFactory<SelfDeletionVeto> {
}
