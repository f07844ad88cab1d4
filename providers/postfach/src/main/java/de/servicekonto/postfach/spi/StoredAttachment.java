package de.servicekonto.postfach.spi;

/**
 * An attachment as stored, without its content (read as a stream, {@link PostfachStore#content}): staged in the
 * sender's mailbox until its message is sent ({@code messageId} null), then belonging to one message copy. The file
 * name is encrypted; the checked MIME type and the plaintext size are not.
 */
public record StoredAttachment(String id, String realmId, String mailboxId, String messageId, String filenameEnc,
                               String mimeType, long size, long createdAt) {

    /** Uploaded, not yet named in a sent message. */
    public boolean staged() {
        return messageId == null;
    }
}
