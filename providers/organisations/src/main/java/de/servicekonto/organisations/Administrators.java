package de.servicekonto.organisations;

/**
 * An organisation always keeps at least one administrator: the last one can neither leave, be removed nor lose
 * the role (the organisation would be unmanageable). Stable code {@value #LAST_ADMIN}.
 */
public final class Administrators {

    public static final String LAST_ADMIN = "last_administrator";

    private Administrators() {
    }

    /**
     * Checks a change that takes the administrator role away from a member (demotion, removal, leaving).
     *
     * @param targetIsAdmin whether the member concerned is an administrator now
     * @param adminCount    how many administrators the organisation has now
     */
    public static void checkRoleLoss(boolean targetIsAdmin, long adminCount) {
        if (targetIsAdmin && adminCount <= 1) {
            throw new OrganisationException(409, LAST_ADMIN,
                    "the last administrator cannot leave, be removed or lose the role; appoint another first");
        }
    }
}
