package de.servicekonto.dokumentensafe.spi;

/**
 * A document's row: its name encrypted ({@code nameEnc}), its checked type and plaintext size in clear (quota and
 * download headers need them), its folder (null: the top), and when it was put in the trash (null: not deleted).
 * The content is a stream of its own ({@link SafeStore#content}). {@code minLoa}: the trust level (1 niedrig, 2
 * substanziell, 3 hoch) a session needs to read, rename or move it, the level of its source (own uploads: 1; copies
 * from the Postfach: the message's); bound into the name's associated data, so lowering it makes the name unreadable.
 */
public record StoredDocument(String id, String realmId, String safeId, String folderId, String nameEnc, String mimeType,
                             long size, long createdAt, Long deletedAt, int minLoa) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
