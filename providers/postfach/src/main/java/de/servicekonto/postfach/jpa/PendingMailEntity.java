package de.servicekonto.postfach.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The e-mail about a delivered message (new message or official notice) that no mail server has accepted yet (table
 * {@code SK_PF_PENDING_MAIL}, one row per message, keyed by its reference): written in the sending transaction, so a
 * node that stops before the first attempt leaves it to the retry task; removed once the e-mail is accepted, nobody is
 * to be mailed, or the attempts are used up. Operational state, not evidence: a notice's evidence rows stay untouched.
 * {@code NEXT_AT} is when to try again.
 */
@Entity(name = "SkPfPendingMailEntity")
@NamedQueries({
        @NamedQuery(name = "skPfDuePendingMails",
                query = "select m from SkPfPendingMailEntity m where m.realmId = :realm and m.nextAt <= :now order by m.nextAt, m.messageRef"),
        @NamedQuery(name = "skPfPendingMail",
                query = "select m from SkPfPendingMailEntity m where m.realmId = :realm and m.messageRef = :ref"),
        @NamedQuery(name = "skPfDeletePendingMailsOfRecipient",
                query = "delete from SkPfPendingMailEntity m where m.realmId = :realm and m.recipientKind = :kind and m.recipientId = :recipient")
})
@Table(name = "SK_PF_PENDING_MAIL")
public class PendingMailEntity {

    @Id
    @Column(name = "MESSAGE_REF", length = 36)
    private String messageRef;

    @Column(name = "REALM_ID", length = 36, nullable = false, updatable = false)
    private String realmId;

    @Column(name = "RECIPIENT_KIND", length = 16, nullable = false, updatable = false)
    private String recipientKind;

    @Column(name = "RECIPIENT_ID", length = 36, nullable = false, updatable = false)
    private String recipientId;

    /** An official notice's e-mail (always sent, {@code notifiedAt} recorded) rather than a new message's. */
    @Column(name = "NOTICE", nullable = false, updatable = false)
    private boolean notice;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_AT", nullable = false)
    private long nextAt;

    protected PendingMailEntity() {
    }

    public PendingMailEntity(String messageRef, String realmId, String recipientKind, String recipientId, boolean notice,
                             long nextAt) {
        this.messageRef = messageRef;
        this.realmId = realmId;
        this.recipientKind = recipientKind;
        this.recipientId = recipientId;
        this.notice = notice;
        this.nextAt = nextAt;
    }

    public String getMessageRef() { return messageRef; }
    public String getRealmId() { return realmId; }
    public String getRecipientKind() { return recipientKind; }
    public String getRecipientId() { return recipientId; }
    public boolean isNotice() { return notice; }
    public int getAttempts() { return attempts; }
    public long getNextAt() { return nextAt; }

    /** One more failed attempt; the next one at {@code nextAt}. */
    public void failed(long nextAt) {
        this.attempts++;
        this.nextAt = nextAt;
    }
}
