package de.servicekonto.trustlevel.broker;

import de.servicekonto.trustlevel.TrustLevel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Stammdaten of an account came from a partner (another state's Servicekonto, an EU eID), from which and at
 * which level, as the ID card's values are marked with {@code sk-verified}: the Stammdaten page and the release to
 * portals say "aus dem Servicekonto von …" and the partner's level, not "selbst eingegeben". A value counts as the
 * partner's only while it is the value the partner sent: each mark carries a digest of that value, so a value the
 * citizen (or anyone) changed later loses its mark without our code having to watch every way of changing it. The
 * digest is of a value stored next to it in the same account, so it reveals nothing new. No Keycloak types.
 */
public final class BrokeredValues {

    /** User attribute, multi-valued: {@code <attribute>:<digest of its value as the partner sent it>}. */
    public static final String MARKS = "sk-brokered";
    /** User attribute: the source, {@code FINK:<alias>} or {@code eIDAS}. */
    public static final String SOURCE = "sk-brokered-by";
    /** User attribute: the partner's display name when the data came (the source's name on the pages). */
    public static final String SOURCE_NAME = "sk-brokered-name";
    /** User attribute: the level the partner vouched for, capped by {@value BrokerLevel#CAP_SETTING} (German name). */
    public static final String LEVEL = "sk-brokered-level";
    /** User attribute: when the data came (ISO-8601 instant). */
    public static final String AT = "sk-brokered-at";
    /** Longest display name kept; the partner's name comes from the operator, the bound keeps the account small. */
    static final int MAX_NAME = 100;

    private BrokeredValues() {
    }

    /** The source name of a partner's logins: {@code eIDAS} for an eIDAS connector, else {@code FINK:<alias>}. */
    public static String source(String means, String alias) {
        return "eIDAS".equals(means) ? "eIDAS" : "FINK:" + alias;
    }

    /** The partner's display name as kept: stripped, bounded, the alias if there is none. */
    public static String sourceName(String displayName, String alias) {
        String name = displayName == null || displayName.isBlank() ? alias : displayName.strip();
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    /** The marks of the values the partner sent, for the attribute names in the order given; blank values none. */
    public static List<String> marks(Map<String, String> taken) {
        return taken.entrySet().stream()
                .filter(entry -> entry.getValue() != null && !entry.getValue().isBlank())
                .map(entry -> entry.getKey() + ":" + digest(entry.getValue()))
                .toList();
    }

    /** Whether {@code attribute}'s current {@code value} is still the one a partner sent. */
    public static boolean fromPartner(Collection<String> marks, String attribute, String value) {
        if (marks == null || attribute == null || value == null || value.isBlank()) {
            return false;
        }
        String mark = attribute + ":" + digest(value);
        return marks.contains(mark);
    }

    /** The level recorded with the marks, if readable. */
    public static Optional<TrustLevel> level(String recorded) {
        return TrustLevel.fromGermanName(recorded);
    }

    /** The values of the given attributes whose current value still is the partner's, by name (for tests, pages). */
    public static Map<String, String> stillFromPartner(Collection<String> marks, Map<String, String> current) {
        Map<String, String> still = new LinkedHashMap<>();
        current.forEach((name, value) -> {
            if (fromPartner(marks, name, value)) {
                still.put(name, value);
            }
        });
        return still;
    }

    private static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.strip().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
