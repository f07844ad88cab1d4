package de.servicekonto.branding;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.email.freemarker.FreeMarkerEmailTemplateProvider;
import org.keycloak.models.KeycloakSession;

/**
 * Keycloak's e-mail templating with one attribute more, {@value #ATTRIBUTE} (a {@link Branding}), in every e-mail:
 * Keycloak's own (verification, password reset, execute actions, …) and the ones our providers send through this
 * SPI (Postfach, inactivity, eID). The theme's {@code html/template.ftl} shows it. Keycloak 26.7.3 hands its e-mail
 * templates the realm's display name ({@code realmName}) but no realm attribute, and its themes cannot read one, so
 * this is the one place where the logo can come from the realm instead of a theme copy per tenant.
 *
 * <p>{@code processTemplate} is the step every send passes through (keycloak-services internal API, Keycloak
 * 26.7.3); check it first on a Keycloak upgrade.
 */
final class BrandedEmailTemplateProvider extends FreeMarkerEmailTemplateProvider {

    static final String ATTRIBUTE = "skBranding";

    BrandedEmailTemplateProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    protected EmailTemplate processTemplate(String subjectKey, List<Object> subjectAttributes, String template,
                                            Map<String, Object> attributes) throws EmailException {
        Map<String, Object> all = new HashMap<>(attributes);
        if (realm != null) {
            all.put(ATTRIBUTE, Branding.of(realm.getName(), realm.getDisplayName(),
                    realm.getAttribute(Branding.LOGO_ATTRIBUTE), realm.getAttribute(Branding.SITE_ATTRIBUTE)));
        }
        return super.processTemplate(subjectKey, subjectAttributes, template, all);
    }
}
