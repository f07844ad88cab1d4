package de.servicekonto.dokumentensafe.spi;

/** A folder: its name encrypted, its parent (null: the top of the safe). */
public record StoredFolder(String id, String realmId, String safeId, String parentId, String nameEnc, long createdAt) {
}
