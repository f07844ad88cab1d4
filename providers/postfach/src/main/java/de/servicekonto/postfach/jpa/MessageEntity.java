package de.servicekonto.postfach.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One mailbox's copy of a message (table {@code SK_PF_MESSAGE}). Sender and recipient each hold a copy encrypted
 * with their own data key, so deleting one owner's key (crypto-shredding) leaves the other side's copy readable.
 * Both copies share {@code MESSAGE_REF}; a thread is the messages with the same {@code THREAD_ID}.
 *
 * <p>Plaintext columns are what listing, paging and access control need: ids, folder, times, minimum level. Subject,
 * body and the sender's display name are encrypted ({@code *_ENC}, base64 of the crypto module's value format).
 */
@Entity(name = "SkPfMessageEntity")
@NamedQueries({
        @NamedQuery(name = "skPfMessagePage",
                query = "select " + MessageEntity.LISTED + " from SkPfMessageEntity m where m.realmId = :realm and m.mailboxId = :mailbox and m.folder = :folder and m.createdAt <= :beforeTime and (m.createdAt < :beforeTime or m.id < :beforeId)"
                        + " order by m.realmId, m.mailboxId, m.folder, m.createdAt desc, m.id desc"),
        @NamedQuery(name = "skPfMessageThread",
                query = "select " + MessageEntity.LISTED + " from SkPfMessageEntity m where m.realmId = :realm and m.mailboxId = :mailbox and m.threadId = :thread and m.folder <> 'TRASH' order by m.createdAt asc, m.id asc"),
        @NamedQuery(name = "skPfMessageById",
                query = "select m from SkPfMessageEntity m where m.realmId = :realm and m.mailboxId = :mailbox and m.id = :id"),
        @NamedQuery(name = "skPfMessageCopies",
                query = "select m from SkPfMessageEntity m where m.realmId = :realm and m.messageRef = :ref"),
        @NamedQuery(name = "skPfFolderCount",
                query = "select count(*) from (select m.id as id from SkPfMessageEntity m where m.realmId = :realm and m.mailboxId = :mailbox and m.folder = :folder"
                        + " order by m.realmId, m.mailboxId, m.folder, m.createdAt desc, m.id desc limit :max) x"),
        @NamedQuery(name = "skPfUnreadCount",
                query = "select count(*) from (select m.id as id from SkPfMessageEntity m where m.realmId = :realm and m.mailboxId = :mailbox and m.folder = :folder and m.readAt is null"
                        + " order by m.realmId, m.mailboxId, m.folder, m.readAt limit :max) x"),
        @NamedQuery(name = "skPfMessagesOfMailbox",
                query = "select m.id from SkPfMessageEntity m where m.realmId = :realm and m.mailboxId = :mailbox"),
        @NamedQuery(name = "skPfDeleteMessagesOfMailbox",
                query = "delete from SkPfMessageEntity m where m.realmId = :realm and m.mailboxId = :mailbox"),
        @NamedQuery(name = "skPfExpiredDeleted",
                query = "select m.id from SkPfMessageEntity m where m.realmId = :realm and m.folder = 'TRASH' and m.deletedAt < :before"),
        @NamedQuery(name = "skPfDeleteMessage",
                query = "delete from SkPfMessageEntity m where m.realmId = :realm and m.id = :id")
})
@Table(name = "SK_PF_MESSAGE")
public class MessageEntity {

