package de.servicekonto.postfach.directory;

import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.organisations.spi.OrganisationsProvider;
import de.servicekonto.postfach.spi.AuthorityDirectory;
import de.servicekonto.postfach.spi.AuthorityDirectoryFactory;
import de.servicekonto.postfach.spi.AuthorityRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * {@link AuthorityDirectory} on Servicekonto's authority accounts (module {@code organisations}): an authority is
 * an authority account; it may send and receive only while its review says active (and its Keycloak organization is
 * enabled); its staff are the organization's members; a Fachverfahren is a client an operator bound to it. Authority
 * id = the organization's id. An organisation (account of kind ORGANISATION) has a mailbox too, used by its members
 * who hold its administrator role. Ids of another realm are never looked up.
 */
public final class OrganisationsAuthorityDirectory implements AuthorityDirectory {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

    private final KeycloakSession session;

    OrganisationsAuthorityDirectory(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Optional<AuthorityRef> find(RealmModel realm, String authorityId) {
        return organization(realm, authorityId).map(org -> new AuthorityRef(org.getId(), org.getName(),
                org.isEnabled() && accounts().isActiveAuthority(realm, org.getId())));
    }

    @Override
    public Optional<String> authorityOfServiceAccount(RealmModel realm, ClientModel client) {
        if (client == null || !client.isServiceAccountsEnabled() || !realm.getId().equals(client.getRealm().getId())) {
            return Optional.empty();
        }
        return accounts().boundAuthority(realm, client);
    }

    @Override
    public boolean mayActFor(RealmModel realm, UserModel user, String authorityId) {
        if (user == null) {
            return false;
        }
        Optional<OrganizationModel> org = organization(realm, authorityId);
        return org.isPresent() && organizations(realm).map(p -> p.isMember(org.get(), user)).orElse(false);
    }

    @Override
    public Optional<String> organisationName(RealmModel realm, String orgId) {
        return organization(realm, orgId, AccountKind.ORGANISATION).filter(OrganizationModel::isEnabled)
                .map(OrganizationModel::getName);
    }

    @Override
    public boolean isOrganisation(RealmModel realm, String orgId) {
        return organization(realm, orgId, AccountKind.ORGANISATION).isPresent();
    }

    @Override
    public boolean mayActForOrganisation(RealmModel realm, UserModel user, String orgId) {
        if (user == null || user.getServiceAccountClientLink() != null || !user.isEnabled()) {
            return false;
        }
        Optional<OrganizationModel> org = organization(realm, orgId, AccountKind.ORGANISATION);
        // The administrator role alone is not enough: it must be held by a current member.
        return org.isPresent() && organizations(realm).map(p -> p.isMember(org.get(), user)).orElse(false)
                && accounts().isAdmin(org.get().getId(), user.getId());
    }

    @Override
    public List<UserModel> organisationAdministrators(RealmModel realm, String orgId) {
        Optional<OrganizationModel> org = organization(realm, orgId, AccountKind.ORGANISATION);
        if (org.isEmpty()) {
            return List.of();
        }
        List<UserModel> out = new ArrayList<>();
        for (String userId : accounts().admins(org.get().getId())) {
            UserModel user = session.users().getUserById(realm, userId);
            if (user != null && mayActForOrganisation(realm, user, org.get().getId())) {
                out.add(user);
            }
        }
        return out;
    }

    private Optional<OrganizationModel> organization(RealmModel realm, String authorityId) {
        return organization(realm, authorityId, AccountKind.AUTHORITY);
    }

    /** The Keycloak organization of an account of this kind in this realm (our table first: it names the realm). */
    private Optional<OrganizationModel> organization(RealmModel realm, String orgId, AccountKind kind) {
        if (orgId == null || !ID.matcher(orgId).matches()) {
            return Optional.empty();
        }
        Optional<OrganisationAccount> account = accounts().account(realm, orgId).filter(a -> a.kind() == kind);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        return organizations(realm).map(p -> p.getById(orgId));
    }

    private OrganisationsProvider accounts() {
        return session.getProvider(OrganisationsProvider.class);
    }

    private Optional<OrganizationProvider> organizations(RealmModel realm) {
        // Keycloak's provider works on the context realm only.
        if (!realm.equals(session.getContext().getRealm()) || !realm.isOrganizationsEnabled()) {
            return Optional.empty();
        }
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        return provider == null || !provider.isEnabled() ? Optional.empty() : Optional.of(provider);
    }

    /** Registered as {@value #ID}, the directory the Postfach uses. */
    public static final class Factory implements AuthorityDirectoryFactory {

        public static final String ID = "sk-organisations";

        @Override
        public AuthorityDirectory create(KeycloakSession session) {
            return new OrganisationsAuthorityDirectory(session);
        }

        @Override
        public void init(Config.Scope config) {
        }

        @Override
        public void postInit(KeycloakSessionFactory factory) {
        }

        @Override
        public void close() {
        }

        @Override
        public String getId() {
            return ID;
        }
    }
}
