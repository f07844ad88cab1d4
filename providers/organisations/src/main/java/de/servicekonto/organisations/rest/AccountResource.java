package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.Administrators;
import de.servicekonto.organisations.AuthorityApplication;
import de.servicekonto.organisations.AuthorityStatus;
import de.servicekonto.organisations.Favourites;
import de.servicekonto.organisations.MemberRole;
import de.servicekonto.organisations.OrganisationData;
import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.organisations.Text;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.rest.ApiResponses;
import de.servicekonto.rest.JsonBody;
import de.servicekonto.rest.QueryParams;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The account side, {@code /sk-organisations/organisations/...} (and the application for an authority): a person's
 * own organisations and authorities. A personal account through the account console or a client with
 * {@value Caller#CLIENT_ATTRIBUTE}; each call checks that the organisation is in this realm and that the caller is a
 * member (403 {@code forbidden} otherwise, the same for an id that exists nowhere, so foreign organisations stay
 * invisible) and, for changes, an administrator (403 {@code admin_required}); in an authority, staff and role
 * changes need a login at hoch.
 */
public final class AccountResource {

    /**
     * Realm attribute: most organisation and authority accounts one person registers in 24 hours (default
     * {@value #DEFAULT_REGISTRATIONS_PER_DAY}), so nobody fills the realm with throwaway organisations (to squat
     * names or to use up an address's invitation limit).
     */
    static final String REGISTRATIONS_PER_DAY = "sk.organisations.registrationsPerDay";
    static final int DEFAULT_REGISTRATIONS_PER_DAY = 5;

    public record RoleChange(String role) {
    }

    public record Invitation(String email) {
    }

    private final Organisations api;

    AccountResource(Organisations api) {
        this.api = api;
    }

    /** The caller's organisations and authorities, with their role in each. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response mine() {
        return api.run(() -> {
            UserModel user = api.caller().personal().user();
            // Our records and the caller's administrator roles in two queries, not two per organisation.
            List<OrganizationModel> orgs = api.organizations().getByMember(user).toList();
            Map<String, OrganisationAccount> accounts = api.store().accounts(api.realm(),
                    orgs.stream().map(OrganizationModel::getId).toList());
            Set<String> administered = Set.copyOf(api.store().organisationsAdministeredBy(user.getId()));
            List<Views.Membership> list = orgs.stream().filter(org -> accounts.containsKey(org.getId()))
                    .map(org -> Views.Membership.of(org, accounts.get(org.getId()), administered.contains(org.getId())))
                    .limit(Organisations.MAX_PAGE).toList();
            return ApiResponses.ok(Map.of("organisations", list));
        });
    }

    /** Registers an organisation; the caller becomes its first administrator. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(InputStream body) {
        return api.run(() -> {
            UserModel user = api.caller().personal().user();
            OrganisationData data = OrganisationData.from(JsonBody.read(body, Organisations.MAX_BODY).strings());
            withinRegistrationLimit(user);
            OrganizationModel org = newOrganization(data.name(), user);
            OrganisationAccount account = api.store().createOrganisation(api.realm(), org.getId(), data, user);
            return ApiResponses.created(Views.Organisation.of(org, account, "ADMIN", List.of(), null));
        });
    }

    /**
     * Applies for an authority account ({@code POST /authorities}, reached from {@link OrganisationsResource}); the
     * applicant becomes its first administrator, state applied.
     */
    Response apply(InputStream body) {
        return api.run(() -> {
            UserModel user = api.caller().personal().user();
            AuthorityApplication application = AuthorityApplication.from(JsonBody.read(body, Organisations.MAX_BODY).strings());
            withinRegistrationLimit(user);
            OrganizationModel org = newOrganization(application.name(), user);
            OrganisationAccount account = api.store().createAuthority(api.realm(), org.getId(), application, user);
            return ApiResponses.created(Views.Organisation.of(org, account, "ADMIN", List.of(),
                    api.store().transitions(api.realm(), org.getId())));
        });
    }

    /** One organisation or authority (members only); authorities with their review history. */
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response organisation(@PathParam("id") String id) {
        return api.run(() -> {
            Member member = Member.of(api, id);
            Views.Organisation view = api.view(member.org(), member.account(), member.isAdmin() ? "ADMIN" : "USER");
            return ApiResponses.ok(member.isAdmin() ? view : view.withoutActors());
        });
    }

    @GET
    @Path("{id}/members")
    @Produces(MediaType.APPLICATION_JSON)
    public Response members(@PathParam("id") String id, @QueryParam("first") String first, @QueryParam("max") String max) {
        return api.run(() -> {
            Member member = Member.of(api, id);
            int from = QueryParams.bounded("first", first, 0, 0, 100_000);
            int count = QueryParams.bounded("max", max, 100, 1, Organisations.MAX_PAGE);
            // One query for the administrators instead of one per member; e-mail addresses only for administrators.
            Set<String> admins = Set.copyOf(api.store().admins(id));
            List<Views.Member> members = api.organizations().getMembersStream(member.org(), Map.of(), null, from, count)
                    .map(user -> Views.Member.of(user, admins.contains(user.getId()), member.isAdmin())).toList();
            return ApiResponses.ok(Map.of("first", from, "max", count, "members", members));
        });
    }

    /**
     * Invites a personal account by its e-mail address (administrators). The answer is {@code 202 {"status":
     * "sent"}} whether or not the address belongs to a personal account; only then is a mail sent.
     */
    @POST
    @Path("{id}/invitations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response invite(@PathParam("id") String id, InputStream body) {
        return api.run(() -> {
            Member admin = Member.lockedAdmin(api, id).staffChange();
            String email = Text.email("email", JsonBody.read(body, Organisations.MAX_BODY).as(Invitation.class).email(), true);
            new Invitations(api.session()).invite(admin.org(), checked(admin.account()), email, admin.user());
            return ApiResponses.accepted(Map.of("status", "sent"));
        });
    }

    @GET
    @Path("{id}/invitations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response invitations(@PathParam("id") String id) {
        return api.run(() -> {
            Member admin = Member.of(api, id).admin();
            List<Views.Invitation> list = api.organizations().getInvitationManager()
                    .getAllStream(admin.org(), Map.of(), 0, Organisations.MAX_PAGE).map(Views.Invitation::of).toList();
            return ApiResponses.ok(Map.of("invitations", list));
        });
    }

    @DELETE
    @Path("{id}/invitations/{invitation}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response withdraw(@PathParam("id") String id, @PathParam("invitation") String invitationId) {
        return api.run(() -> {
            Member admin = Member.lockedAdmin(api, id);
            var manager = api.organizations().getInvitationManager();
            var invitation = invitationId == null || invitationId.length() > Organisations.MAX_ID ? null
                    : manager.getById(invitationId);
            if (invitation == null || !admin.org().getId().equals(invitation.getOrganizationId())) {
                throw new OrganisationException(404, "not_found", "no such invitation");
            }
            manager.remove(invitation.getId());
            return ApiResponses.noContent();
        });
    }

    /** Grants ({@code ADMIN}) or revokes ({@code USER}) the administrator role (administrators). */
    @PUT
    @Path("{id}/members/{user}/role")
    @Produces(MediaType.APPLICATION_JSON)
    public Response role(@PathParam("id") String id, @PathParam("user") String userId, InputStream body) {
        return api.run(() -> {
            // The organisation's lock first, then the caller's role, the target's and the count, all read under it.
            Member admin = Member.lockedAdmin(api, id).staffChange();
            MemberRole role = MemberRole.parse(JsonBody.read(body, Organisations.MAX_BODY).as(RoleChange.class).role());
            UserModel target = admin.other(api, userId);
            if (role == MemberRole.USER) {
                Administrators.checkRoleLoss(api.store().isAdmin(id, target.getId()), api.store().adminCount(id));
            }
            api.store().setAdmin(id, target.getId(), role == MemberRole.ADMIN, admin.user());
            return ApiResponses.ok(Views.Member.of(target, role == MemberRole.ADMIN, true));
        });
    }

    /** Removes a member (administrators), or the caller leaves (any member, their own id). */
    @DELETE
    @Path("{id}/members/{user}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("id") String id, @PathParam("user") String userId) {
        return api.run(() -> {
            // Serialised per organisation: two administrators removing each other at once must not both succeed;
            // the caller's role is read again under the lock.
            Member member = Member.of(api, id).locked(api);
            boolean leaving = member.user().getId().equals(userId);
            if (!leaving) {
                member.admin().writable().staffChange();
            }
            UserModel target = leaving ? member.user() : member.other(api, userId);
            if (api.organizations().isManagedMember(member.org(), target)) {
                // Keycloak's removeMember deletes a managed member's user account altogether.
                throw new OrganisationException(409, "managed_member",
                        "this member's account is managed by the organisation's identity provider and cannot be removed here");
            }
            Administrators.checkRoleLoss(api.store().isAdmin(id, target.getId()), api.store().adminCount(id));
            api.store().setAdmin(id, target.getId(), false, member.user());
            api.organizations().removeMember(member.org(), target);
            return ApiResponses.noContent();
        });
    }

    @GET
    @Path("{id}/favourites")
    @Produces(MediaType.APPLICATION_JSON)
    public Response favourites(@PathParam("id") String id) {
        return api.run(() -> ApiResponses.ok(Map.of("favourites", api.store().favourites(Member.of(api, id).org().getId()))));
    }

    /** Replaces the quick-access list (administrators); every entry must be a client of this realm. */
    @PUT
    @Path("{id}/favourites")
    @Produces(MediaType.APPLICATION_JSON)
    public Response setFavourites(@PathParam("id") String id, InputStream body) {
        return api.run(() -> {
            Member.lockedAdmin(api, id);
            List<String> favourites = Favourites.of(JsonBody.read(body, Organisations.MAX_BODY).list("favourites"));
            for (String clientId : favourites) {
                if (Favourites.isInternal(clientId) || api.realm().getClientByClientId(clientId) == null) {
                    throw new OrganisationException(400, "unknown_client", "no online service with client id " + clientId);
                }
            }
            api.store().setFavourites(id, favourites);
            return ApiResponses.ok(Map.of("favourites", favourites));
        });
    }

    private void withinRegistrationLimit(UserModel user) {
        int limit = RealmLimits.of(api.realm(), REGISTRATIONS_PER_DAY, DEFAULT_REGISTRATIONS_PER_DAY);
        long since = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        if (api.store().accountsRegisteredSince(api.realm().getId(), user.getId(), since) >= limit) {
            throw new OrganisationException(429, "registration_limit_reached",
                    "at most " + limit + " organisations or authorities per person in 24 hours; try again later");
        }
    }

    private OrganizationModel newOrganization(String name, UserModel founder) {
        if (!api.realm().isOrganizationsEnabled() || !api.organizations().isEnabled()) {
            throw new OrganisationException(409, "organisations_disabled", "this realm has no organisations");
        }
        OrganizationModel org;
        try {
            // The alias is Keycloak's technical handle; ours is random so names with spaces are fine.
            org = api.organizations().create(name, "sk-" + KeycloakModelUtils.generateId());
        } catch (ModelDuplicateException e) {
            throw new OrganisationException(409, "organisation_exists", "an organisation with this name is already registered");
        }
        api.organizations().addMember(org, founder);
        return org;
    }

    /** Whether an operator has checked the organisation's data (verified) or the authority (reviewed). */
    private static boolean checked(OrganisationAccount account) {
        return account.kind() == AccountKind.ORGANISATION ? account.verifiedAt() != null
                : account.status() != null && account.status() != AuthorityStatus.APPLIED && account.status() != AuthorityStatus.REJECTED;
    }
}
