package de.servicekonto.postfach.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A mailbox owner's data key, wrapped under the realm's key-encryption key (table {@code SK_PF_DATA_KEY}). The id is
 * derived from realm and owner, so a second insert for the same owner fails on the primary key.
 */
@Entity(name = "SkPfDataKeyEntity")
@NamedQueries({
        @NamedQuery(name = "skPfDataKeyOwnersNotWrappedWith",
                query = "select k.ownerId from SkPfDataKeyEntity k where k.realmId = :realm and k.kid <> :kid and k.ownerId > :after order by k.ownerId"),
        @NamedQuery(name = "skPfDeleteDataKey",
                query = "delete from SkPfDataKeyEntity k where k.id = :id"),
        @NamedQuery(name = "skPfReplaceDataKey",
                query = "update SkPfDataKeyEntity k set k.kid = :kid, k.wrapped = :wrapped where k.id = :id and k.wrapped = :expected")
})
@Table(name = "SK_PF_DATA_KEY")
public class DataKeyEntity {

    @Id
    @Column(name = "ID", length = 64)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "OWNER_ID", length = 64, nullable = false)
    private String ownerId;

    @Column(name = "KID", length = 32, nullable = false)
    private String kid;

    @Column(name = "WRAPPED", length = 200, nullable = false)
    private String wrapped;

    protected DataKeyEntity() {
    }

    public DataKeyEntity(String id, String realmId, String ownerId, String kid, String wrapped) {
        this.id = id;
        this.realmId = realmId;
        this.ownerId = ownerId;
        this.kid = kid;
        this.wrapped = wrapped;
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getOwnerId() { return ownerId; }
    public String getKid() { return kid; }
    public String getWrapped() { return wrapped; }
}
