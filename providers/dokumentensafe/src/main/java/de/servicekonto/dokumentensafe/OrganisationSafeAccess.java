package de.servicekonto.dokumentensafe;

import de.servicekonto.rest.ApiException;

/**
 * Who may use an organisation's safe (docs/dokumentensafe.md, "Organisation safes"). The organisations module knows
 * two roles: every member is a {@code user}, some are {@code admin} in addition. Members read (list, search,
 * download, usage); administrators manage everything (upload, upload sessions, rename, move, delete, restore,
 * folders). A service account never acts for an organisation. Not a member, no organisation account (an authority's
 * id, a person's, another realm's) or no such id: the same 404, so nobody learns which organisations exist.
 */
public final class OrganisationSafeAccess {

    /**
     * What the caller is to the organisation.
     *
     * @param organisation  the id names an organisation account of this realm
     * @param active        the organisation is enabled (an operator can disable it)
     * @param member        the caller is a current member
     * @param administrator the caller holds the organisation's administrator role (as a current member)
     */
    public record Membership(boolean organisation, boolean active, boolean member, boolean administrator) {
    }

    private OrganisationSafeAccess() {
    }

    /** Refuses unless the caller may read ({@code write} false) or manage ({@code write} true) the safe. */
    public static void require(Membership membership, boolean write) {
        if (!membership.organisation() || !membership.member()) {
            throw new ApiException(404, "not_found", "no such organisation safe");
        }
        if (!membership.active()) {
            throw new ApiException(403, "organisation_not_active", "this organisation is not active");
        }
        if (write && !membership.administrator()) {
            throw new ApiException(403, "organisation_admin_required",
                    "only the organisation's administrators change its safe; members read it");
        }
    }

    /**
     * Refuses unless the Postfach may store an authority's delivery into the organisation's safe on its own behalf
     * (no member acts): the id must be an organisation account of the realm (else 404) and active (an operator's
     * disabled organisation receives nothing, as its mailbox receives nothing).
     */
    public static void requireDelivery(Membership membership) {
        if (!membership.organisation()) {
            throw new ApiException(404, "not_found", "no such organisation safe");
        }
        if (!membership.active()) {
            throw new ApiException(403, "organisation_not_active", "this organisation is not active");
        }
    }
}
