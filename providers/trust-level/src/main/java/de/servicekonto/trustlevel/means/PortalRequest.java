package de.servicekonto.trustlevel.means;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What a portal asked of this login beyond the trust level: which means the citizen may use (BundID
 * {@code akdb:AuthnMethods}) and the name to show on the login pages (BundID {@code akdb:DisplayInformation}).
 * Carried in the authentication session's client notes. Unrestricted unless the portal listed its means; a
 * portal that listed none it enables allows nothing.
 */
public record PortalRequest(boolean restricted, Set<String> allowedMeans, Optional<String> displayName) {

    /** Client note: the allowed means, separated by commas, or {@value #ANY}. */
    public static final String NOTE_MEANS = "sk-portal.means";
    /** Client note: the portal's display name for the login pages. */
    public static final String NOTE_DISPLAY_NAME = "sk-portal.display-name";
    /** Longest display name shown; longer names are cut, so a portal cannot fill the page. */
    public static final int MAX_DISPLAY_NAME = 120;
    static final int MAX_MEANS = 16;
    static final String ANY = "*";

    /** A request without restrictions or display name. */
    public static final PortalRequest NONE = new PortalRequest(false, Set.of(), Optional.empty());

    public PortalRequest {
        if (allowedMeans.size() > MAX_MEANS) {
            throw new IllegalArgumentException("too many means");
        }
        for (String means : allowedMeans) {
            if (means.isEmpty() || means.length() > 32 || !means.chars().allMatch(Character::isLetterOrDigit)) {
                throw new IllegalArgumentException("invalid means name");
            }
        }
        allowedMeans = restricted ? Set.copyOf(allowedMeans) : Set.of();
        displayName = displayName.map(PortalRequest::clean).filter(name -> !name.isEmpty());
    }

    /** A request; {@code allowedMeans} null if the portal did not restrict the means. */
    public static PortalRequest of(Collection<String> allowedMeans, String displayName) {
        return new PortalRequest(allowedMeans != null, allowedMeans == null ? Set.of() : new LinkedHashSet<>(allowedMeans),
                Optional.ofNullable(displayName));
    }

    /** True if the portal lets the citizen use this means (see {@link Means}). */
    public boolean allows(String means) {
        return !restricted || allowedMeans.contains(means);
    }

    /** True if the portal restricts the means to fewer than this service offers. */
    public boolean restricts(Collection<String> offered) {
        return restricted && !allowedMeans.containsAll(offered);
    }

    /** Writes both notes; always, so a portal's earlier request in the same browser cannot carry over. */
    public void writeTo(AuthenticationSessionModel authSession) {
        authSession.setClientNote(NOTE_MEANS, restricted ? String.join(",", allowedMeans) : ANY);
        authSession.setClientNote(NOTE_DISPLAY_NAME, displayName.orElse(""));
    }

    public static PortalRequest of(AuthenticationSessionModel authSession) {
        if (authSession == null) {
            return NONE;
        }
        String means = authSession.getClientNote(NOTE_MEANS);
        boolean restricted = means != null && !ANY.equals(means);
        Set<String> allowed = new LinkedHashSet<>();
        if (restricted) {
            for (String part : means.split(",")) {
                if (!part.isBlank()) {
                    allowed.add(part.strip());
                }
            }
        }
        try {
            return new PortalRequest(restricted, allowed, Optional.ofNullable(authSession.getClientNote(NOTE_DISPLAY_NAME)));
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }

    /** Single line, no control characters, bounded; HTML escaping is the template's business. */
    static String clean(String name) {
        StringBuilder clean = new StringBuilder();
        name.strip().codePoints()
                // Format characters (bidi overrides and isolates such as U+202E, zero-width spaces and joiners, U+FEFF)
                // are invisible but can reorder what the citizen reads on our login page: a portal's name shows without them.
                .filter(c -> Character.getType(c) != Character.FORMAT)
                .forEach(c -> clean.appendCodePoint(Character.isISOControl(c) || Character.isWhitespace(c) ? ' ' : c));
        String single = clean.toString().replaceAll(" {2,}", " ").strip();
        return single.length() <= MAX_DISPLAY_NAME ? single : single.substring(0, MAX_DISPLAY_NAME).strip() + "…";
    }
}