    /**
     * The columns a listing (page, search, thread) reads: all but the body. A listing never shows a body, and a body
     * may hold 64 K characters (about 87 KB as stored): a page of 21 rows, or a search's 500, would otherwise read
     * them all. In the order of {@link EntityRecords#listed}.
     */
    static final String LISTED = "m.id, m.realmId, m.mailboxId, m.messageRef, m.threadId, m.folder, m.previousFolder, m.deletedAt, m.direction, m.senderKind, m.senderId, m.recipientKind, m.recipientId, m.senderNameEnc, m.subjectEnc, m.createdAt, m.readAt, m.minLoa, m.notice, m.attachments, m.contentFormat";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "MAILBOX_ID", length = 36, nullable = false)
    private String mailboxId;

    @Column(name = "MESSAGE_REF", length = 36, nullable = false)
    private String messageRef;

    @Column(name = "THREAD_ID", length = 36, nullable = false)
    private String threadId;

    @Column(name = "FOLDER", length = 16, nullable = false)
    private String folder;

    /** The folder a deleted message returns to on undo. */
    @Column(name = "PREVIOUS_FOLDER", length = 16)
    private String previousFolder;

    @Column(name = "DELETED_AT")
    private Long deletedAt;

    /** OUT for the sender's copy, IN for the recipient's. */
    @Column(name = "DIRECTION", length = 3, nullable = false)
    private String direction;

    @Column(name = "SENDER_KIND", length = 16, nullable = false)
    private String senderKind;

    @Column(name = "SENDER_ID", length = 36, nullable = false)
    private String senderId;

    @Column(name = "RECIPIENT_KIND", length = 16, nullable = false)
    private String recipientKind;

    @Column(name = "RECIPIENT_ID", length = 36, nullable = false)
    private String recipientId;

    @Column(name = "SENDER_NAME_ENC", length = 1000)
    private String senderNameEnc;

    @Column(name = "SUBJECT_ENC", length = 1000, nullable = false)
    private String subjectEnc;

    @Column(name = "BODY_ENC", nullable = false)
    private String bodyEnc;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "READ_AT")
    private Long readAt;

    @Column(name = "MIN_LOA", nullable = false)
    private int minLoa;

    @Column(name = "NOTICE", nullable = false)
    private boolean notice;

    @Column(name = "ATTACHMENTS", nullable = false)
    private int attachments;

    /**
     * Which associated data the encrypted values use (see {@code MessageContentAad}); {@code NULL} for rows written
     * before the column existed.
     */
    @Column(name = "CONTENT_FORMAT")
    private Integer contentFormat;

    protected MessageEntity() {
    }

    public MessageEntity(String id, String realmId, String mailboxId, String messageRef, String threadId, String folder,
                         String direction, String senderKind, String senderId, String recipientKind, String recipientId,
                         long createdAt, int minLoa, boolean notice) {
        this.id = id;
        this.realmId = realmId;
        this.mailboxId = mailboxId;
        this.messageRef = messageRef;
        this.threadId = threadId;
        this.folder = folder;
        this.direction = direction;
        this.senderKind = senderKind;
        this.senderId = senderId;
        this.recipientKind = recipientKind;
        this.recipientId = recipientId;
        this.createdAt = createdAt;
        this.minLoa = minLoa;
        this.notice = notice;
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getMailboxId() { return mailboxId; }
    public String getMessageRef() { return messageRef; }
    public String getThreadId() { return threadId; }
    public String getFolder() { return folder; }
    public void setFolder(String folder) { this.folder = folder; }
    public String getPreviousFolder() { return previousFolder; }
    public void setPreviousFolder(String previousFolder) { this.previousFolder = previousFolder; }
    public Long getDeletedAt() { return deletedAt; }
    public void setDeletedAt(Long deletedAt) { this.deletedAt = deletedAt; }
    public String getDirection() { return direction; }
    public String getSenderKind() { return senderKind; }
    public String getSenderId() { return senderId; }
    public String getRecipientKind() { return recipientKind; }
    public String getRecipientId() { return recipientId; }
    public String getSenderNameEnc() { return senderNameEnc; }
    public void setSenderNameEnc(String senderNameEnc) { this.senderNameEnc = senderNameEnc; }
    public String getSubjectEnc() { return subjectEnc; }
    public void setSubjectEnc(String subjectEnc) { this.subjectEnc = subjectEnc; }
    public String getBodyEnc() { return bodyEnc; }
    public void setBodyEnc(String bodyEnc) { this.bodyEnc = bodyEnc; }
    public long getCreatedAt() { return createdAt; }
    public Long getReadAt() { return readAt; }
    public void setReadAt(Long readAt) { this.readAt = readAt; }
    public int getMinLoa() { return minLoa; }
    public boolean isNotice() { return notice; }
    public int getAttachments() { return attachments; }
    public void setAttachments(int attachments) { this.attachments = attachments; }
    public Integer getContentFormat() { return contentFormat; }
    public void setContentFormat(Integer contentFormat) { this.contentFormat = contentFormat; }
}
