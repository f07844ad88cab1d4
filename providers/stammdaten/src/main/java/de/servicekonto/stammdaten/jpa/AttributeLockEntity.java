package de.servicekonto.stammdaten.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row per realm and unique attribute (e.g. the De-Mail address): locked ({@code SELECT … FOR UPDATE}) by every
 * transaction that gives an account a new value of that attribute, so two accounts cannot take the same value at the
 * same time. It holds no user data.
 */
@Entity
@Table(name = "SK_ATTRIBUTE_LOCK")
public class AttributeLockEntity {

    @Id
    @Column(name = "ID", length = 300)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ATTRIBUTE_NAME", length = 255, nullable = false)
    private String attributeName;

    protected AttributeLockEntity() {
    }

    AttributeLockEntity(String realmId, String attributeName) {
        this.id = id(realmId, attributeName);
        this.realmId = realmId;
        this.attributeName = attributeName;
    }

    static String id(String realmId, String attributeName) {
        return realmId + "/" + attributeName;
    }

    public String getId() {
        return id;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getAttributeName() {
        return attributeName;
    }
}
