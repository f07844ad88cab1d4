package de.servicekonto.postfach.spi;

import org.keycloak.provider.ProviderFactory;

/** Factory of an {@link AuthorityDirectory}; choose one with {@code --spi-sk-authority-directory--provider=…}. */
public interface AuthorityDirectoryFactory extends ProviderFactory<AuthorityDirectory> {
}
