package de.servicekonto.trustlevel.certificate;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.means.Means;
import de.servicekonto.trustlevel.means.PortalRequest;
import de.servicekonto.trustlevel.passkey.IdentityProofing;
import de.servicekonto.trustlevel.saml.TrustLevelAttributes;
import jakarta.ws.rs.core.Response;
import java.security.cert.X509Certificate;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.authentication.authenticators.x509.AbstractX509ClientCertificateAuthenticator;
import org.keycloak.authentication.authenticators.x509.X509AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@value CertificateLoginAuthenticatorFactory#ID}: the first step of a login, before the level sub-flows. When the
 * browser presented a client certificate in mutual TLS, it is checked with Keycloak's own X.509 machinery (the
 * certificate lookup, which also reads certificates a reverse proxy passes on; {@code CertificateValidator} for
 * trust, validity, key usage, policy and revocation by CRL or OCSP; the identity extractor and the user mapper of the
 * X.509 authenticator's settings), then against the realm's trusted issuers ({@link TrustedIssuers}).
 * <ul>
 *   <li>bound to an account: that account logs in; the means {@link Means#ELSTER} is recorded for niedrig and, where
 *   {@link CertificateRule#levelReached} says so, substanziell, and both levels are marked reached, as the eID step
 *   does. The level sub-flows then ask only for what is still missing (the card for hoch).</li>
 *   <li>valid but bound to nobody: its identity is kept in the login ({@value #PRESENTED}) and the login goes on
 *   with password or card; {@code sk-certificate-binding} binds it afterwards if {@link CertificateRule#bindAt} allows.</li>
 *   <li>revoked, expired, from an issuer the realm does not trust: a German page says so; the citizen may go on
 *   with another means, never with this certificate.</li>
 *   <li>no certificate, or the portal excluded {@code Elster} ({@code akdb:AuthnMethods}): nothing happens.</li>
 * </ul>
 * Why not Keycloak's {@code auth-x509-client-username-form} itself: in Keycloak 26.7.3 it ends a refused certificate
 * with "attempted", which drops its error page (the flow silently shows the password form), its pages are English,
 * and it knows no levels or means. This class is the one place that uses Keycloak's X.509 internals.
 */
final class CertificateLoginAuthenticator extends AbstractX509ClientCertificateAuthenticator {

    private static final Logger LOG = Logger.getLogger(CertificateLoginAuthenticator.class);

    /** Auth note: the identity (as the user mapper reads it) of a valid certificate presented in this login. */
    static final String PRESENTED = "sk-certificate.presented";
    /** Auth note: the subject of that certificate, shown when the citizen is asked to bind it. */
    static final String SUBJECT = "sk-certificate.subject";
    static final String REFUSED_TEMPLATE = "sk-certificate-refused.ftl";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (context.getUser() != null || !PortalRequest.of(authSession).allows(Means.ELSTER)) {
            context.success();
            return;
        }
        X509Certificate[] certs = getCertificateChain(context);
        if (certs == null || certs.length == 0) {
            context.success();
            return;
        }
        X509AuthenticatorConfigModel config = context.getAuthenticatorConfig() == null ? null
                : new X509AuthenticatorConfigModel(context.getAuthenticatorConfig());
        if (config == null || config.getConfig() == null) {
            LOG.warnf("Realm %s: a client certificate was presented, but %s has no settings; ignored",
                    context.getRealm().getName(), CertificateLoginAuthenticatorFactory.ID);
            context.success();
            return;
        }
        saveX509CertificateAuditDataToAuthSession(context, certs[0]);
        if (!TrustedIssuers.parse(config.getConfig().get(TrustedIssuers.SETTING)).trusts(certs[0].getIssuerX500Principal())) {
            refuse(context, "issuer");
            return;
        }
        try {
            certificateValidationParameters(context.getSession(), config).build(certs)
                    .validateTrust()
                    .validateTimestamps()
                    .validateKeyUsage()
                    .validateExtendedKeyUsage()
                    .validatePolicy()
                    .checkRevocationStatus();
        } catch (Exception e) {
            // The type only: Keycloak's messages name the certificate's subject, a person's name, which the log must
            // not hold (the reason is in the realm's login event as sk_certificate).
            LOG.debugf("Realm %s: client certificate refused (%s)", context.getRealm().getName(), e.getClass().getSimpleName());
            refuse(context, "invalid");
            return;
        }
        Object identity = getUserIdentityExtractor(config).extractUserIdentity(certs);
        if (identity == null) {
            refuse(context, "unreadable");
            return;
        }
        UserModel user;
        try {
            user = getUserIdentityToModelMapper(config).find(context, identity);
        } catch (Exception e) {
            // Two accounts with the same binding: never guess which one.
            LOG.warnf("Realm %s: a certificate binding is not unique; certificate refused", context.getRealm().getName());
            refuse(context, "ambiguous");
            return;
        }
        authSession.setAuthNote(PRESENTED, identity.toString());
        authSession.setAuthNote(SUBJECT, certs[0].getSubjectX500Principal().getName());
        if (user == null || !user.isEnabled() || AuthenticatorUtils.getDisabledByBruteForceEventError(context, user) != null) {
            // Unbound: the login goes on with another means (which also reports a disabled account), then binding.
            context.success();
            return;
        }
        context.setUser(user);
        TrustLevel reached = CertificateRule.levelReached(IdentityProofing.proofedAt(user), CertificateBinding.boundAt(user));
        AcrStore acr = new AcrStore(context.getSession(), authSession);
        for (int loa = TrustLevel.NIEDRIG.loa(); loa <= reached.loa(); loa++) {
            acr.setLevelAuthenticated(loa);
            authSession.setUserSessionNote(TrustLevelAttributes.meansNote(loa), Means.ELSTER);
        }
        // Keycloak copies the level map into the user session only when a level condition ran after the level.
        authSession.setUserSessionNote(Constants.LOA_MAP, authSession.getAuthNote(Constants.LOA_MAP));
        context.getEvent().user(user).detail("sk_means", Means.ELSTER);
        context.success();
    }

    /** The citizen read the refusal and goes on with another means; the certificate plays no part in this login. */
    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }

    private static void refuse(AuthenticationFlowContext context, String reason) {
        context.getEvent().detail("sk_certificate", "refused_" + reason);
        Response page = context.form().setAttribute("skCertificateReason", reason).createForm(REFUSED_TEMPLATE);
        context.challenge(page);
    }
}
