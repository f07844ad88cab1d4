package de.servicekonto.organisations.spi;

import de.servicekonto.organisations.AuthorityApplication;
import de.servicekonto.organisations.AuthorityStatus;
import de.servicekonto.organisations.OrganisationData;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.Provider;

/**
 * Organisation and authority accounts of Servicekonto: what Keycloak's organizations lack (master data, the
 * administrator role, favourites, the authority review and bound clients). Obtain it with
 * {@code session.getProvider(OrganisationsProvider.class)}; every method works in the caller's transaction.
 */
public interface OrganisationsProvider extends Provider {

    /** Event types of {@link #recordEvent}. */
    String EVENT_INVITATION_SENT = "INVITATION_SENT";
    String EVENT_CLIENT_BOUND = "CLIENT_BOUND";
    String EVENT_CLIENT_UNBOUND = "CLIENT_UNBOUND";
    String EVENT_MEMBER_JOINED = "MEMBER_JOINED";
    String EVENT_ADMIN_SUCCESSION = "ADMIN_SUCCESSION";

    /** Our records of several organizations of {@code realm} at once (one query), by org id; unknown ids are absent. */
    java.util.Map<String, OrganisationAccount> accounts(RealmModel realm, java.util.Collection<String> orgIds);

    /** Our record of the Keycloak organization {@code orgId} in {@code realm}, if it is one of ours. */
    Optional<OrganisationAccount> account(RealmModel realm, String orgId);

    /**
     * Whether {@code orgId} is an authority that may act now (reviewed and active, not suspended). Modules that
     * deliver official messages ask this before every send.
     */
    boolean isActiveAuthority(RealmModel realm, String orgId);

    /** The authority {@code client}'s service account acts for, if an operator bound it (whatever its state). */
    Optional<String> boundAuthority(RealmModel realm, ClientModel client);

    /** Authorities (org ids) in the given state, oldest application first, bounded by {@code max}. */
    List<String> authorities(RealmModel realm, AuthorityStatus status, int max);

    /** Records a newly registered organisation for its Keycloak organization {@code orgId}. */
    OrganisationAccount createOrganisation(RealmModel realm, String orgId, OrganisationData data, UserModel registrant);

    /** Records an authority's application (state applied, first transition) for {@code orgId}. */
    OrganisationAccount createAuthority(RealmModel realm, String orgId, AuthorityApplication application, UserModel applicant);

    /** Moves an authority to {@code target} if the review allows it, and records who did it, when and why. */
    OrganisationAccount transition(RealmModel realm, String orgId, AuthorityStatus target, UserModel actor, String reason);

    /** The review history, oldest first. */
    List<Transition> transitions(RealmModel realm, String orgId);

    /** Marks an organisation's master data as verified by {@code operator} now. */
    OrganisationAccount verify(RealmModel realm, String orgId, UserModel operator);

    /**
     * Holds the account's row lock until the transaction ends, so that checks spanning several rows (the last
     * administrator) are not raced by a concurrent change of the same organisation.
     */
    void lock(RealmModel realm, String orgId);

    boolean isAdmin(String orgId, String userId);

    long adminCount(String orgId);

    /** The user ids of the organisation's administrators. */
    List<String> admins(String orgId);

    /** Grants ({@code admin} true) or revokes the administrator role; idempotent. */
    void setAdmin(String orgId, String userId, boolean admin, UserModel actor);

    List<String> favourites(String orgId);

    void setFavourites(String orgId, List<String> clientIds);

    /**
     * Binds {@code client} to the authority and records it; a client already bound (to any authority) is refused
     * ({@code 409 client_already_bound}), it is unbound first.
     */
    void bindClient(RealmModel realm, String orgId, ClientModel client, UserModel operator);

    /** Removes the binding of {@code client} to the authority and records it ({@code 404 client_not_bound} without). */
    void unbindClient(RealmModel realm, String orgId, ClientModel client, UserModel operator);

    /** Appends an audit event (type, subject such as a client id or user id, actor's user id or {@code null}). */
    void recordEvent(String orgId, String type, String subject, String actorId);

    long eventCountSince(String orgId, String type, long sinceEpochMillis);

    /** The audit events of an organisation, oldest first. */
    List<Event> events(String orgId);

    /** Pending (unexpired) Keycloak organization invitations to the address, over the organisations of the realm. */
    long pendingInvitationsTo(String realmId, String email);

    /** How many organisation and authority accounts the user registered in the realm since the given time. */
    long accountsRegisteredSince(String realmId, String userId, long sinceEpochMillis);

    /** When the user first joined the organisation as far as recorded ({@link #EVENT_MEMBER_JOINED}). */
    Optional<Long> firstJoined(String orgId, String userId);

    /** Internal ids of the clients bound to the authority. */
    List<String> boundClients(String orgId);

    /** Removes what we hold for a removed organization. */
    void removeOrganisation(String orgId);

    /** The organisations (ids) the user administers. */
    List<String> organisationsAdministeredBy(String userId);

    /** Removes a deleted user's administrator entries. */
    void removeUser(String userId);

    /** Removes everything of a removed realm. */
    void removeRealm(RealmModel realm);

    /** Removes a removed client (its client id) from every favourites list of the realm. */
    void removeFavouritesOf(RealmModel realm, String clientId);

    /** Removes the binding of a removed client (internal id). */
    void removeClient(String clientId);

    /** Administrator entries of a member who left the organization. */
    void memberLeft(String orgId, String userId);
}
