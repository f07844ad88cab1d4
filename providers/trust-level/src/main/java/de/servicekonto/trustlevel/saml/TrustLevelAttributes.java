package de.servicekonto.trustlevel.saml;

import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.TrustLevelIdentifier;
import de.servicekonto.trustlevel.Vocabulary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trust-level attributes of the BundID SAML profile for one login: the level reached, named in the vocabulary
 * the portal's RequestedAuthnContext used (STORK, the profile's own, if it named none), and the means used.
 */
public final class TrustLevelAttributes {

    /** EID-CITIZEN-QAA-LEVEL. */
    public static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    /** AssertionProvedBy: the means of authentication. */
    public static final String MEANS_USED = "urn:oid:1.3.6.1.4.1.25484.494450.2";
    /**
     * Prefix of the user-session notes in which an authenticator records its means ("eID", "Elster", …) per level,
     * e.g. {@code sk-means.3}; per level, so a session that falls back to a lower level never names the means of the
     * expired higher one.
     */
    public static final String MEANS_NOTE_PREFIX = "sk-means.";
    /** The means of the password step, the only level-niedrig means Keycloak itself provides. */
    public static final String PASSWORD_MEANS = "Benutzername";

    private TrustLevelAttributes() {
    }

    /**
     * @param loa          Keycloak's level of authentication for this client session (-1 or 0 when none was reached)
     * @param requestedRef the AuthnContextClassRef Keycloak selected from the request, or null
     * @param meansNote    the means an authenticator recorded for this level, or null
     * @return attribute name to value, in a stable order; empty when no trust level was reached
     */
    /** The user-session note holding the means of the given level. */
    public static String meansNote(int loa) {
        return MEANS_NOTE_PREFIX + loa;
    }

    public static Map<String, String> of(int loa, String requestedRef, String meansNote) {
        Map<String, String> attributes = new LinkedHashMap<>();
        TrustLevel level = TrustLevel.fromLoa(loa).orElse(null);
        if (level == null) {
            return attributes;
        }
        Vocabulary vocabulary = TrustLevelIdentifier.parse(requestedRef)
                .map(TrustLevelIdentifier::vocabulary)
                .orElse(Vocabulary.STORK);
        attributes.put(TRUST_LEVEL, level.identifier(vocabulary));
        String means = meansNote != null && !meansNote.isBlank() ? meansNote
                : level == TrustLevel.NIEDRIG ? PASSWORD_MEANS : null;
        if (means != null) {
            attributes.put(MEANS_USED, means);
        }
        return attributes;
    }
}
