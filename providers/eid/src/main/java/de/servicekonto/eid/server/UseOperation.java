package de.servicekonto.eid.server;

/**
 * What the service asks for one {@link EidField}: the citizen cannot deselect a REQUIRED field in the eID-Client,
 * may deselect an ALLOWED one, and is never asked for a PROHIBITED one. The constant names are the wire values.
 */
public enum UseOperation {
    REQUIRED,
    ALLOWED,
    PROHIBITED
}
