package de.servicekonto.trustlevel;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which level a session may still assert (BSI TR-03160-1 session limits per level): each level reached has a
 * maximum age since it was reached ({@code loa-max-age} of its level condition) and may have an idle limit since it
 * was last used.
 *
 * <p>Levels are looked at from the lowest up and the first invalid one ends the search, as in Keycloak's own SSO
 * check (26.7.3 {@code AcrStore.getHighestAuthenticatedLevelFromPreviousAuthentication}), so a session never
 * asserts a level above one it has lost.
 */
public final class LevelValidity {

    private LevelValidity() {
    }

    /**
     * @param reachedAt  level to the epoch second it was reached
     * @param lastUsedAt level to the epoch second a login or token refresh last asserted it (may be missing)
     * @param maxAge     level to its maximum age in seconds; a level without one counts as expired
     * @param idle       level to its idle limit in seconds; a level without one has no idle limit
     * @param nowSeconds the current epoch second
     * @return the highest level still valid, or 0 if none is
     */
    public static int highestValidLevel(Map<Integer, Long> reachedAt, Map<Integer, Long> lastUsedAt,
                                        Map<Integer, Integer> maxAge, Map<Integer, Integer> idle, long nowSeconds) {
        int highest = 0;
        for (Map.Entry<Integer, Long> level : new TreeMap<>(reachedAt).entrySet()) {
            int number = level.getKey();
            long reached = level.getValue();
            if (reached + maxAge.getOrDefault(number, 0) < nowSeconds) {
                break;
            }
            Integer idleLimit = idle.get(number);
            long lastUsed = Math.max(reached, lastUsedAt.getOrDefault(number, reached));
            if (idleLimit != null && lastUsed + idleLimit < nowSeconds) {
                break;
            }
            highest = number;
        }
        return highest;
    }
}
