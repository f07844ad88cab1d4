package de.servicekonto.organisations.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One audited event of an organisation that is no review step (table {@code SK_ORG_EVENT}, never changed): an
 * invitation sent, a client bound or unbound, an administrator appointed because the last one was removed.
 */
@Entity
@Table(name = "SK_ORG_EVENT")
@NamedQueries({
        @NamedQuery(name = "SkOrg.eventCountSince", query = "select count(e) from SkOrgEventEntity e"
                + " where e.orgId = :org and e.type = :type and e.time >= :since"),
        @NamedQuery(name = "SkOrg.events", query = "select e from SkOrgEventEntity e where e.orgId = :org"
                + " order by e.time, e.id"),
        @NamedQuery(name = "SkOrg.deleteEvents", query = "delete from SkOrgEventEntity e where e.orgId = :org")
})
public class SkOrgEventEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "ORG_ID", length = 36, nullable = false)
    private String orgId;

    @Column(name = "EVENT_TYPE", length = 32, nullable = false)
    private String type;

    @Column(name = "SUBJECT", length = 255)
    private String subject;

    @Column(name = "ACTOR_ID", length = 36)
    private String actorId;

    @Column(name = "EVENT_TIME", nullable = false)
    private long time;

    protected SkOrgEventEntity() {
    }

    SkOrgEventEntity(String id, String orgId, String type, String subject, String actorId, long time) {
        this.id = id;
        this.orgId = orgId;
        this.type = type;
        this.subject = subject;
        this.actorId = actorId;
        this.time = time;
    }

    public String getId() { return id; }
    public String getOrgId() { return orgId; }
    public String getType() { return type; }
    public String getSubject() { return subject; }
    public String getActorId() { return actorId; }
    public long getTime() { return time; }
}
