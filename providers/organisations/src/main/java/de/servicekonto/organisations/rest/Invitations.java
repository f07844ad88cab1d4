package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.organisations.spi.OrganisationsProvider;
import de.servicekonto.spi.AfterCommitMail;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.keycloak.authentication.actiontoken.inviteorg.InviteOrgActionToken;
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
 * <p>The answer never tells whether an address belongs to a personal account: the invitation is recorded for any
 * address (it counts against the limits, is listed and can be withdrawn), the mail goes only to a personal account
 * that is enabled and has confirmed this address. The mail is sent after the transaction has committed, so a call
 * that fails sends nothing.
 *
 * <p>The token and link are built as Keycloak 26.7.3's {@code OrganizationInvitationResource} builds them for an
 * existing user (that resource needs an admin-console permission our organisation administrators do not hold);
 * check this class first on a Keycloak upgrade.
 */
final class Invitations {

    /** Realm attribute: most pending invitations per organisation (default {@value #DEFAULT_PENDING_PER_ORGANISATION}). */
    static final String PENDING_PER_ORGANISATION = "sk.organisations.invitations.pendingPerOrganisation";
    /** Realm attribute: most pending invitations to one address over the realm's organisations (default {@value #DEFAULT_PENDING_PER_RECIPIENT}). */
    static final String PENDING_PER_RECIPIENT = "sk.organisations.invitations.pendingPerRecipient";
    /** Realm attribute: most invitations one organisation sends in 24 hours (default {@value #DEFAULT_PER_DAY}). */
    static final String PER_DAY = "sk.organisations.invitations.perDay";
    static final int DEFAULT_PENDING_PER_ORGANISATION = 50;
    static final int DEFAULT_PENDING_PER_RECIPIENT = 10;
    static final int DEFAULT_PER_DAY = 100;
    /** Attribute of the mail template: whether an operator has checked the organisation's data. */
    static final String VERIFIED_ATTRIBUTE = "skOrganisationVerified";

    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final OrganizationProvider organizations;
    private final OrganisationsProvider store;

    Invitations(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.organizations = session.getProvider(OrganizationProvider.class);
        this.store = session.getProvider(OrganisationsProvider.class);
    }

    /**
     * Invites {@code email} on behalf of {@code inviter}, an administrator of {@code organization}; the caller holds
     * the organisation's lock, so the limits cannot be overrun by parallel calls of the same organisation.
     */
    void invite(OrganizationModel organization, boolean verified, String email, UserModel inviter) {
        InvitationManager manager = organizations.getInvitationManager();
        UserModel invitee = session.users().getUserByEmail(realm, email);
        // Visible to the administrator anyway: members are listed with their addresses.
        if (invitee != null && organizations.isMember(organization, invitee)) {
            throw new OrganisationException(409, "already_member", "this person is already a member");
        }
        OrganizationInvitationModel pending = manager.getByEmail(organization, email);
        if (pending != null) {
            if (!pending.isExpired()) {
                throw new OrganisationException(409, "invitation_pending", "this address already has a pending invitation");
            }
            manager.remove(pending.getId());
        }
        int perOrganisation = RealmLimits.of(realm, PENDING_PER_ORGANISATION, DEFAULT_PENDING_PER_ORGANISATION);
        if (manager.getAllStream(organization, Map.of(), null, null).filter(i -> !i.isExpired()).limit(perOrganisation).count()
                >= perOrganisation) {
            throw new OrganisationException(409, "too_many_pending_invitations",
                    "the organisation has " + perOrganisation + " pending invitations; withdraw some first");
        }
        int perRecipient = RealmLimits.of(realm, PENDING_PER_RECIPIENT, DEFAULT_PENDING_PER_RECIPIENT);
        if (store.pendingInvitationsTo(realm.getId(), email) >= perRecipient) {
            throw new OrganisationException(429, "recipient_limit_reached",
                    "this address has too many pending invitations; try again later");
        }
        int perDay = RealmLimits.of(realm, PER_DAY, DEFAULT_PER_DAY);
        if (store.eventCountSince(organization.getId(), OrganisationsProvider.EVENT_INVITATION_SENT,
                System.currentTimeMillis() - DAY_MILLIS) >= perDay) {
            throw new OrganisationException(429, "invitation_limit_reached",
                    "the organisation has sent " + perDay + " invitations in the last 24 hours; try again later");
        }
        boolean deliverable = invitee != null && invitee.isEnabled() && invitee.isEmailVerified()
                && invitee.getServiceAccountClientLink() == null && email.equalsIgnoreCase(invitee.getEmail());
        OrganizationInvitationModel invitation = manager.create(organization, email,
                deliverable ? invitee.getFirstName() : null, deliverable ? invitee.getLastName() : null);
        store.recordEvent(organization.getId(), OrganisationsProvider.EVENT_INVITATION_SENT, null, inviter.getId());
        if (!deliverable) {
            return;
        }
        InviteOrgActionToken token = new InviteOrgActionToken(invitee.getId(), invitation.getExpiresAt(),
                invitee.getEmail(), Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        token.setOrgId(organization.getId());
        token.id(invitation.getId());
        // Back to the console's Organisationen page, where the new member finds the organisation at once.
        token.setRedirectUri(Urls.accountBase(session.getContext().getUri().getBaseUri()).path("/organisationen")
                .build(realm.getName()).toString());
        String link = LoginActionsService.actionTokenProcessor(session.getContext().getUri())
                .queryParam("key", token.serialize(session, realm, session.getContext().getUri()))
                .build(realm.getName()).toString();
        invitation.setInviteLink(link);
        sendAfterCommit(organization.getId(), verified, invitee.getId(), link);
    }

    private void sendAfterCommit(String orgId, boolean verified, String userId, String link) {
        long minutes = TimeUnit.SECONDS.toMinutes(realm.getActionTokenGeneratedByAdminLifespan());
        AfterCommitMail.afterCommit(session, (mailSession, mailRealm) -> {
            UserModel invitee = mailSession.users().getUserById(mailRealm, userId);
            OrganizationModel organization = mailSession.getProvider(OrganizationProvider.class).getById(orgId);
            if (invitee == null || organization == null) {
                return;
            }
            AfterCommitMail.send(mailSession, mailRealm, invitee, "Invitation mail for organisation " + orgId,
                    mail -> mail.setAttribute(VERIFIED_ATTRIBUTE, verified).sendOrgInviteEmail(organization, link, minutes));
        });
    }
}
