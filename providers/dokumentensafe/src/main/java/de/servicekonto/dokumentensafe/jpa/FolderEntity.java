package de.servicekonto.dokumentensafe.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A folder (table {@code SK_DS_FOLDER}); its name encrypted, its parent null at the top. */
@Entity(name = "SkDsFolderEntity")
@NamedQueries({
        @NamedQuery(name = "skDsFoldersOfSafe",
                query = "select f from SkDsFolderEntity f where f.realmId = :realm and f.safeId = :safe order by f.createdAt, f.id"),
        @NamedQuery(name = "skDsSubfolders",
                query = "select count(f) from SkDsFolderEntity f where f.realmId = :realm and f.safeId = :safe and f.parentId = :parent"),
        @NamedQuery(name = "skDsDeleteFoldersOfSafe",
                query = "delete from SkDsFolderEntity f where f.realmId = :realm and f.safeId = :safe"),
        @NamedQuery(name = "skDsDeleteFoldersOfRealm",
                query = "delete from SkDsFolderEntity f where f.realmId = :realm")
})
@Table(name = "SK_DS_FOLDER")
public class FolderEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SAFE_ID", length = 36, nullable = false)
    private String safeId;

    @Column(name = "PARENT_ID", length = 36)
    private String parentId;

    @Column(name = "NAME_ENC", length = 2000, nullable = false)
    private String nameEnc;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected FolderEntity() {
    }

    public FolderEntity(String id, String realmId, String safeId, String parentId, String nameEnc, long createdAt) {
        this.id = id;
        this.realmId = realmId;
        this.safeId = safeId;
        this.parentId = parentId;
        this.nameEnc = nameEnc;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getSafeId() { return safeId; }
    public String getParentId() { return parentId; }
    public void setParentId(String parentId) { this.parentId = parentId; }
    public String getNameEnc() { return nameEnc; }
    public void setNameEnc(String nameEnc) { this.nameEnc = nameEnc; }
    public long getCreatedAt() { return createdAt; }
}
