package de.servicekonto.branding;

import org.keycloak.Config;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.email.EmailTemplateProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * E-mail template provider {@value #ID}. Keycloak 26.7.3 makes the provider with the highest {@code order()} above
 * zero the default of an SPI when none is configured ({@code DefaultKeycloakSessionFactory}); Keycloak's own
 * {@code freemarker} has order 0, so this one is used without a build option. {@code
 * --spi-email-template--provider=freemarker} turns the branding off.
 */
public final class BrandedEmailTemplateProviderFactory implements EmailTemplateProviderFactory {

    public static final String ID = "sk-branded-email";

    @Override
    public EmailTemplateProvider create(KeycloakSession session) {
        return new BrandedEmailTemplateProvider(session);
    }

    @Override
    public int order() {
        return 1;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
