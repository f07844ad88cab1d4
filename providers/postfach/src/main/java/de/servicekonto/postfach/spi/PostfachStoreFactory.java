package de.servicekonto.postfach.spi;

import org.keycloak.provider.ProviderFactory;

/** Factory of a {@link PostfachStore}. */
public interface PostfachStoreFactory extends ProviderFactory<PostfachStore> {
}
