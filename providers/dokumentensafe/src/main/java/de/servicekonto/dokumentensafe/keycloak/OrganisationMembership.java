package de.servicekonto.dokumentensafe.keycloak;

import de.servicekonto.dokumentensafe.OrganisationSafeAccess.Membership;
import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.spi.OrganisationsProvider;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * What a user is to an organisation account of the realm, from the organisations module's records (kind, the
 * administrator role) and Keycloak's organizations (enabled, membership); the rules in {@code OrganisationSafeAccess}.
 */
public final class OrganisationMembership {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");
    private static final Membership NONE = new Membership(false, false, false, false);

    private OrganisationMembership() {
    }

    public static Membership of(KeycloakSession session, RealmModel realm, UserModel user, String orgId) {
        if (user == null || user.getServiceAccountClientLink() != null) {
            return NONE;
        }
        return membership(session, realm, user, orgId);
    }

    /**
     * The organisation account alone, nobody acting ({@code member} and {@code administrator} false): for the
     * Postfach storing an authority's delivery into the organisation's safe.
     */
    public static Membership ofAccount(KeycloakSession session, RealmModel realm, String orgId) {
        return membership(session, realm, null, orgId);
    }

    private static Membership membership(KeycloakSession session, RealmModel realm, UserModel user, String orgId) {
        if (orgId == null || !ID.matcher(orgId).matches() || !realm.isOrganizationsEnabled()) {
            return NONE;
        }
        OrganisationsProvider accounts = session.getProvider(OrganisationsProvider.class);
        // Our table first: it names the realm and the kind (an authority's id is no organisation safe).
        if (accounts.account(realm, orgId).filter(a -> a.kind() == AccountKind.ORGANISATION).isEmpty()) {
            return NONE;
        }
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel org = organizations == null ? null : organizations.getById(orgId);
        if (org == null) {
            return NONE;
        }
        boolean member = user != null && organizations.isMember(org, user);
        return new Membership(true, org.isEnabled(), member, member && accounts.isAdmin(orgId, user.getId()));
    }
}
