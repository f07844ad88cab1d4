package de.servicekonto.trustlevel.means;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.models.KeycloakSession;

/** {@link PortalPasswordForm}: Keycloak's username and password form that honours the portal's allowed means. */
public class PortalPasswordFormFactory extends UsernamePasswordFormFactory {

    public static final String ID = "sk-password-form";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new PortalPasswordForm(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: Benutzername und Passwort";
    }

    @Override
    public String getHelpText() {
        return "Username and password form; skipped when the portal's request does not allow the means"
                + " Benutzername (akdb:AuthnMethods), shows the portal's display name.";
    }
}
