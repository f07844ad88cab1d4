package de.servicekonto.trustlevel.certificate;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.authenticator.NoCredentialAuthenticator;
import de.servicekonto.trustlevel.authenticator.StatelessAuthenticatorFactory;
import de.servicekonto.trustlevel.passkey.IdentityProofing;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * {@value #ID}: the last step of a login, after the level sub-flows. Binds the valid certificate presented in this
 * login (noted by {@code sk-certificate}) to the account that logged in, when {@link CertificateRule#bindAt} allows
 * it: only at the account's highest level, so for a card-verified account only in a login that read the card, and
 * only after the citizen confirmed it on a page naming the certificate. The binding records that level; from the next
 * login on the certificate alone logs in to this account.
 */
public final class CertificateBindingAuthenticator implements NoCredentialAuthenticator, StatelessAuthenticatorFactory {

    public static final String ID = "sk-certificate-binding";
    static final String CONFIRM_TEMPLATE = "sk-certificate-bind.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        Optional<CertificateBinding.Certificate> presented = presented(context);
        Optional<TrustLevel> bindAt = presented.flatMap(certificate -> bindAt(context, certificate));
        if (bindAt.isEmpty()) {
            context.success();
            return;
        }
        // The citizen confirms: on a shared computer the browser may hold someone else's certificate, and whoever
        // holds a bound certificate logs in to this account.
        Response page = context.form()
                .setAttribute("skCertificateSubject", context.getAuthenticationSession().getAuthNote(CertificateLoginAuthenticator.SUBJECT))
                .createForm(CONFIRM_TEMPLATE);
        context.challenge(page);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        Optional<CertificateBinding.Certificate> presented = presented(context);
        boolean confirmed = context.getHttpRequest().getDecodedFormParameters().containsKey("bind");
        if (presented.isPresent() && confirmed) {
            Optional<TrustLevel> bindAt = bindAt(context, presented.get());
            bindAt.ifPresent(level -> {
                CertificateBinding.bind(context.getUser(), presented.get(), level);
                context.getEvent().detail("sk_certificate", "bound_" + level.germanName());
            });
        } else if (presented.isPresent()) {
            context.getEvent().detail("sk_certificate", "not_bound_declined");
        }
        context.success();
    }

    private static Optional<CertificateBinding.Certificate> presented(AuthenticationFlowContext context) {
        if (context.getUser() == null) {
            return Optional.empty();
        }
        return CertificateBinding.Certificate.of(
                context.getAuthenticationSession().getAuthNote(CertificateLoginAuthenticator.PRESENTED));
    }

    /** The rule's answer for this login, account and certificate; notes in the event why nothing is bound. */
    private static Optional<TrustLevel> bindAt(AuthenticationFlowContext context, CertificateBinding.Certificate certificate) {
        UserModel user = context.getUser();
        boolean boundElsewhere = CertificateBinding.boundElsewhere(context.getSession(), context.getRealm(), user, certificate);
        int current = new AcrStore(context.getSession(), context.getAuthenticationSession())
                .getLevelOfAuthenticationFromCurrentAuthentication();
        Optional<TrustLevel> boundHereAt = CertificateBinding.boundHereAt(user, certificate);
        Optional<TrustLevel> bindAt = CertificateRule.bindAt(current, IdentityProofing.proofedAt(user), boundElsewhere, boundHereAt);
        if (bindAt.isEmpty() && boundHereAt.isEmpty()) {
            context.getEvent().detail("sk_certificate", boundElsewhere ? "not_bound_other_account" : "not_bound_level");
        }
        return bindAt;
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
