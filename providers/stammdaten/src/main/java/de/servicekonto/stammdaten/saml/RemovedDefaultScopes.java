package de.servicekonto.stammdaten.saml;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.keycloak.models.RealmModel;

/**
 * Keycloak's built-in client scopes that a realm's configuration takes out of its defaults, named in the realm
 * attribute {@value #ATTRIBUTE} (comma-separated), applied once when the realm is created or imported.
 *
 * <p>Why a hook: Keycloak 26.7.3 creates its built-in scopes (among them SAML's {@code role_list}) as realm defaults
 * before it reads the realm file, and the file's {@code defaultDefaultClientScopes} can only add scopes the file
 * itself defines, never remove a built-in one. Without {@code role_list} a portal's assertions no longer list the
 * account's realm and client roles, which no portal of ours needs and which tell it more than it should know.
 */
public final class RemovedDefaultScopes {

    public static final String ATTRIBUTE = "sk.import.removeDefaultClientScopes";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_:.-]{1,100}");

    private RemovedDefaultScopes() {
    }

    /** The scope names of the attribute's value; names that cannot be scope names are refused. */
    public static Set<String> names(String value) {
        Set<String> names = new LinkedHashSet<>();
        if (value == null) {
            return names;
        }
        for (String part : value.split(",")) {
            String name = part.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(ATTRIBUTE + ": not a client scope name: " + name);
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Takes the named scopes out of the realm's default and optional client scopes and out of every client the
     * import created. Runs inside the creating transaction, so the realm never exists with them.
     */
    public static void apply(RealmModel realm) {
        Set<String> names = names(realm.getAttribute(ATTRIBUTE));
        if (names.isEmpty()) {
            return;
        }
        realm.getClientScopesStream().filter(scope -> names.contains(scope.getName())).toList().forEach(scope -> {
            realm.removeDefaultClientScope(scope);
            realm.getClientsStream().forEach(client -> client.removeClientScope(scope));
        });
    }
}
