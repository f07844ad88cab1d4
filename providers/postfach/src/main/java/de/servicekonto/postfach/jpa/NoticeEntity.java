package de.servicekonto.postfach.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An official notice (administrative act, OZG §9) as provided (table {@code SK_PF_NOTICE}): written once, never
 * updated. What happens later (e-mail sent, first retrieval) is recorded as {@link NoticeEventEntity} rows, at most one
 * of each kind, so no timestamp of the evidence is ever overwritten.
 */
@Entity(name = "SkPfNoticeEntity")
@NamedQueries({
        @NamedQuery(name = "skPfNoticeByRef",
                query = "select n from SkPfNoticeEntity n where n.realmId = :realm and n.messageRef = :ref"),
        // The notice census (NoticeCensus): index IDX_SK_PF_NOTICE_RULE, the event's primary key is "<notice>:<type>".
        @NamedQuery(name = "skPfNoticesNotRetrieved",
                query = "select count(n) from SkPfNoticeEntity n where n.realmId = :realm and n.rule = :rule"
                        + " and n.providedAt < :before and not exists (select e.id from SkPfNoticeEventEntity e"
                        + " where e.noticeId = n.id and e.type = :retrieved)")
})
@Table(name = "SK_PF_NOTICE")
public class NoticeEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false, updatable = false)
    private String realmId;

    @Column(name = "MESSAGE_REF", length = 36, nullable = false, updatable = false)
    private String messageRef;

    @Column(name = "AUTHORITY_ID", length = 36, nullable = false, updatable = false)
    private String authorityId;

    @Column(name = "RECIPIENT_ID", length = 36, nullable = false, updatable = false)
    private String recipientId;

    @Column(name = "RULE_NAME", length = 32, nullable = false, updatable = false)
    private String rule;

    @Column(name = "PROVIDED_AT", nullable = false, updatable = false)
    private long providedAt;

    protected NoticeEntity() {
    }

    public NoticeEntity(String id, String realmId, String messageRef, String authorityId, String recipientId, String rule,
                        long providedAt) {
        this.id = id;
        this.realmId = realmId;
        this.messageRef = messageRef;
        this.authorityId = authorityId;
        this.recipientId = recipientId;
        this.rule = rule;
        this.providedAt = providedAt;
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getMessageRef() { return messageRef; }
    public String getAuthorityId() { return authorityId; }
    public String getRecipientId() { return recipientId; }
    public String getRule() { return rule; }
    public long getProvidedAt() { return providedAt; }
}
