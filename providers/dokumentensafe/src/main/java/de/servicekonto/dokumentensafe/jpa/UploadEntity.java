package de.servicekonto.dokumentensafe.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An open upload session (table {@code SK_DS_UPLOAD}); its parts are segments under its id. */
@Entity(name = "SkDsUploadEntity")
@NamedQueries({
        @NamedQuery(name = "skDsUpload",
                query = "select u from SkDsUploadEntity u where u.realmId = :realm and u.safeId = :safe and u.id = :id"),
        @NamedQuery(name = "skDsUploadCount",
                query = "select count(u) from SkDsUploadEntity u where u.realmId = :realm and u.safeId = :safe"),
        @NamedQuery(name = "skDsReservedBytes",
                query = "select coalesce(sum(u.size), 0) from SkDsUploadEntity u where u.realmId = :realm and u.safeId = :safe"),
        @NamedQuery(name = "skDsPartReceived",
                query = "update SkDsUploadEntity u set u.received = :next where u.id = :id and u.realmId = :realm"
                        + " and u.safeId = :safe and u.received = :index"),
        @NamedQuery(name = "skDsExpiredUploads",
                query = "select u from SkDsUploadEntity u where u.realmId = :realm and u.expiresAt < :before order by u.expiresAt"),
        @NamedQuery(name = "skDsDeleteUpload",
                query = "delete from SkDsUploadEntity u where u.id = :id and u.realmId = :realm and u.safeId = :safe"),
        @NamedQuery(name = "skDsDeleteUploadsOfSafe",
                query = "delete from SkDsUploadEntity u where u.realmId = :realm and u.safeId = :safe"),
        @NamedQuery(name = "skDsDeleteUploadsOfRealm",
                query = "delete from SkDsUploadEntity u where u.realmId = :realm")
})
@Table(name = "SK_DS_UPLOAD")
public class UploadEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SAFE_ID", length = 36, nullable = false)
    private String safeId;

    @Column(name = "FOLDER_ID", length = 36)
    private String folderId;

    @Column(name = "NAME_ENC", length = 2000, nullable = false)
    private String nameEnc;

    @Column(name = "MIME_TYPE", length = 100, nullable = false)
    private String mimeType;

    @Column(name = "PLAIN_SIZE", nullable = false)
    private long size;

    @Column(name = "PARTS", nullable = false)
    private int parts;

    @Column(name = "RECEIVED", nullable = false)
    private int received;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    protected UploadEntity() {
    }

    public UploadEntity(String id, String realmId, String safeId, String folderId, String nameEnc, String mimeType,
                        long size, int parts, int received, long createdAt, long expiresAt) {
        this.id = id;
        this.realmId = realmId;
        this.safeId = safeId;
        this.folderId = folderId;
        this.nameEnc = nameEnc;
        this.mimeType = mimeType;
        this.size = size;
        this.parts = parts;
        this.received = received;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getSafeId() { return safeId; }
    public String getFolderId() { return folderId; }
    public String getNameEnc() { return nameEnc; }
    public String getMimeType() { return mimeType; }
    public long getSize() { return size; }
    public int getParts() { return parts; }
    public int getReceived() { return received; }
    public long getCreatedAt() { return createdAt; }
    public long getExpiresAt() { return expiresAt; }
}
