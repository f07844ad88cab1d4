package de.servicekonto.dokumentensafe.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A safe (table {@code SK_DS_SAFE}), one per owner kind and id in a realm, with the owner's data key wrapped under
 * the realm's key ring. Deleting the row is the crypto-shredding: without the key no content of the safe opens.
 */
@Entity(name = "SkDsSafeEntity")
@NamedQueries({
        @NamedQuery(name = "skDsSafeOfOwner",
                query = "select s from SkDsSafeEntity s where s.realmId = :realm and s.ownerKind = :kind and s.ownerId = :owner"),
        @NamedQuery(name = "skDsSetKey",
                query = "update SkDsSafeEntity s set s.kid = :kid, s.wrappedKey = :wrapped where s.id = :id and s.wrappedKey is null"),
        @NamedQuery(name = "skDsReplaceKey",
                query = "update SkDsSafeEntity s set s.kid = :kid, s.wrappedKey = :wrapped where s.id = :id and s.wrappedKey = :expected"),
        @NamedQuery(name = "skDsDropKey",
                query = "update SkDsSafeEntity s set s.kid = null, s.wrappedKey = null where s.id = :id and s.wrappedKey is not null"),
        @NamedQuery(name = "skDsKeysNotWrappedWith",
                query = "select concat(s.ownerKind, ':', s.ownerId) from SkDsSafeEntity s where s.realmId = :realm and s.kid <> :kid and concat(s.ownerKind, ':', s.ownerId) > :after order by concat(s.ownerKind, ':', s.ownerId)"),
        @NamedQuery(name = "skDsDeleteSafesOfRealm",
                query = "delete from SkDsSafeEntity s where s.realmId = :realm")
})
@Table(name = "SK_DS_SAFE")
public class SafeEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "OWNER_KIND", length = 16, nullable = false)
    private String ownerKind;

    @Column(name = "OWNER_ID", length = 36, nullable = false)
    private String ownerId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "KID", length = 32)
    private String kid;

    @Column(name = "WRAPPED_KEY", length = 200)
    private String wrappedKey;

    protected SafeEntity() {
    }

    public SafeEntity(String id, String realmId, String ownerKind, String ownerId, long createdAt) {
        this.id = id;
        this.realmId = realmId;
        this.ownerKind = ownerKind;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getOwnerKind() { return ownerKind; }
    public String getOwnerId() { return ownerId; }
    public long getCreatedAt() { return createdAt; }
    public String getWrappedKey() { return wrappedKey; }
}
