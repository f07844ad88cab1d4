package de.servicekonto.postfach.jpa;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.sql.Blob;

/**
 * An attachment (table {@code SK_PF_ATTACHMENT}): staged in the sender's mailbox until its message is sent
 * ({@code MESSAGE_ID} null), then belonging to one message copy. {@code CONTENT} is the crypto module's stream
 * format, written and read as a stream; the file name is encrypted, the checked MIME type and size are not.
 */
@Entity(name = "SkPfAttachmentEntity")
@NamedQueries({
        @NamedQuery(name = "skPfAttachmentsOfMessage",
                query = "select a from SkPfAttachmentEntity a where a.realmId = :realm and a.messageId = :message order by a.createdAt, a.id"),
        @NamedQuery(name = "skPfAttachmentById",
                query = "select a from SkPfAttachmentEntity a where a.realmId = :realm and a.mailboxId = :mailbox and a.id = :id"),
        @NamedQuery(name = "skPfDeleteAttachmentsOfMailbox",
                query = "delete from SkPfAttachmentEntity a where a.realmId = :realm and a.mailboxId = :mailbox"),
        @NamedQuery(name = "skPfDeleteAttachmentsOfMessage",
                query = "delete from SkPfAttachmentEntity a where a.realmId = :realm and a.messageId = :message"),
        @NamedQuery(name = "skPfStagedCount",
                query = "select count(a) from SkPfAttachmentEntity a where a.realmId = :realm and a.mailboxId = :mailbox and a.messageId is null"),
        @NamedQuery(name = "skPfStaleStaged",
                query = "select a.id from SkPfAttachmentEntity a where a.realmId = :realm and a.messageId is null and a.createdAt < :before")
})
@Table(name = "SK_PF_ATTACHMENT")
public class AttachmentEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "MAILBOX_ID", length = 36, nullable = false)
    private String mailboxId;

    @Column(name = "MESSAGE_ID", length = 36)
    private String messageId;

    @Column(name = "FILENAME_ENC", length = 1000, nullable = false)
    private String filenameEnc;

    @Column(name = "MIME_TYPE", length = 100, nullable = false)
    private String mimeType;

    @Column(name = "PLAIN_SIZE", nullable = false)
    private long size;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "CONTENT", nullable = false, updatable = false)
    private Blob content;

    protected AttachmentEntity() {
    }

    public AttachmentEntity(String id, String realmId, String mailboxId, String filenameEnc, String mimeType, long size,
                            long createdAt, Blob content) {
        this.id = id;
        this.realmId = realmId;
        this.mailboxId = mailboxId;
        this.filenameEnc = filenameEnc;
        this.mimeType = mimeType;
        this.size = size;
        this.createdAt = createdAt;
        this.content = content;
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getMailboxId() { return mailboxId; }
    public String getMessageId() { return messageId; }
    public void setMessageId(String messageId) { this.messageId = messageId; }
    public String getFilenameEnc() { return filenameEnc; }
    public String getMimeType() { return mimeType; }
    public long getSize() { return size; }
    public long getCreatedAt() { return createdAt; }
    public Blob getContent() { return content; }
}
