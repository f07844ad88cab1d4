package de.servicekonto.trustlevel;

/** The ways a trust level is named towards relying parties. */
public enum Vocabulary {
    /** eIDAS levels of assurance, {@code http://eidas.europa.eu/LoA/…}; used over OIDC and by most state portals. */
    EIDAS,
    /** BSI TR-03130 levels, {@code http://bsi.bund.de/eID/LoA/…}; used towards eID-Servers. */
    BSI,
    /** STORK QAA levels, {@code STORK-QAA-Level-…}; used by portals built for the BundID SAML profile. */
    STORK
}
