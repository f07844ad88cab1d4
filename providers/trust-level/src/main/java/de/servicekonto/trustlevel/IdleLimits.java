package de.servicekonto.trustlevel;

import java.util.HashMap;
import java.util.Map;

/**
 * The idle limit per trust level, as configured on the {@code sk-trust-level-idle} execution of a browser flow:
 * keys {@code idle-1}, {@code idle-2}, {@code idle-3}, values in seconds.
 */
public final class IdleLimits {

    public static final String CONFIG_PREFIX = "idle-";

    private IdleLimits() {
    }

    /** Parses the configuration; blank, non-numeric or non-positive values mean "no idle limit" for that level. */
    public static Map<Integer, Integer> parse(Map<String, String> config) {
        Map<Integer, Integer> limits = new HashMap<>();
        if (config == null) {
            return limits;
        }
        for (TrustLevel level : TrustLevel.values()) {
            String value = config.get(CONFIG_PREFIX + level.loa());
            try {
                int seconds = value == null ? 0 : Integer.parseInt(value.trim());
                if (seconds > 0) {
                    limits.put(level.loa(), seconds);
                }
            } catch (NumberFormatException e) {
                // not a limit; the admin console shows the value as entered
            }
        }
        return limits;
    }
}
