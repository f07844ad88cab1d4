package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.Administrators;
import de.servicekonto.organisations.AuthorityApplication;
import de.servicekonto.organisations.AuthorityStatus;
import de.servicekonto.organisations.Favourites;
import de.servicekonto.organisations.MemberRole;
import de.servicekonto.organisations.OrganisationData;
import de.servicekonto.organisations.OperatorAccess;
import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.organisations.Text;
import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.organisations.spi.OrganisationsProvider;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelException;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import jakarta.persistence.PersistenceException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resource.RealmResourceProvider;

/**
 * {@code /realms/{realm}/sk-organisations}: organisation and authority accounts over REST (OpenAPI:
 * docs/api/organisations-api.yaml).
 *
 * <p>Every call carries a bearer token of this realm. Account-side calls need a personal account (not a client's
 * service account) through the account console or a client with {@value Caller#CLIENT_ATTRIBUTE}; each checks that
 * the organisation is in this realm and that the caller is a member (403 {@code forbidden} otherwise, the same for
 * an id that exists nowhere, so foreign organisations stay invisible) and, for changes, an administrator (403
 * {@code admin_required}); in an authority, staff and role changes need a login at hoch. Operator calls need the
 * realm role {@value #REVIEWER_ROLE} or {@value #VERIFIER_ROLE}, a token of the operator client and a login at hoch
 * ({@link OperatorAccess}); a login too weak is answered 401 {@code step_up_required} with an RFC 9470 challenge.
 * Errors are JSON {@code {"error","error_description"}}; a refused call changes nothing (its transaction is rolled
 * back).
 */
public final class OrganisationsResource implements RealmResourceProvider {

    /** Realm role of the operators who review authorities and bind their clients. */
    public static final String REVIEWER_ROLE = "sk-authority-reviewer";
    /** Realm role of the operators who mark organisation data as verified. */
    public static final String VERIFIER_ROLE = "sk-organisation-verifier";

    private static final Logger LOG = Logger.getLogger(OrganisationsResource.class);
    private static final int MAX_ID = 36;
    private static final int MAX_PAGE = 200;
    /**
     * Realm attribute: most organisation and authority accounts one person registers in 24 hours (default
     * {@value #DEFAULT_REGISTRATIONS_PER_DAY}), so nobody fills the realm with throwaway organisations (to squat
     * names or to use up an address's invitation limit).
     */
    static final String REGISTRATIONS_PER_DAY = "sk.organisations.registrationsPerDay";
    static final int DEFAULT_REGISTRATIONS_PER_DAY = 5;

    private final KeycloakSession session;

    OrganisationsResource(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Object getResource() {
        return this;
    }

    // --- account side -------------------------------------------------------------------------------------------

    /** The caller's organisations and authorities, with their role in each. */
    @GET
    @Path("organisations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response mine() {
        return handle(() -> {
            UserModel user = Caller.of(session).personal().user();
            // Our records and the caller's administrator roles in two queries, not two per organisation.
            List<OrganizationModel> orgs = organizations().getByMember(user).toList();
            Map<String, OrganisationAccount> accounts = store().accounts(realm(), orgs.stream().map(OrganizationModel::getId).toList());
            java.util.Set<String> administered = java.util.Set.copyOf(store().organisationsAdministeredBy(user.getId()));
            List<Views.Membership> list = orgs.stream().filter(org -> accounts.containsKey(org.getId()))
                    .map(org -> Views.Membership.of(org, accounts.get(org.getId()), administered.contains(org.getId())))
                    .limit(MAX_PAGE).toList();
            return ok(Map.of("organisations", list));
        });
    }

    /** Registers an organisation; the caller becomes its first administrator. */
    @POST
    @Path("organisations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(InputStream body) {
        return handle(() -> {
            UserModel user = Caller.of(session).personal().user();
            OrganisationData data = OrganisationData.from(Body.read(body).strings());
            withinRegistrationLimit(user);
            OrganizationModel org = newOrganization(data.name(), user);
            OrganisationAccount account = store().createOrganisation(realm(), org.getId(), data, user);
            return Response.status(201).entity(Views.Organisation.of(org, account, "ADMIN", List.of(), null))
                    .type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore()).build();
        });
    }

