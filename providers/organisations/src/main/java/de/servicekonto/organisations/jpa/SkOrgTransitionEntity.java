package de.servicekonto.organisations.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One step of an authority's review (table {@code SK_ORG_TRANSITION}): from which state to which, by whom, when,
 * why. The application itself is the first entry (no previous state). Entries are never changed.
 */
@Entity
@Table(name = "SK_ORG_TRANSITION")
@NamedQueries({
        @NamedQuery(name = "SkOrg.transitions", query = "select t from SkOrgTransitionEntity t where t.orgId = :org order by t.time, t.sequence"),
        @NamedQuery(name = "SkOrg.deleteTransitions", query = "delete from SkOrgTransitionEntity t where t.orgId = :org")
})
public class SkOrgTransitionEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "ORG_ID", length = 36, nullable = false)
    private String orgId;

    @Column(name = "SEQUENCE_NO", nullable = false)
    private int sequence;

    @Column(name = "FROM_STATUS", length = 16)
    private String fromStatus;

    @Column(name = "TO_STATUS", length = 16, nullable = false)
    private String toStatus;

    @Column(name = "ACTOR_ID", length = 36, nullable = false)
    private String actorId;

    @Column(name = "ACTOR_NAME", length = 255)
    private String actorName;

    @Column(name = "EVENT_TIME", nullable = false)
    private long time;

    @Column(name = "REASON", length = 500)
    private String reason;

    protected SkOrgTransitionEntity() {
    }

    public SkOrgTransitionEntity(String id, String orgId, int sequence, String fromStatus, String toStatus,
                                 String actorId, String actorName, long time, String reason) {
        this.id = id;
        this.orgId = orgId;
        this.sequence = sequence;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.actorId = actorId;
        this.actorName = actorName;
        this.time = time;
        this.reason = reason;
    }

    public int getSequence() { return sequence; }
    public String getFromStatus() { return fromStatus; }
    public String getToStatus() { return toStatus; }
    public String getActorId() { return actorId; }
    public String getActorName() { return actorName; }
    public long getTime() { return time; }
    public String getReason() { return reason; }
}
