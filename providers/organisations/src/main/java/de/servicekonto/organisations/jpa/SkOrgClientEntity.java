package de.servicekonto.organisations.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A client (Fachverfahren) whose service account acts for an authority (table {@code SK_ORG_CLIENT}); one
 * authority per client, keyed by the client's internal id.
 */
@Entity
@Table(name = "SK_ORG_CLIENT")
@NamedQueries({
        @NamedQuery(name = "SkOrg.clientsOfOrg", query = "select c from SkOrgClientEntity c where c.orgId = :org order by c.boundAt"),
        @NamedQuery(name = "SkOrg.deleteClientsOfOrg", query = "delete from SkOrgClientEntity c where c.orgId = :org")
})
public class SkOrgClientEntity {

    @Id
    @Column(name = "CLIENT_ID", length = 36)
    private String clientId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ORG_ID", length = 36, nullable = false)
    private String orgId;

    @Column(name = "BOUND_BY", length = 36, nullable = false)
    private String boundBy;

    @Column(name = "BOUND_AT", nullable = false)
    private long boundAt;

    protected SkOrgClientEntity() {
    }

    public SkOrgClientEntity(String clientId, String realmId, String orgId, String boundBy, long boundAt) {
        this.clientId = clientId;
        this.realmId = realmId;
        this.orgId = orgId;
        this.boundBy = boundBy;
        this.boundAt = boundAt;
    }

    public String getClientId() { return clientId; }
    public String getRealmId() { return realmId; }
    public String getOrgId() { return orgId; }
    public String getBoundBy() { return boundBy; }
    public long getBoundAt() { return boundAt; }
}
