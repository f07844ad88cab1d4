package de.servicekonto.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.rest.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountRulesTest {

    private static AccountRules.State citizen(boolean enabled, boolean helpdeskLock, boolean bruteForce) {
        return new AccountRules.State(enabled, helpdeskLock, bruteForce, false, "anna@example.de", false);
    }

    private static void refused(Runnable call, int status, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void givenServicekontoStaffRoles_thenTheyCountAsStaffAndOthersDoNot() {
        for (String staff : List.of("sk-helpdesk", "sk-authority-reviewer", "sk-organisation-verifier")) {
            assertThat(AccountRules.staffRole(staff)).as(staff).isTrue();
        }
        for (String other : List.of("offline_access", "uma_authorization", "default-roles-servicekonto", "SK-helpdesk")) {
            assertThat(AccountRules.staffRole(other)).as(other).isFalse();
        }
        assertThat(AccountRules.staffRole(null)).isFalse();
    }

    @Test
    void givenAnEnabledCitizen_thenTheHelpdeskMayLock() {
        AccountRules.lock(citizen(true, false, false));
        AccountRules.lock(citizen(true, false, true));
    }

    @Test
    void givenAnAccountLockedByTheHelpdesk_thenASecondLockIsAConflict() {
        refused(() -> AccountRules.lock(citizen(false, true, false)), 409, "already_locked");
    }

    @Test
    void givenAnAccountAnAdministratorDisabled_thenTheHelpdeskNeitherLocksNorUnlocksIt() {
        refused(() -> AccountRules.lock(citizen(false, false, false)), 409, "account_disabled");
        refused(() -> AccountRules.unlock(citizen(false, false, true)), 409, "account_disabled");
    }

    @Test
    void givenTheMarkAndTheEnabledFlag_thenTheLockIsTheHelpdesksTheAdministratorsOrNobodys() {
        assertThat(AccountRules.lockedBy(false, true)).isEqualTo(AccountRules.LockedBy.HELPDESK);
        assertThat(AccountRules.lockedBy(false, false)).isEqualTo(AccountRules.LockedBy.ADMINISTRATOR);
        assertThat(AccountRules.lockedBy(true, false)).isNull();
        // A mark left on an enabled account (an administrator enabled it before AdministratorSaves existed).
        assertThat(AccountRules.lockedBy(true, true)).isEqualTo(AccountRules.LockedBy.HELPDESK);
    }

    @Test
    void givenAHelpdeskLock_thenUnlockLiftsItAndAnyBruteForceLockout() {
        assertThat(AccountRules.unlock(citizen(false, true, false))).isEqualTo(new AccountRules.Unlock(true, false));
        assertThat(AccountRules.unlock(citizen(false, true, true))).isEqualTo(new AccountRules.Unlock(true, true));
        assertThat(AccountRules.unlock(citizen(true, false, true))).isEqualTo(new AccountRules.Unlock(false, true));
    }

    @Test
    void givenNoLock_thenUnlockIsAConflict() {
        refused(() -> AccountRules.unlock(citizen(true, false, false)), 409, "not_locked");
    }

    @Test
    void givenAnAdministratorOrHelpdeskMember_thenEveryActionIsForbidden() {
        AccountRules.State admin = new AccountRules.State(true, false, true, true, "a@example.de", false);
        refused(() -> AccountRules.lock(admin), 403, "privileged_account");
        refused(() -> AccountRules.unlock(admin), 403, "privileged_account");
        refused(() -> AccountRules.resendConfirmation(admin), 403, "privileged_account");
    }

    @Test
    void givenAnUnconfirmedAddress_thenTheConfirmationMayBeResentOnlyToAnEnabledAccountWithAnAddress() {
        AccountRules.resendConfirmation(citizen(true, false, false));
        refused(() -> AccountRules.resendConfirmation(new AccountRules.State(true, false, false, false, null, false)),
                409, "no_email");
        refused(() -> AccountRules.resendConfirmation(new AccountRules.State(true, false, false, false, " ", false)),
                409, "no_email");
        refused(() -> AccountRules.resendConfirmation(new AccountRules.State(true, false, false, false, "a@b.de", true)),
                409, "already_confirmed");
        refused(() -> AccountRules.resendConfirmation(citizen(false, true, false)), 409, "account_disabled");
    }

    @Test
    void givenASearch_thenItIsTrimmedLowerCasedAndBounded() {
        assertThat(AccountRules.search("  Anna@Example.DE ")).isEqualTo("anna@example.de");
        assertThat(AccountRules.search("abc")).isEqualTo("abc");
        refused(() -> AccountRules.search("ab"), 400, "invalid_request");
        assertThat(AccountRules.search("a".repeat(100))).hasSize(100);
        refused(() -> AccountRules.search(null), 400, "invalid_request");
        refused(() -> AccountRules.search(" a "), 400, "invalid_request");
        refused(() -> AccountRules.search("a".repeat(101)), 400, "invalid_request");
        refused(() -> AccountRules.search("an\nna"), 400, "invalid_request");
        // Keycloak's wildcard, exact-term quotes and term separator would widen the search beyond a prefix.
        refused(() -> AccountRules.search("***"), 400, "invalid_request");
        refused(() -> AccountRules.search("a**"), 400, "invalid_request");
        refused(() -> AccountRules.search("*@example.de"), 400, "invalid_request");
        refused(() -> AccountRules.search("\"anna\""), 400, "invalid_request");
        refused(() -> AccountRules.search("ann a"), 400, "invalid_request");
        refused(() -> AccountRules.search("ann\\a"), 400, "invalid_request");
    }

    @Test
    void givenAnId_thenOnlyUuidShapedInputIsLookedUp() {
        assertThat(AccountRules.plausibleId("3f2a1c9e-0b7d-4e5f-9a8b-1c2d3e4f5a6b")).isTrue();
        assertThat(AccountRules.plausibleId(null)).isFalse();
        assertThat(AccountRules.plausibleId("")).isFalse();
        assertThat(AccountRules.plausibleId("a".repeat(37))).isFalse();
        assertThat(AccountRules.plausibleId("../admin")).isFalse();
        assertThat(AccountRules.plausibleId("a b")).isFalse();
    }
}
