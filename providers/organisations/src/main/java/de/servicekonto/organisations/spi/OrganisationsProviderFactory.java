package de.servicekonto.organisations.spi;

import org.keycloak.provider.ProviderFactory;

/** Factory of {@link OrganisationsProvider}. */
public interface OrganisationsProviderFactory extends ProviderFactory<OrganisationsProvider> {
}
