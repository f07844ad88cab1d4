package de.servicekonto.helpdesk;

import de.servicekonto.rest.ApiException;
import java.util.concurrent.TimeUnit;
import org.keycloak.authentication.actiontoken.verifyemail.VerifyEmailActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.LoginActionsService;

/**
 * Keycloak's verification e-mail with a fresh link, built as Keycloak 26.7.3's admin endpoint {@code
 * send-verify-email} builds it ({@code UserResource.sendVerifyEmail}: {@link VerifyEmailActionToken}, the login
 * actions' token URL, {@link EmailTemplateProvider#sendVerifyEmail}). That endpoint needs {@code manage-users}, which
 * the help desk does not get. Uses keycloak-services internals: check at every Keycloak upgrade ({@code TenantIT}
 * fails if the link stops confirming).
 */
final class ConfirmationMail {

    /** Fallback lifespan when the realm names none for verify-email (Keycloak's own default, 12 hours). */
    private static final int DEFAULT_LIFESPAN = 12 * 60 * 60;

    private ConfirmationMail() {
    }

    static void send(KeycloakSession session, RealmModel realm, UserModel user) {
        // The lifespan a registration's own confirmation link has in this realm (actionTokenGeneratedByUserLifespan).
        Integer configured = realm.getActionTokenGeneratedByUserLifespan(VerifyEmailActionToken.TOKEN_TYPE);
        int lifespan = configured == null || configured <= 0 ? DEFAULT_LIFESPAN : configured;
        VerifyEmailActionToken token = new VerifyEmailActionToken(user.getId(), Time.currentTime() + lifespan, null,
                user.getEmail(), null);
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                    .sendVerifyEmail(link, TimeUnit.SECONDS.toMinutes(lifespan));
        } catch (EmailException e) {
            throw new ApiException(503, "mail_not_sent", "the e-mail could not be sent; try again later");
        }
    }
}
