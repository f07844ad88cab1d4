package de.servicekonto.trustlevel.certificate;

import java.util.ArrayList;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.x509.X509ClientCertificateAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Factory of {@link CertificateLoginAuthenticator}: Keycloak's X.509 browser authenticator's settings (user mapping,
 * CRL, OCSP, key usage, policies, revalidation against the truststore), plus the realm's trusted issuers. Keycloak's
 * "confirmation page" setting has no effect: the browser's certificate dialog is where the citizen chooses.
 */
public final class CertificateLoginAuthenticatorFactory extends X509ClientCertificateAuthenticatorFactory {

    public static final String ID = "sk-certificate";
    private static final CertificateLoginAuthenticator INSTANCE = new CertificateLoginAuthenticator();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: client certificate (Elster)";
    }

    @Override
    public String getHelpText() {
        return "First step of the login: a client certificate from mutual TLS, checked with Keycloak's X.509 settings "
                + "and the realm's trusted issuers, logs in to the account it is bound to (means Elster; substanziell "
                + "on a card-verified account whose binding the card confirmed, otherwise niedrig). A refused "
                + "certificate gets a German page; no certificate, nothing happens.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>(super.getConfigProperties());
        ProviderConfigProperty issuers = new ProviderConfigProperty();
        issuers.setName(TrustedIssuers.SETTING);
        issuers.setLabel("Trusted issuers");
        issuers.setType(ProviderConfigProperty.STRING_TYPE);
        issuers.setHelpText("Distinguished names of the certificate issuers this realm accepts, separated by ##. "
                + "Empty: no certificate is accepted. The server's mutual TLS truststore must hold them too.");
        properties.add(issuers);
        return properties;
    }

    /** The step is in the flow or switched off; it never fails a login by itself. */
    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }
}
