package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.OrganisationException;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.authentication.actiontoken.inviteorg.InviteOrgActionToken;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.InvitationManager;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.Urls;
import org.keycloak.services.resources.LoginActionsService;

/**
 * Invitations through Keycloak's own mechanism: a persisted organization invitation, an {@code ORGIVT} action token
 * and the e-mail template {@code org-invite.ftl} (ours in the servicekonto e-mail theme). The invited person opens
 * the link, confirms, and Keycloak's {@code InviteOrgActionTokenHandler} makes them a member.
 *
 * <p>The token and link are built as Keycloak 26.7.3's {@code OrganizationInvitationResource} builds them for an
 * existing user (that resource needs an admin-console permission our organisation administrators do not hold);
 * check this class first on a Keycloak upgrade.
 */
final class Invitations {

    private static final Logger LOG = Logger.getLogger(Invitations.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationProvider organizations;

    Invitations(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.organizations = session.getProvider(OrganizationProvider.class);
    }

    /**
     * Invites the personal account with the (verified) address {@code email}. Servicekonto organisations consist of
     * personal accounts, so someone without one registers first.
     */
    OrganizationInvitationModel invite(OrganizationModel organization, String email) {
        InvitationManager manager = organizations.getInvitationManager();
        OrganizationInvitationModel pending = manager.getByEmail(organization, email);
        if (pending != null) {
            if (!pending.isExpired()) {
                throw new OrganisationException(409, "invitation_pending", "this address already has a pending invitation");
            }
            manager.remove(pending.getId());
        }
        UserModel invitee = session.users().getUserByEmail(realm, email);
        if (invitee == null || !invitee.isEnabled() || !invitee.isEmailVerified() || invitee.getServiceAccountClientLink() != null) {
            throw new OrganisationException(404, "no_personal_account",
                    "no personal account with this confirmed e-mail address; the person registers first");
        }
        if (organizations.isMember(organization, invitee)) {
            throw new OrganisationException(409, "already_member", "this person is already a member");
        }
        OrganizationInvitationModel invitation = manager.create(organization, invitee.getEmail(),
                invitee.getFirstName(), invitee.getLastName());
        InviteOrgActionToken token = new InviteOrgActionToken(invitee.getId(), invitation.getExpiresAt(),
                invitee.getEmail(), Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        token.setOrgId(organization.getId());
        token.id(invitation.getId());
        token.setRedirectUri(Urls.accountBase(session.getContext().getUri().getBaseUri()).path("/").build(realm.getName()).toString());
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
        invitation.setInviteLink(link);
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(invitee)
                    .sendOrgInviteEmail(organization, link, TimeUnit.SECONDS.toMinutes(realm.getActionTokenGeneratedByAdminLifespan()));
        } catch (EmailException e) {
            // The exception's message can name the recipient; the address is personal data and stays out of the log.
            LOG.warnf("Invitation mail for organisation %s could not be sent (%s)", organization.getId(), e.getClass().getSimpleName());
            throw new OrganisationException(502, "mail_failed", "the invitation e-mail could not be sent");
        }
        return invitation;
    }
}
