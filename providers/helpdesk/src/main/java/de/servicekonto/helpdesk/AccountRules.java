package de.servicekonto.helpdesk;

import de.servicekonto.rest.ApiException;
import java.util.Locale;

/**
 * What the help desk may do to an account, decided from its state alone (no Keycloak types, so {@code
 * AccountRulesTest} reaches every branch). The help desk's lock is its own: it disables the account and marks it
 * with {@value #LOCK_ATTRIBUTE}, and only an account so marked is unlocked again by the help desk. An account an
 * administrator disabled stays disabled: the first level must not overrule the second. An administrator who saves an
 * account the help desk has locked takes the lock over: {@code AdministratorSaves} removes the mark, so a disabled
 * account without it is the administrator's, whatever the help desk did before.
 */
public final class AccountRules {

    /** User attribute: when the help desk locked the account (epoch milliseconds); unmanaged, so only admins see it. */
    public static final String LOCK_ATTRIBUTE = "sk.helpdesk.lockedAt";
    /** Who holds an account's lock, as the help desk's view names it. */
    public enum LockedBy { HELPDESK, ADMINISTRATOR }

    /** Search input: shorter finds too many accounts to be a look-up, longer is no name or address. */
    static final int MIN_SEARCH = 3;
    static final int MAX_SEARCH = 100;
    /** Ids are Keycloak UUIDs; longer input is refused before any look-up. */
    static final int MAX_ID = 36;

    /** The state the rules look at. */
    public record State(boolean enabled, boolean lockedByHelpdesk, boolean bruteForceLocked, boolean privileged,
                        String email, boolean emailVerified) {
    }

    /** What an unlock lifts. */
    public record Unlock(boolean helpdeskLock, boolean bruteForceLock) {
    }

    private AccountRules() {
    }

    /** The search text, trimmed; 400 {@code invalid_request} when absent, too short or too long. */
    public static String search(String value) {
        String text = value == null ? "" : value.strip();
        if (text.length() < MIN_SEARCH || text.length() > MAX_SEARCH || text.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("search must be " + MIN_SEARCH + " to " + MAX_SEARCH
                    + " characters (user name, e-mail address or part of either)");
        }
        // Keycloak's user search reads '*' as a wildcard, '"…"' as an exact term and whitespace as several terms: with
        // them "***" would match every account and the minimum length would not bound a listing of the realm. One
        // literal prefix of at least MIN_SEARCH characters it is.
        if (text.chars().anyMatch(c -> c == '*' || c == '"' || c == '\\' || Character.isWhitespace(c))) {
            throw ApiException.invalid("search is one user name or e-mail address or its beginning, without *, \" "
                    + "or spaces");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    /** Whether a realm role is one of Servicekonto's staff roles, whose holders the help desk may not lock or unlock. */
    public static boolean staffRole(String roleName) {
        return roleName != null && roleName.startsWith("sk-");
    }

    /** Whether {@code id} can be an account id at all (else the answer is 404 without a look-up). */
    public static boolean plausibleId(String id) {
        return id != null && !id.isEmpty() && id.length() <= MAX_ID && id.chars().allMatch(c -> c == '-'
                || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    }

    /** Who holds the lock of an account in this state; null when it is enabled and not marked. */
    public static LockedBy lockedBy(boolean enabled, boolean lockedByHelpdesk) {
        if (lockedByHelpdesk) {
            return LockedBy.HELPDESK;
        }
        return enabled ? null : LockedBy.ADMINISTRATOR;
    }

    /** Refuses a lock that is not the help desk's to make; otherwise the account is to be locked. */
    public static void lock(State state) {
        actOn(state);
        if (state.lockedByHelpdesk()) {
            throw new ApiException(409, "already_locked", "the help desk has locked this account already");
        }
        if (!state.enabled()) {
            throw new ApiException(409, "account_disabled",
                    "an administrator disabled this account; only an administrator can change that");
        }
    }

    /** What to lift; refuses when there is nothing the help desk may lift. */
    public static Unlock unlock(State state) {
        actOn(state);
        if (!state.lockedByHelpdesk() && !state.enabled()) {
            throw new ApiException(409, "account_disabled",
                    "an administrator disabled this account; only an administrator can change that");
        }
        if (!state.lockedByHelpdesk() && !state.bruteForceLocked()) {
            throw new ApiException(409, "not_locked", "the account is not locked");
        }
        return new Unlock(state.lockedByHelpdesk(), state.bruteForceLocked());
    }

    /** Refuses a confirmation e-mail that could not confirm anything. */
    public static void resendConfirmation(State state) {
        actOn(state);
        if (state.email() == null || state.email().isBlank()) {
            throw new ApiException(409, "no_email", "the account has no e-mail address");
        }
        if (state.emailVerified()) {
            throw new ApiException(409, "already_confirmed", "the account's e-mail address is confirmed already");
        }
        if (!state.enabled()) {
            throw new ApiException(409, "account_disabled", "the account is locked or disabled; unlock it first");
        }
    }

    /**
     * The help desk acts on citizens' accounts only: an account holding the help-desk role or an administrator role
     * of the realm is out of its reach (so no help-desk member locks out an administrator or another member).
     */
    private static void actOn(State state) {
        if (state.privileged()) {
            throw ApiException.forbidden("privileged_account",
                    "accounts of administrators and of the help desk are changed by administrators only");
        }
    }
}
