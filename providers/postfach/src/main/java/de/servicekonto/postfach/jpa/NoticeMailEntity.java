package de.servicekonto.postfach.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The e-mail of an official notice that has not yet reached a mail server (table {@code SK_PF_NOTICE_MAIL}): written
 * with the notice, removed when the e-mail is accepted (then {@code NOTIFIED} evidence exists). Operational state, not
 * evidence: the notice's evidence rows stay untouched. {@code NEXT_AT} is when to try again; null once the attempts
 * are used up.
 */
@Entity(name = "SkPfNoticeMailEntity")
@NamedQueries({
        @NamedQuery(name = "skPfDueNoticeMails",
                query = "select m from SkPfNoticeMailEntity m where m.realmId = :realm and m.nextAt <= :now order by m.nextAt, m.noticeId"),
        @NamedQuery(name = "skPfDeleteNoticeMailsOfRecipient",
                query = "delete from SkPfNoticeMailEntity m where m.realmId = :realm and m.recipientKind = :kind and m.recipientId = :recipient")
})
@Table(name = "SK_PF_NOTICE_MAIL")
public class NoticeMailEntity {

    @Id
    @Column(name = "NOTICE_ID", length = 36)
    private String noticeId;

    @Column(name = "REALM_ID", length = 36, nullable = false, updatable = false)
    private String realmId;

    @Column(name = "MESSAGE_REF", length = 36, nullable = false, updatable = false)
    private String messageRef;

    @Column(name = "RECIPIENT_KIND", length = 16, nullable = false, updatable = false)
    private String recipientKind;

    @Column(name = "RECIPIENT_ID", length = 36, nullable = false, updatable = false)
    private String recipientId;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_AT")
    private Long nextAt;

    protected NoticeMailEntity() {
    }

    public NoticeMailEntity(String noticeId, String realmId, String messageRef, String recipientKind, String recipientId,
                            long nextAt) {
        this.noticeId = noticeId;
        this.realmId = realmId;
        this.messageRef = messageRef;
        this.recipientKind = recipientKind;
        this.recipientId = recipientId;
        this.nextAt = nextAt;
    }

    public String getNoticeId() { return noticeId; }
    public String getRealmId() { return realmId; }
    public String getMessageRef() { return messageRef; }
    public String getRecipientKind() { return recipientKind; }
    public String getRecipientId() { return recipientId; }
    public int getAttempts() { return attempts; }
    public Long getNextAt() { return nextAt; }

    /** One more failed attempt; {@code nextAt} null: no further attempt. */
    public void failed(Long nextAt) {
        this.attempts++;
        this.nextAt = nextAt;
    }
}
