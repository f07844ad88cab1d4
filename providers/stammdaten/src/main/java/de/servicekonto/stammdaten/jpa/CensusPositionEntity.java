package de.servicekonto.stammdaten.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Where the account census ({@code AccountCensus}) of a realm continues: one row per realm, in our table so that
 * moving on does not write the realm (a realm attribute write invalidates the realm in every node's cache). It holds
 * no user data.
 */
@Entity
@Table(name = "SK_LIFECYCLE_CENSUS")
public class CensusPositionEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "NEXT_INDEX", nullable = false)
    private int position;

    protected CensusPositionEntity() {
    }

    CensusPositionEntity(String realmId, int position) {
        this.realmId = realmId;
        this.position = position;
    }

    public String getRealmId() {
        return realmId;
    }

    public int getPosition() {
        return position;
    }

    void setPosition(int position) {
        this.position = position;
    }
}
