package de.servicekonto.organisations.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One online service on an organisation's quick-access list (table {@code SK_ORG_FAVOURITE}). */
@Entity
@Table(name = "SK_ORG_FAVOURITE")
@NamedQueries({
        @NamedQuery(name = "SkOrg.favourites", query = "select f from SkOrgFavouriteEntity f where f.orgId = :org order by f.position"),
        @NamedQuery(name = "SkOrg.deleteFavourites", query = "delete from SkOrgFavouriteEntity f where f.orgId = :org")
})
public class SkOrgFavouriteEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "ORG_ID", length = 36, nullable = false)
    private String orgId;

    @Column(name = "CLIENT_ID", length = 255, nullable = false)
    private String clientId;

    @Column(name = "POSITION", nullable = false)
    private int position;

    protected SkOrgFavouriteEntity() {
    }

    public SkOrgFavouriteEntity(String id, String orgId, String clientId, int position) {
        this.id = id;
        this.orgId = orgId;
        this.clientId = clientId;
        this.position = position;
    }

    public String getClientId() { return clientId; }
    public int getPosition() { return position; }
}
