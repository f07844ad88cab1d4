package de.servicekonto.organisations.rest;

import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.AuthorityStatus;
import de.servicekonto.organisations.OrganisationException;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.organisations.spi.OrganisationsProvider;
import de.servicekonto.rest.BearerCaller;
import de.servicekonto.rest.RequestRunner;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * What the three audiences of the organisations API share within one request: the session, the runner, the
 * caller, Keycloak's organizations and our store, and the views and look-ups more than one audience answers with.
 */
final class Organisations {

    /** Ids are Keycloak UUIDs; longer input is refused before any look-up. */
    static final int MAX_ID = 36;
    static final int MAX_PAGE = 200;
    /** The request body bound of every call of this API. */
    static final int MAX_BODY = 16 * 1024;

    private final KeycloakSession session;
    private final RequestRunner<Response> runner;

    Organisations(KeycloakSession session) {
        this.session = session;
        this.runner = RequestRunner.forSession(session, OrganisationsResourceFactory.ID);
    }

    /** Runs a call of this API (see {@link RequestRunner}). */
    Response run(Supplier<Response> call) {
        return runner.run(call);
    }

    /** The caller, from a bearer token of this realm for any audience (401 {@code unauthorized} without). */
    Caller caller() {
        return new Caller(BearerCaller.authenticate(session, null, "a valid bearer token of this realm is required"));
    }

    KeycloakSession session() {
        return session;
    }

    RealmModel realm() {
        return session.getContext().getRealm();
    }

    OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    OrganisationsProvider store() {
        return session.getProvider(OrganisationsProvider.class);
    }

    /** Our account of kind {@code kind} in this realm; our table is asked first, it is per realm. */
    OrganisationAccount ours(String id, AccountKind kind) {
        OrganisationAccount account = id == null || id.length() > MAX_ID ? null : store().account(realm(), id).orElse(null);
        if (account == null || account.kind() != kind || organizations().getById(id) == null) {
            throw new OrganisationException(404, "not_found", "no such " + kind.name().toLowerCase(Locale.ROOT));
        }
        return account;
    }

    Views.Organisation view(OrganizationModel org, OrganisationAccount account, String role) {
        return Views.Organisation.of(org, account, role, store().favourites(org.getId()),
                account.kind() == AccountKind.AUTHORITY ? store().transitions(realm(), org.getId()) : null);
    }

    /** Authorities in {@code status}, oldest first, at most a page. */
    List<Views.Authority> authorityList(AuthorityStatus status) {
        List<String> ids = store().authorities(realm(), status, MAX_PAGE);
        Map<String, OrganisationAccount> accounts = store().accounts(realm(), ids);
        return ids.stream().filter(accounts::containsKey).map(orgId -> {
            OrganizationModel org = organizations().getById(orgId);
            return new Views.Authority(orgId, org == null ? null : org.getName(), accounts.get(orgId).agencyKey(), status.name());
        }).toList();
    }
}
