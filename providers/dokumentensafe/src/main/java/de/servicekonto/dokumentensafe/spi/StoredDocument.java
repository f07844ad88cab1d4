package de.servicekonto.dokumentensafe.spi;

/**
 * A document's row: its name encrypted ({@code nameEnc}), its checked type and plaintext size in clear (quota and
 * download headers need them), its folder (null: the top), and when it was put in the trash (null: not deleted).
 * The content is a stream of its own ({@link SafeStore#content}).
 */
public record StoredDocument(String id, String realmId, String safeId, String folderId, String nameEnc, String mimeType,
                             long size, long createdAt, Long deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
