package de.servicekonto.dokumentensafe.spi;

/**
 * An open upload session: a document that arrives in parts. Name (encrypted, sealed for the document the session
 * becomes: its id is the document's), checked type, declared size and target folder are fixed when it opens;
 * {@code received} is how many parts have arrived (the next index expected). Its parts are stored as the content's
 * segments under the same id, so completing it writes only the document's row.
 */
public record StoredUpload(String id, String realmId, String safeId, String folderId, String nameEnc, String mimeType,
                           long size, int parts, int received, long createdAt, long expiresAt) {
}
