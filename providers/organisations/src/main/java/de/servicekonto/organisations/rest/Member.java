package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.organisations.spi.OrganisationAccount;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

/** The caller as a member of one organisation, with the checks the account-side calls make on it. */
record Member(OrganizationModel org, OrganisationAccount account, UserModel user, boolean isAdmin, Caller caller) {

    /**
     * The caller as a member of {@code id}, or 403 {@code forbidden} when the organisation is not one the caller
     * belongs to: the same answer for another's organisation, another realm's and an id that exists nowhere.
     */
    static Member of(Organisations api, String id) {
        Caller caller = api.caller().personal();
        UserModel user = caller.user();
        // Our own table first: it is per realm, while Keycloak's getById throws for another realm's id.
        OrganisationAccount account = id == null || id.length() > Organisations.MAX_ID ? null
                : api.store().account(api.realm(), id).orElse(null);
        OrganizationModel org = account == null ? null : api.organizations().getById(id);
        if (org == null || !api.organizations().isMember(org, user)) {
            throw new OrganisationException(403, "forbidden", "not a member of this organisation");
        }
        return new Member(org, account, user, api.store().isAdmin(id, user.getId()), caller);
    }

    /** The caller as an administrator of an enabled organisation {@code id}, under the organisation's lock. */
    static Member lockedAdmin(Organisations api, String id) {
        return of(api, id).locked(api).admin().writable();
    }

    /**
     * This member with the organisation's row lock held until the transaction ends, and their administrator role
     * and the account read again under it (a concurrent change committed meanwhile is seen).
     */
    Member locked(Organisations api) {
        String id = org.getId();
        api.store().lock(api.realm(), id);
        OrganisationAccount current = api.store().account(api.realm(), id)
                .orElseThrow(() -> new OrganisationException(404, "not_found", "no such organisation among yours"));
        return new Member(org, current, user, api.store().isAdmin(id, user.getId()), caller);
    }

    Member admin() {
        if (!isAdmin) {
            throw new OrganisationException(403, "admin_required", "only the organisation's administrators can do this");
        }
        return this;
    }

    /**
     * Who belongs to an authority and who administers it decides who reads and sends its official mail, so in an
     * authority inviting, removing a member and changing an administrator role need a login at trust level hoch,
     * as the operator's own actions do (401 {@code step_up_required}). Organisations keep the level their
     * administrators logged in with.
     */
    Member staffChange() {
        if (account.kind() == AccountKind.AUTHORITY) {
            caller.hoch("changing the staff or roles of an authority needs a login at trust level hoch");
        }
        return this;
    }

    /** Refuses changes to an organisation an operator disabled in the admin console. */
    Member writable() {
        if (!org.isEnabled()) {
            throw new OrganisationException(409, "organisation_disabled", "the organisation is disabled");
        }
        return this;
    }

    /** Another member of this organisation, or 404 {@code member_not_found}. */
    UserModel other(Organisations api, String userId) {
        UserModel other = userId == null || userId.length() > Organisations.MAX_ID ? null
                : api.organizations().getMemberById(org, userId);
        if (other == null) {
            throw new OrganisationException(404, "member_not_found", "no such member");
        }
        return other;
    }
}
