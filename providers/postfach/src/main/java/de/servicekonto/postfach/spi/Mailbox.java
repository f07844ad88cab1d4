package de.servicekonto.postfach.spi;

/**
 * A mailbox: one per account ({@code USER}), organisation ({@code ORGANISATION}) or authority ({@code AUTHORITY}) and
 * realm. Its id scopes every message and attachment lookup.
 */
public record Mailbox(String id, String realmId, String ownerKind, String ownerId, long createdAt) {
}
