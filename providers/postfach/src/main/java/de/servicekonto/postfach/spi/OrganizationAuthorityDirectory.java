package de.servicekonto.postfach.spi;

import java.util.List;
import java.util.Map;
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
 * Interim {@link AuthorityDirectory} on Keycloak Organizations (feature {@code organization}, realm setting
 * {@code organizationsEnabled}): an authority is an organization with attribute {@value #KIND}={@value #AUTHORITY}; it
 * is active when the organization is enabled and {@value #STATUS}={@value #ACTIVE}; its staff are the members; a
 * Fachverfahren client names its authority in client attribute {@value #CLIENT_ATTRIBUTE}. Authority id = the
 * organization's id.
 */
public final class OrganizationAuthorityDirectory implements AuthorityDirectory {

    public static final String KIND = "sk-kind";
    public static final String AUTHORITY = "authority";
    public static final String STATUS = "sk-authority-status";
    public static final String ACTIVE = "active";
    public static final String CLIENT_ATTRIBUTE = "sk-authority-id";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

    private final KeycloakSession session;

    OrganizationAuthorityDirectory(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Optional<AuthorityRef> find(RealmModel realm, String authorityId) {
        return organization(realm, authorityId).map(org -> new AuthorityRef(org.getId(), org.getName(),
                org.isEnabled() && ACTIVE.equals(first(org.getAttributes(), STATUS))));
    }

    @Override
    public Optional<String> authorityOfServiceAccount(RealmModel realm, ClientModel client) {
        if (client == null || !client.isServiceAccountsEnabled() || !realm.getId().equals(client.getRealm().getId())) {
            return Optional.empty();
        }
        String id = client.getAttribute(CLIENT_ATTRIBUTE);
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id.strip());
    }

    @Override
    public boolean mayActFor(RealmModel realm, UserModel user, String authorityId) {
        Optional<OrganizationModel> org = organization(realm, authorityId);
        return org.isPresent() && user != null && provider(realm).map(p -> p.isMember(org.get(), user)).orElse(false);
    }

    private Optional<OrganizationModel> organization(RealmModel realm, String authorityId) {
        if (authorityId == null || !ID.matcher(authorityId).matches()) {
            return Optional.empty();
        }
        return provider(realm).map(p -> p.getById(authorityId))
                .filter(org -> AUTHORITY.equals(first(org.getAttributes(), KIND)));
    }

    private Optional<OrganizationProvider> provider(RealmModel realm) {
        // The provider works on the context realm; organizations of another realm are never looked at.
        if (!realm.equals(session.getContext().getRealm()) || !realm.isOrganizationsEnabled()) {
            return Optional.empty();
        }
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        return provider == null || !provider.isEnabled() ? Optional.empty() : Optional.of(provider);
    }

    private static String first(Map<String, List<String>> attributes, String name) {
        List<String> values = attributes == null ? null : attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Registered as {@value #ID}, the default directory. */
    public static final class Factory implements AuthorityDirectoryFactory {

        public static final String ID = "sk-organizations";

        @Override
        public AuthorityDirectory create(KeycloakSession session) {
            return new OrganizationAuthorityDirectory(session);
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
