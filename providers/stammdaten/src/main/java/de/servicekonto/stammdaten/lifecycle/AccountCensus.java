package de.servicekonto.stammdaten.lifecycle;

import de.servicekonto.stammdaten.jpa.AccountLifecycles;
import de.servicekonto.stammdaten.jpa.CensusPositions;
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
 * {@link FirstMarks}), created by an operator or imported. The page position is kept by
 * {@link CensusCursor} in our table, never in the realm; after the last page it starts again from the first, so a
 * late account waits at most one round.
 */
final class AccountCensus {

    static final int PAGE = 1000;

    private AccountCensus() {
    }

    static void run(KeycloakSession session, RealmModel realm, Instant now) {
        CensusPositions positions = CensusPositions.of(session);
        CensusCursor cursor = CensusCursor.of(positions.get(realm.getId()), realm.getAttribute(CensusCursor.LEGACY_ATTRIBUTE),
                () -> realm.removeAttribute(CensusCursor.LEGACY_ATTRIBUTE), next -> positions.put(realm.getId(), next));
        int position = cursor.position();
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
        cursor.advance(page.size(), PAGE);
    }
}
