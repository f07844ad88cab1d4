package de.servicekonto.trustlevel.certificate;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.authenticator.NoCredentialAuthenticator;
import de.servicekonto.trustlevel.authenticator.StatelessAuthenticatorFactory;
import de.servicekonto.trustlevel.passkey.IdentityProofing;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * {@value #ID}: the last step of a login, after the level sub-flows. Binds the valid certificate presented in this
 * login (noted by {@code sk-certificate}) to the account that logged in, when {@link CertificateRule#bindAt} allows
 * it: only at the account's highest level, so for a card-verified account only in a login that read the card. The
 * binding records that level; from the next login on the certificate alone logs in to this account.
 */
public final class CertificateBindingAuthenticator implements NoCredentialAuthenticator, StatelessAuthenticatorFactory {

    public static final String ID = "sk-certificate-binding";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<CertificateBinding.Certificate> presented = CertificateBinding.Certificate.of(
                context.getAuthenticationSession().getAuthNote(CertificateLoginAuthenticator.PRESENTED));
        UserModel user = context.getUser();
        if (presented.isEmpty() || user == null) {
            context.success();
            return;
        }
        CertificateBinding.Certificate certificate = presented.get();
        boolean boundElsewhere = CertificateBinding.boundElsewhere(context.getSession(), context.getRealm(), user, certificate);
        int current = new AcrStore(context.getSession(), context.getAuthenticationSession())
                .getLevelOfAuthenticationFromCurrentAuthentication();
        Optional<TrustLevel> boundHereAt = CertificateBinding.boundHereAt(user, certificate);
        Optional<TrustLevel> bindAt = CertificateRule.bindAt(current, IdentityProofing.proofedAt(user), boundElsewhere, boundHereAt);
        if (bindAt.isPresent()) {
            CertificateBinding.bind(user, certificate, bindAt.get());
            context.getEvent().detail("sk_certificate", "bound_" + bindAt.get().germanName());
        } else if (boundHereAt.isEmpty()) {
            context.getEvent().detail("sk_certificate", boundElsewhere ? "not_bound_other_account" : "not_bound_level");
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public void close() {
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return this;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Servicekonto: bind the client certificate";
    }

    @Override
    public String getHelpText() {
        return "Last step of the login: binds a valid client certificate presented in this login (by sk-certificate) "
                + "to the account, if the login reached the account's highest level (the ID card on a card-verified "
                + "account).";
    }
}