    /** Applies for an authority account; the applicant becomes its first administrator, state applied. */
    @POST
    @Path("authorities")
    @Produces(MediaType.APPLICATION_JSON)
    public Response apply(InputStream body) {
        return handle(() -> {
            UserModel user = Caller.of(session).personal().user();
            AuthorityApplication application = AuthorityApplication.from(Body.read(body).strings());
            withinRegistrationLimit(user);
            OrganizationModel org = newOrganization(application.name(), user);
            OrganisationAccount account = store().createAuthority(realm(), org.getId(), application, user);
            return Response.status(201).entity(Views.Organisation.of(org, account, "ADMIN", List.of(),
                            store().transitions(realm(), org.getId())))
                    .type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore()).build();
        });
    }

    /** One organisation or authority (members only); authorities with their review history. */
    @GET
    @Path("organisations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response organisation(@PathParam("id") String id) {
        return handle(() -> {
            Member member = member(id);
            Views.Organisation view = view(member.org(), member.account(), member.isAdmin() ? "ADMIN" : "USER");
            return ok(member.isAdmin() ? view : view.withoutActors());
        });
    }

    @GET
    @Path("organisations/{id}/members")
    @Produces(MediaType.APPLICATION_JSON)
    public Response members(@PathParam("id") String id, @QueryParam("first") String first, @QueryParam("max") String max) {
        return handle(() -> {
            Member member = member(id);
            int from = number("first", first, 0, 100_000);
            int count = number("max", max, 100, MAX_PAGE);
            // One query for the administrators instead of one per member; e-mail addresses only for administrators.
            java.util.Set<String> admins = java.util.Set.copyOf(store().admins(id));
            List<Views.Member> members = organizations().getMembersStream(member.org(), Map.of(), null, from, count)
                    .map(user -> Views.Member.of(user, admins.contains(user.getId()), member.isAdmin())).toList();
            return ok(Map.of("first", from, "max", count, "members", members));
        });
    }

    /**
     * Invites a personal account by its e-mail address (administrators). The answer is {@code 202 {"status":
     * "sent"}} whether or not the address belongs to a personal account; only then is a mail sent.
     */
    @POST
    @Path("organisations/{id}/invitations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response invite(@PathParam("id") String id, InputStream body) {
        return handle(() -> {
            Member admin = lockedAdmin(id).staffChange();
            String email = Text.email("email", Body.read(body).string("email"), true);
            new Invitations(session).invite(admin.org(), checked(admin.account()), email, admin.user());
            return Response.status(202).entity(Map.of("status", "sent"))
                    .type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore()).build();
        });
    }

    @GET
    @Path("organisations/{id}/invitations")
    @Produces(MediaType.APPLICATION_JSON)
    public Response invitations(@PathParam("id") String id) {
        return handle(() -> {
            Member admin = member(id).admin();
            List<Views.Invitation> list = organizations().getInvitationManager()
                    .getAllStream(admin.org(), Map.of(), 0, MAX_PAGE).map(Views.Invitation::of).toList();
            return ok(Map.of("invitations", list));
        });
    }

    @DELETE
    @Path("organisations/{id}/invitations/{invitation}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response withdraw(@PathParam("id") String id, @PathParam("invitation") String invitationId) {
        return handle(() -> {
            Member admin = lockedAdmin(id);
            var manager = organizations().getInvitationManager();
            var invitation = invitationId == null || invitationId.length() > MAX_ID ? null : manager.getById(invitationId);
            if (invitation == null || !admin.org().getId().equals(invitation.getOrganizationId())) {
                throw new OrganisationException(404, "not_found", "no such invitation");
            }
            manager.remove(invitation.getId());
            return Response.noContent().build();
        });
    }

    /** Grants ({@code ADMIN}) or revokes ({@code USER}) the administrator role (administrators). */
    @PUT
    @Path("organisations/{id}/members/{user}/role")
    @Produces(MediaType.APPLICATION_JSON)
    public Response role(@PathParam("id") String id, @PathParam("user") String userId, InputStream body) {
        return handle(() -> {
            // The organisation's lock first, then the caller's role, the target's and the count, all read under it.
            Member admin = lockedAdmin(id).staffChange();
            MemberRole role = MemberRole.parse(Body.read(body).string("role"));
            UserModel target = memberOf(admin.org(), userId);
            if (role == MemberRole.USER) {
                Administrators.checkRoleLoss(store().isAdmin(id, target.getId()), store().adminCount(id));
            }
            store().setAdmin(id, target.getId(), role == MemberRole.ADMIN, admin.user());
            return ok(Views.Member.of(target, role == MemberRole.ADMIN, true));
        });
    }

    /** Removes a member (administrators), or the caller leaves (any member, their own id). */
    @DELETE
    @Path("organisations/{id}/members/{user}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response remove(@PathParam("id") String id, @PathParam("user") String userId) {
        return handle(() -> {
            // Serialised per organisation: two administrators removing each other at once must not both succeed;
            // the caller's role is read again under the lock.
            Member member = locked(member(id));
            boolean leaving = member.user().getId().equals(userId);
            if (!leaving) {
                member.admin().writable().staffChange();
            }
            UserModel target = leaving ? member.user() : memberOf(member.org(), userId);
            if (organizations().isManagedMember(member.org(), target)) {
                // Keycloak's removeMember deletes a managed member's user account altogether.
                throw new OrganisationException(409, "managed_member",
                        "this member's account is managed by the organisation's identity provider and cannot be removed here");
            }
            Administrators.checkRoleLoss(store().isAdmin(id, target.getId()), store().adminCount(id));
            store().setAdmin(id, target.getId(), false, member.user());
            organizations().removeMember(member.org(), target);
            return Response.noContent().build();
        });
    }

    @GET
    @Path("organisations/{id}/favourites")
    @Produces(MediaType.APPLICATION_JSON)
    public Response favourites(@PathParam("id") String id) {
        return handle(() -> ok(Map.of("favourites", store().favourites(member(id).org().getId()))));
    }

    /** Replaces the quick-access list (administrators); every entry must be a client of this realm. */
    @PUT
    @Path("organisations/{id}/favourites")
    @Produces(MediaType.APPLICATION_JSON)
    public Response setFavourites(@PathParam("id") String id, InputStream body) {
        return handle(() -> {
            lockedAdmin(id);
            List<String> favourites = Favourites.of(Body.read(body).list("favourites"));
            for (String clientId : favourites) {
                if (Favourites.isInternal(clientId) || realm().getClientByClientId(clientId) == null) {
                    throw new OrganisationException(400, "unknown_client", "no online service with client id " + clientId);
                }
            }
            store().setFavourites(id, favourites);
            return ok(Map.of("favourites", favourites));
        });
    }

    /** Authorities that may act now, for anyone holding a token of this realm (e.g. to address a Postfach). */
    @GET
    @Path("authorities/active")
    @Produces(MediaType.APPLICATION_JSON)
    public Response activeAuthorities() {
        return handle(() -> {
            Caller.of(session);
            return ok(Map.of("authorities", authorityList(AuthorityStatus.ACTIVE)));
        });
    }

    /**
     * For a Fachverfahren: the authority the calling client (its service-account token) acts for. 403
     * {@code client_not_bound} without binding, 403 {@code authority_not_active} while the authority may not act.
     */
    @GET
    @Path("client/authority")
    @Produces(MediaType.APPLICATION_JSON)
    public Response clientAuthority() {
        return handle(() -> {
            ClientModel client = Caller.of(session).serviceClient();
            if (client == null) {
                throw new OrganisationException(403, "service_account_required", "only a client's own token can ask this");
            }
            String orgId = store().boundAuthority(realm(), client)
                    .orElseThrow(() -> new OrganisationException(403, "client_not_bound", "this client acts for no authority"));
            if (!store().isActiveAuthority(realm(), orgId)) {
                throw new OrganisationException(403, "authority_not_active", "the authority of this client may not act");
            }
            OrganisationAccount account = store().account(realm(), orgId).orElseThrow();
            OrganizationModel org = organizations().getById(orgId);
            return ok(new Views.Authority(orgId, org.getName(), account.agencyKey(), account.status().name()));
        });
    }

    // --- operator side ------------------------------------------------------------------------------------------

    /** The review queue: authorities in a state (default applied), oldest first. */
    @GET
    @Path("operator/authorities")
    @Produces(MediaType.APPLICATION_JSON)
    public Response queue(@QueryParam("status") String status) {
        return handle(() -> {
            Caller.of(session).operator(REVIEWER_ROLE);
            AuthorityStatus wanted = status == null ? AuthorityStatus.APPLIED : AuthorityStatus.parse(status);
            return ok(Map.of("authorities", authorityList(wanted)));
        });
    }

    @GET
    @Path("operator/authorities/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response authority(@PathParam("id") String id) {
        return handle(() -> {
            Caller.of(session).operator(REVIEWER_ROLE);
            OrganisationAccount account = ours(id, AccountKind.AUTHORITY);
            return ok(operatorView(id, account));
        });
    }

    /** Moves an authority on in its review ({@code {"status": "VERIFIED", "reason": "..."}}). */
    @POST
    @Path("operator/authorities/{id}/transitions")
    @Produces(MediaType.APPLICATION_JSON)
    public Response transition(@PathParam("id") String id, InputStream body) {
        return handle(() -> {
            UserModel operator = Caller.of(session).operator(REVIEWER_ROLE).user();
            ours(id, AccountKind.AUTHORITY);
            Body input = Body.read(body);
            AuthorityStatus target = AuthorityStatus.parse(input.string("status"));
            String reason = Text.field("reason", input.string("reason"), 500, false);
            OrganisationAccount account = store().transition(realm(), id, target, operator, reason);
            LOG.infof("Authority %s is now %s", id, target);
            return ok(operatorView(id, account));
        });
    }

    /**
     * Binds a client (with a service account) to an authority, so its Fachverfahren acts for it; a client bound
     * already is refused ({@code 409 client_already_bound}) until it is unbound. Recorded in the audit.
     */
    @PUT
    @Path("operator/authorities/{id}/clients/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response bind(@PathParam("id") String id, @PathParam("clientId") String clientId) {
        return handle(() -> {
            UserModel operator = Caller.of(session).operator(REVIEWER_ROLE).user();
            ours(id, AccountKind.AUTHORITY);
            ClientModel client = client(clientId);
            if (!client.isServiceAccountsEnabled() || client.isPublicClient()) {
                throw new OrganisationException(400, "no_service_account", "the client has no service account");
            }
            store().lock(realm(), id);
            store().bindClient(realm(), id, client, operator);
            return Response.noContent().build();
        });
    }

    /** Removes a client's binding to the authority (reviewers); recorded in the audit. */
    @DELETE
    @Path("operator/authorities/{id}/clients/{clientId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response unbind(@PathParam("id") String id, @PathParam("clientId") String clientId) {
        return handle(() -> {
            UserModel operator = Caller.of(session).operator(REVIEWER_ROLE).user();
            ours(id, AccountKind.AUTHORITY);
            ClientModel client = client(clientId);
            store().lock(realm(), id);
            store().unbindClient(realm(), id, client, operator);
            return Response.noContent().build();
        });
    }

    private ClientModel client(String clientId) {
        ClientModel client = clientId == null || clientId.length() > 255 ? null : realm().getClientByClientId(clientId);
        if (client == null) {
            throw new OrganisationException(404, "unknown_client", "no client with this client id");
        }
        return client;
    }

    /** An organisation's registered data, for the operator who checks it before marking it verified. */
    @GET
    @Path("operator/organisations/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response organisationForVerifier(@PathParam("id") String id) {
        return handle(() -> {
            Caller.of(session).operator(VERIFIER_ROLE);
            OrganisationAccount account = ours(id, AccountKind.ORGANISATION);
            return ok(operatorView(id, account));
        });
    }

    /** Marks an organisation's master data as verified by the calling operator, now. */
    @POST
    @Path("operator/organisations/{id}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify(@PathParam("id") String id) {
        return handle(() -> {
            UserModel operator = Caller.of(session).operator(VERIFIER_ROLE).user();
            ours(id, AccountKind.ORGANISATION);
            OrganisationAccount account = store().verify(realm(), id, operator);
            return ok(operatorView(id, account));
        });
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private void withinRegistrationLimit(UserModel user) {
        int limit = RealmLimits.of(realm(), REGISTRATIONS_PER_DAY, DEFAULT_REGISTRATIONS_PER_DAY);
        long since = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        if (store().accountsRegisteredSince(realm().getId(), user.getId(), since) >= limit) {
            throw new OrganisationException(429, "registration_limit_reached",
                    "at most " + limit + " organisations or authorities per person in 24 hours; try again later");
        }
    }

    /**
     * The caller as a member of {@code id}, or 403 {@code forbidden} when the organisation is not one the caller
     * belongs to: the same answer for another's organisation, another realm's and an id that exists nowhere.
     */
    private Member member(String id) {
        Caller caller = Caller.of(session).personal();
        UserModel user = caller.user();
        // Our own table first: it is per realm, while Keycloak's getById throws for another realm's id.
        OrganisationAccount account = id == null || id.length() > MAX_ID ? null : store().account(realm(), id).orElse(null);
        OrganizationModel org = account == null ? null : organizations().getById(id);
        if (org == null || !organizations().isMember(org, user)) {
            throw new OrganisationException(403, "forbidden", "not a member of this organisation");
        }
        return new Member(org, account, user, store().isAdmin(id, user.getId()), caller);
    }

    /**
     * The member with the organisation's row lock held until the transaction ends, and their administrator role
     * and the account read again under it (a concurrent change committed meanwhile is seen).
     */
    private Member locked(Member member) {
        String id = member.org().getId();
        store().lock(realm(), id);
        OrganisationAccount account = store().account(realm(), id)
                .orElseThrow(() -> new OrganisationException(404, "not_found", "no such organisation among yours"));
        return new Member(member.org(), account, member.user(), store().isAdmin(id, member.user().getId()), member.caller());
    }

    /** The caller as an administrator of an enabled organisation {@code id}, under the organisation's lock. */
    private Member lockedAdmin(String id) {
        return locked(member(id)).admin().writable();
    }

    private record Member(OrganizationModel org, OrganisationAccount account, UserModel user, boolean isAdmin, Caller caller) {
        Member admin() {
            if (!isAdmin) {
                throw new OrganisationException(403, "admin_required", "only the organisation's administrators can do this");
            }
            return this;
        }

        /**
         * Who belongs to an authority and who administers it decides who reads and sends its official mail, so in
         * an authority inviting, removing a member and changing an administrator role need a login at trust level
         * hoch, as the operator's own actions do (401 {@code step_up_required}). Organisations keep the level
         * their administrators logged in with.
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
    }

    /** Whether an operator has checked the organisation's data (verified) or the authority (reviewed). */
    private static boolean checked(OrganisationAccount account) {
        return account.kind() == AccountKind.ORGANISATION ? account.verifiedAt() != null
                : account.status() != null && account.status() != AuthorityStatus.APPLIED && account.status() != AuthorityStatus.REJECTED;
    }

    private UserModel memberOf(OrganizationModel org, String userId) {
        UserModel user = userId == null || userId.length() > MAX_ID ? null : organizations().getMemberById(org, userId);
        if (user == null) {
            throw new OrganisationException(404, "member_not_found", "no such member");
        }
        return user;
    }

    /** Our account of kind {@code kind} in this realm; our table is asked first, it is per realm. */
    private OrganisationAccount ours(String id, AccountKind kind) {
        OrganisationAccount account = id == null || id.length() > MAX_ID ? null : store().account(realm(), id).orElse(null);
        if (account == null || account.kind() != kind || organizations().getById(id) == null) {
            throw new OrganisationException(404, "not_found", "no such " + kind.name().toLowerCase(java.util.Locale.ROOT));
        }
        return account;
    }

    private OrganizationModel newOrganization(String name, UserModel founder) {
        if (!realm().isOrganizationsEnabled() || !organizations().isEnabled()) {
            throw new OrganisationException(409, "organisations_disabled", "this realm has no organisations");
        }
        OrganizationModel org;
        try {
            // The alias is Keycloak's technical handle; ours is random so names with spaces are fine.
            org = organizations().create(name, "sk-" + KeycloakModelUtils.generateId());
        } catch (ModelDuplicateException e) {
            throw new OrganisationException(409, "organisation_exists", "an organisation with this name is already registered");
        }
        organizations().addMember(org, founder);
        return org;
    }

    private Views.Organisation view(OrganizationModel org, OrganisationAccount account, String role) {
        return Views.Organisation.of(org, account, role, store().favourites(org.getId()),
                account.kind() == AccountKind.AUTHORITY ? store().transitions(realm(), org.getId()) : null);
    }

    /** What an operator sees: the account, its review history and its audit events. */
    private Views.Organisation operatorView(String id, OrganisationAccount account) {
        return view(organizations().getById(id), account, null).withEvents(store().events(id));
    }

    private List<Views.Authority> authorityList(AuthorityStatus status) {
        List<String> ids = store().authorities(realm(), status, MAX_PAGE);
        Map<String, OrganisationAccount> accounts = store().accounts(realm(), ids);
        return ids.stream().filter(accounts::containsKey).map(orgId -> {
            OrganizationModel org = organizations().getById(orgId);
            return new Views.Authority(orgId, org == null ? null : org.getName(), accounts.get(orgId).agencyKey(), status.name());
        }).toList();
    }

    private static int number(String name, String value, int fallback, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.length() > 7 || !value.matches("[0-9]+")) {
            throw OrganisationException.invalid(name + " must be a whole number from 0 to " + max);
        }
        int number = Integer.parseInt(value);
        if (number > max || ("max".equals(name) && number < 1)) {
            throw OrganisationException.invalid(name + " is out of range");
        }
        return number;
    }

    /**
     * Runs a call and writes it to the database (flush), so that a constraint or version conflict surfaces here and
     * not at commit. A refusal rolls back whatever the call wrote and becomes the JSON error: Keycloak's "no such
     * model" (for example another realm's id) becomes {@code 404 not_found}, a duplicate, a constraint violation or
     * a concurrent change {@code 409 conflict}; anything else is logged and answered {@code 500 server_error}
     * without detail.
     */
    private Response handle(Supplier<Response> call) {
        try {
            Response response = call.get();
            session.getProvider(JpaConnectionProvider.class).getEntityManager().flush();
            return response;
        } catch (OrganisationException e) {
            return error(e);
        } catch (ModelDuplicateException e) {
            return error(409, "conflict", "this conflicts with existing data");
        } catch (ModelException e) {
            return error(404, "not_found", "no such object");
        } catch (PersistenceException e) {
            LOG.debugf("Conflict in the organisations API: %s", e.getClass().getName());
            return error(409, "conflict", "changed concurrently; read again and retry");
        } catch (jakarta.ws.rs.WebApplicationException e) {
            session.getTransactionManager().setRollbackOnly();
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Unexpected error in the organisations API", e);
            return error(500, "server_error", "internal error");
        }
    }

    private Response error(int status, String code, String description) {
        session.getTransactionManager().setRollbackOnly();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", code, "error_description", description)).cacheControl(noStore()).build();
    }

    private Response error(OrganisationException e) {
        if (e.stepUpAcr() == null) {
            Response response = error(e.status(), e.code(), e.getMessage());
            return e.status() == 401 ? Response.fromResponse(response)
                    .header("WWW-Authenticate", "Bearer realm=\"sk-organisations\"").build() : response;
        }
        session.getTransactionManager().setRollbackOnly();
        // RFC 9470 (OAuth 2.0 Step Up Authentication Challenge), the same shape as the Postfach's: a new token from
        // a login asking for acr_values is needed; the body keeps this API's error format.
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", "Bearer realm=\"sk-organisations\", error=\"insufficient_user_authentication\", "
                        + "error_description=\"A stronger login is required\", acr_values=\"" + e.stepUpAcr() + "\"")
                .entity(Map.of("error", e.code(), "error_description", e.getMessage(), "acr", e.stepUpAcr(),
                        "trustLevel", OperatorAccess.REQUIRED.germanName()))
                .cacheControl(noStore()).build();
    }

    private static Response ok(Object entity) {
        return Response.ok(entity).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore()).build();
    }

    private static CacheControl noStore() {
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return cache;
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    private OrganisationsProvider store() {
        return session.getProvider(OrganisationsProvider.class);
    }

    @Override
    public void close() {
    }
}
