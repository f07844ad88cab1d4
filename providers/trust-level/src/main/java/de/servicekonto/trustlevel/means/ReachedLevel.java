package de.servicekonto.trustlevel.means;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.saml.TrustLevelAttributes;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.Constants;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The trust level a login reached and the means that reached it, as the authentication session records them when the
 * login ends: Keycloak's level of authentication note, and the means note our authenticators write per level (a
 * password step writes none: Keycloak's own form knows nothing of means, so level niedrig without a note is the
 * password). Read by the activity log and by the login meters, so both name a login the same way.
 *
 * @param loa   Keycloak's level of authentication (1 = niedrig … 3 = hoch)
 * @param means the means as recorded, never longer than {@link #MAX_MEANS}; null when no authenticator named one
 */
public record ReachedLevel(int loa, String means) {

    /** Longer notes are cut: a note is ours, but the bound keeps a stored or labelled value small whatever it holds. */
    public static final int MAX_MEANS = 64;

    /** The level and means of the login this authentication session completed, if it reached a level. */
    public static Optional<ReachedLevel> of(AuthenticationSessionModel authSession) {
        if (authSession == null) {
            return Optional.empty();
        }
        return of(authSession.getAuthNote(Constants.LEVEL_OF_AUTHENTICATION), authSession.getUserSessionNotes());
    }

    /** Pure form of {@link #of(AuthenticationSessionModel)}: the level note and the user-session notes. */
    public static Optional<ReachedLevel> of(String loaNote, Map<String, String> userSessionNotes) {
        int loa;
        try {
            loa = loaNote == null ? 0 : Integer.parseInt(loaNote.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (loa <= 0) {
            return Optional.empty();
        }
        String means = userSessionNotes == null ? null : userSessionNotes.get(TrustLevelAttributes.meansNote(loa));
        if (means == null && loa == TrustLevel.NIEDRIG.loa()) {
            means = TrustLevelAttributes.PASSWORD_MEANS;
        }
        if (means != null && means.length() > MAX_MEANS) {
            means = means.substring(0, MAX_MEANS);
        }
        return Optional.of(new ReachedLevel(loa, means));
    }
}
