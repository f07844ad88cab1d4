package de.servicekonto.postfach.spi;

import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.spi.OrganisationAccount;
import de.servicekonto.organisations.spi.OrganisationsProvider;
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
 * id = the organization's id. Ids of another realm are never looked up.
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

    /** The Keycloak organization of an authority account of this realm (our table first: it names the realm). */
    private Optional<OrganizationModel> organization(RealmModel realm, String authorityId) {
        if (authorityId == null || !ID.matcher(authorityId).matches()) {
            return Optional.empty();
        }
        Optional<OrganisationAccount> account = accounts().account(realm, authorityId)
                .filter(a -> a.kind() == AccountKind.AUTHORITY);
        if (account.isEmpty()) {
            return Optional.empty();
        }
        return organizations(realm).map(p -> p.getById(authorityId));
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
