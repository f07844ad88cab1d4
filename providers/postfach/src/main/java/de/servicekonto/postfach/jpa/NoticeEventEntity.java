package de.servicekonto.postfach.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One piece of evidence about a notice (table {@code SK_PF_NOTICE_EVENT}): NOTIFIED (e-mail handed to the mail
 * server) or RETRIEVED (first opened by the recipient). The id is notice id + type, so the first record of a kind
 * wins and a later one cannot replace it.
 */
@Entity(name = "SkPfNoticeEventEntity")
@NamedQueries({
        @NamedQuery(name = "skPfNoticeEvents",
                query = "select e from SkPfNoticeEventEntity e where e.noticeId = :notice")
})
@Table(name = "SK_PF_NOTICE_EVENT")
public class NoticeEventEntity {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "NOTICE_ID", length = 36, nullable = false, updatable = false)
    private String noticeId;

    @Column(name = "TYPE", length = 16, nullable = false, updatable = false)
    private String type;

    @Column(name = "EVENT_TIME", nullable = false, updatable = false)
    private long time;

    protected NoticeEventEntity() {
    }

    public NoticeEventEntity(String noticeId, String type, long time) {
        this.id = noticeId + ":" + type;
        this.noticeId = noticeId;
        this.type = type;
        this.time = time;
    }

    public String getId() { return id; }
    public String getNoticeId() { return noticeId; }
    public String getType() { return type; }
    public long getTime() { return time; }
}
