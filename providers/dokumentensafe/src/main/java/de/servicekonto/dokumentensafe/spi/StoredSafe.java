package de.servicekonto.dokumentensafe.spi;

/** A safe: one per owner (kind and id) in a realm; it holds the owner's wrapped data key. */
public record StoredSafe(String id, String realmId, String ownerKind, String ownerId, long createdAt) {
}
