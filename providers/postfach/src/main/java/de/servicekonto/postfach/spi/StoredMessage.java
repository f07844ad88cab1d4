package de.servicekonto.postfach.spi;

/**
 * One mailbox's copy of a message as stored. Sender and recipient each hold a copy encrypted with their own data key
 * ({@code *Enc}: the crypto module's value format), so shredding one owner's key leaves the other's copy readable.
 * Both copies share {@code messageRef}; a thread is the messages with the same {@code threadId}. The plain fields are
 * what listing, paging and access control need.
 *
 * @param bodyEnc        null in a listing's rows ({@link PostfachStore#page}, {@link PostfachStore#thread})
 * @param previousFolder the folder a trashed message returns to on restore
 * @param deletedAt      when it went to the trash, null outside the trash
 * @param direction      {@code OUT} for the sender's copy, {@code IN} for the recipient's
 * @param readAt         null while unread
 * @param attachments    how many attachments the message has
 * @param contentFormat  the associated data of the encrypted values ({@code MessageContentAad}); null before formats
 */
public record StoredMessage(String id, String realmId, String mailboxId, String messageRef, String threadId,
                            String folder, String previousFolder, Long deletedAt, String direction,
                            String senderKind, String senderId, String recipientKind, String recipientId,
                            String senderNameEnc, String subjectEnc, String bodyEnc, long createdAt, Long readAt,
                            int minLoa, boolean notice, int attachments, Integer contentFormat) {

    public static final String IN = "IN";
    public static final String OUT = "OUT";

    /** The recipient's copy. */
    public boolean incoming() {
        return IN.equals(direction);
    }

    public boolean read() {
        return readAt != null;
    }
}
