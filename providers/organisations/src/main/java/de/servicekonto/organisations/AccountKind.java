package de.servicekonto.organisations;

/** The two kinds of account held by a Keycloak organization of ours. */
public enum AccountKind {
    /** Organisationskonto: companies, associations. */
    ORGANISATION,
    /** Behördenkonto: acts only once reviewed and active. */
    AUTHORITY
}
