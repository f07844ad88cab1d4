package de.servicekonto.organisations.jpa;

import de.servicekonto.organisations.spi.OrganisationsProvider;
import java.util.Comparator;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * When a member leaves outside our REST API (removed in the admin console, account deleted by an operator or by the
 * inactive-account purge) and the organisation is left without administrator, the longest-standing remaining member
 * becomes administrator: the earliest recorded join, else the oldest account. It is recorded as event
 * {@value OrganisationsProvider#EVENT_ADMIN_SUCCESSION} without actor. An organisation without remaining members
 * keeps none.
 */
final class Succession {

    private static final Logger LOG = Logger.getLogger(Succession.class);
    /** Members looked at for a successor; beyond this the organisation waits for an operator. */
    private static final int MAX_CANDIDATES = 1000;

    private Succession() {
    }

    /** Marker in {@code SK_ORG_ADMIN.GRANTED_BY} for an administrator appointed by this rule. */
    static final String SYSTEM = "system";

    static void afterLeaving(KeycloakSession session, RealmModel realm, String orgId, String leavingUserId) {
        OrganisationsProvider store = session.getProvider(OrganisationsProvider.class);
        RealmModel previous = session.getContext().getRealm();
        if (realm == null || !realm.isOrganizationsEnabled()) {
            return;
        }
        session.getContext().setRealm(realm);
        try {
            if (store.account(realm, orgId).isEmpty()) {
                return;
            }
            OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
            OrganizationModel org = organizations.getById(orgId);
            if (org == null) {
                return;
            }
            store.lock(realm, org.getId());
            if (store.adminCount(org.getId()) > 0) {
                return;
            }
            Optional<UserModel> successor = organizations.getMembersStream(org, java.util.Map.of(), null, 0, MAX_CANDIDATES)
                    .filter(user -> !user.getId().equals(leavingUserId))
                    .min(Comparator.comparingLong((UserModel user) -> store.firstJoined(org.getId(), user.getId())
                                    .orElse(user.getCreatedTimestamp() == null ? Long.MAX_VALUE : user.getCreatedTimestamp()))
                            .thenComparing(UserModel::getId));
            successor.ifPresent(user -> {
                store.setAdmin(org.getId(), user.getId(), true, null);
                store.recordEvent(org.getId(), OrganisationsProvider.EVENT_ADMIN_SUCCESSION, user.getId(), null);
                LOG.infof("Organisation %s lost its last administrator; member %s is now administrator", org.getId(), user.getId());
            });
        } finally {
            session.getContext().setRealm(previous);
        }
    }
}
