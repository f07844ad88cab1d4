package de.servicekonto.stammdaten.lifecycle;

import de.servicekonto.stammdaten.jpa.AccountLifecycles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.storage.UserStoragePrivateUtil;

/**
 * Gives every local account of the realm its lifecycle row, a page of {@value #PAGE} accounts per sweep, through
 * Keycloak's user API (never its tables). Registrations and logins write their rows as they happen; this finds the
 * accounts that arrived without an event of ours: those from before this version (their former attributes are read,
 * {@link FirstMarks}), created by an operator or imported. The page position is the realm attribute
 * {@value #POSITION}; after the last page it starts again from the first, so a late account waits at most one round.
 */
final class AccountCensus {

    static final int PAGE = 1000;
    static final String POSITION = "sk.lifecycle.censusPosition";

    private AccountCensus() {
    }

    static void run(KeycloakSession session, RealmModel realm, Instant now) {
        int position = position(realm);
        // Local users only: a user federation (e.g. LDAP) is not searched, its users are never swept.
        List<UserModel> page = UserStoragePrivateUtil.userLocalStorage(session)
                .searchForUserStream(realm, Map.of(UserModel.INCLUDE_SERVICE_ACCOUNT, "false"), position, PAGE).toList();
        Set<String> recorded = AccountLifecycles.recorded(session, page.stream().map(UserModel::getId).toList());
        List<AccountLifecycles.Mark> missing = page.stream()
                .filter(user -> !recorded.contains(user.getId()) && user.getFederationLink() == null
                        && user.getServiceAccountClientLink() == null)
                .map(user -> new AccountLifecycles.Mark(user.getId(),
                        FirstMarks.lastActive(user.getFirstAttribute(FirstMarks.LEGACY_LAST_LOGIN), user.getCreatedTimestamp(), now),
                        FirstMarks.unconfirmedSince(user.getFirstAttribute(UnconfirmedRegistrations.MARK), user.isEmailVerified())))
                .toList();
        AccountLifecycles.insert(session, realm.getId(), missing);
        int next = page.size() < PAGE ? 0 : position + page.size();
        if (next != position) {
            realm.setAttribute(POSITION, String.valueOf(next));
        }
    }

    private static int position(RealmModel realm) {
        try {
            String value = realm.getAttribute(POSITION);
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
