package de.servicekonto.postfach;

import de.servicekonto.postfach.spi.AuthorityRef;
import java.util.Optional;

/**
 * What the Postfach asks about the accounts, organisations and authorities of one realm. In the server:
 * {@code keycloak.KeycloakParties} on Keycloak's users and the {@code AuthorityDirectory}; in unit tests, a table.
 */
public interface Parties {

    /** The authority with this id, active or not. */
    Optional<AuthorityRef> authority(String authorityId);

    /** Whether the account is staff of the authority. */
    boolean mayActForAuthority(String userId, String authorityId);

    /** The name of the organisation account (not an authority) while it is enabled; empty otherwise. */
    Optional<String> organisationName(String orgId);

    /** Whether {@code orgId} is an organisation account (not an authority), enabled or not. */
    boolean isOrganisation(String orgId);

    /** Whether the account is a member holding the organisation's administrator role. */
    boolean mayActForOrganisation(String userId, String orgId);

    /** The account with this id, if it exists. */
    Optional<Account> account(String userId);
}
