package de.servicekonto.organisations.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An administrator of an organisation (table {@code SK_ORG_ADMIN}); membership itself is Keycloak's. */
@Entity
@Table(name = "SK_ORG_ADMIN")
@NamedQueries({
        @NamedQuery(name = "SkOrg.admin", query = "select a from SkOrgAdminEntity a where a.orgId = :org and a.userId = :user"),
        @NamedQuery(name = "SkOrg.adminCount", query = "select count(a) from SkOrgAdminEntity a where a.orgId = :org"),
        @NamedQuery(name = "SkOrg.deleteAdminsOfUser", query = "delete from SkOrgAdminEntity a where a.userId = :user"),
        @NamedQuery(name = "SkOrg.deleteAdminsOfOrg", query = "delete from SkOrgAdminEntity a where a.orgId = :org")
})
public class SkOrgAdminEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "ORG_ID", length = 36, nullable = false)
    private String orgId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "GRANTED_BY", length = 36, nullable = false)
    private String grantedBy;

    @Column(name = "GRANTED_AT", nullable = false)
    private long grantedAt;

    protected SkOrgAdminEntity() {
    }

    public SkOrgAdminEntity(String id, String orgId, String userId, String grantedBy, long grantedAt) {
        this.id = id;
        this.orgId = orgId;
        this.userId = userId;
        this.grantedBy = grantedBy;
        this.grantedAt = grantedAt;
    }

    public String getId() { return id; }
    public String getOrgId() { return orgId; }
    public String getUserId() { return userId; }
    public String getGrantedBy() { return grantedBy; }
    public long getGrantedAt() { return grantedAt; }
}
