package de.servicekonto.trustlevel;

import java.util.Map;
import java.util.TreeMap;

/**
 * Which level a session may still assert, from the times its levels were reached and each level's maximum age
 * (BSI TR-03160-1 session limits, configured as {@code loa-max-age} of the level conditions).
 *
 * <p>Same rule as Keycloak's own SSO check (26.7.3 {@code AcrStore.getHighestAuthenticatedLevelFromPreviousAuthentication}):
 * levels are looked at from the lowest up and the first expired one ends the search, so a session never asserts a
 * level above one it has lost. Keycloak applies it when a login reuses the session; we also apply it when tokens are
 * refreshed, which Keycloak does not.
 */
public final class LevelValidity {

    private LevelValidity() {
    }

    /**
     * @param reachedAt   level to the epoch second it was reached
     * @param maxAge      level to its maximum age in seconds; a level without one counts as expired
     * @param nowSeconds  the current epoch second
     * @return the highest level still valid, or 0 if none is
     */
    public static int highestValidLevel(Map<Integer, Long> reachedAt, Map<Integer, Integer> maxAge, long nowSeconds) {
        int highest = 0;
        for (Map.Entry<Integer, Long> level : new TreeMap<>(reachedAt).entrySet()) {
            long age = maxAge.getOrDefault(level.getKey(), 0);
            if (level.getValue() + age < nowSeconds) {
                break;
            }
            highest = level.getKey();
        }
        return highest;
    }
}
