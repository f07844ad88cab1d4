package de.servicekonto.trustlevel;

import java.util.Optional;

/**
 * The three trust levels (Vertrauensniveau) an online service can require of a Servicekonto login.
 *
 * <p>The numeric {@link #loa()} is what Keycloak's step-up mechanism works with (the "level of authentication" of an
 * authentication flow step and of the ACR-to-LoA maps); the identifiers are how the level travels to relying
 * parties: eIDAS LoA URIs (Implementing Regulation (EU) 2015/1502), the BSI URIs of TR-03130 and the STORK QAA
 * levels used by the BundID SAML profile.
 *
 * <p>This is the single place where these identifiers are written down; everything else asks this type.
 */
public enum TrustLevel {

    /** Basisregistrierung: user name and password. */
    NIEDRIG(1, "niedrig",
            "http://eidas.europa.eu/LoA/low",
            "http://bsi.bund.de/eID/LoA/normal",
            "STORK-QAA-Level-1"),

    /** For example an ELSTER software certificate or an EU eID notified at substantial. */
    SUBSTANZIELL(2, "substanziell",
            "http://eidas.europa.eu/LoA/substantial",
            "http://bsi.bund.de/eID/LoA/substantiell",
            "STORK-QAA-Level-3"),

    /** The Online-Ausweisfunktion of the German ID card, or an EU eID notified at high. */
    HOCH(3, "hoch",
            "http://eidas.europa.eu/LoA/high",
            "http://bsi.bund.de/eID/LoA/hoch",
            "STORK-QAA-Level-4");

    /**
     * Identifiers longer than this are never valid; refusing them early keeps hostile input out of logs and maps.
     */
    static final int MAX_IDENTIFIER_LENGTH = 128;

    private final int loa;
    private final String germanName;
    private final String eidasUri;
    private final String bsiUri;
    private final String storkLevel;

    TrustLevel(int loa, String germanName, String eidasUri, String bsiUri, String storkLevel) {
        this.loa = loa;
        this.germanName = germanName;
        this.eidasUri = eidasUri;
        this.bsiUri = bsiUri;
        this.storkLevel = storkLevel;
    }

    /** Keycloak level of authentication: niedrig=1, substanziell=2, hoch=3. */
    public int loa() {
        return loa;
    }

    /** The level's German name as citizens read it ("niedrig", "substanziell", "hoch"). */
    public String germanName() {
        return germanName;
    }

    /** The identifier of this level in the given vocabulary. */
    public String identifier(Vocabulary vocabulary) {
        return switch (vocabulary) {
            case EIDAS -> eidasUri;
            case BSI -> bsiUri;
            case STORK -> storkLevel;
        };
    }

    /** Whether a session at this level may be used where {@code required} is the minimum. */
    public boolean satisfies(TrustLevel required) {
        return loa >= required.loa;
    }

    /** The level with the given Keycloak level of authentication, if there is one. */
    public static Optional<TrustLevel> fromLoa(int loa) {
        for (TrustLevel level : values()) {
            if (level.loa == loa) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** The level with the given German name ("niedrig", "substanziell", "hoch"), compared without case. */
    public static Optional<TrustLevel> fromGermanName(String name) {
        if (name == null || name.length() > MAX_IDENTIFIER_LENGTH) {
            return Optional.empty();
        }
        String trimmed = name.trim();
        for (TrustLevel level : values()) {
            if (level.germanName.equalsIgnoreCase(trimmed)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** Parses an identifier of the given vocabulary; anything else, including other vocabularies, is empty. */
    public static Optional<TrustLevel> fromIdentifier(Vocabulary vocabulary, String identifier) {
        return TrustLevelIdentifier.parse(identifier)
                .filter(parsed -> parsed.vocabulary() == vocabulary)
                .map(TrustLevelIdentifier::level);
    }
}
