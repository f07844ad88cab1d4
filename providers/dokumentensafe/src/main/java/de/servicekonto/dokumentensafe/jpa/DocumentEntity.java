package de.servicekonto.dokumentensafe.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A document (table {@code SK_DS_DOCUMENT}): the name is encrypted; type and plaintext size are in clear for the
 * quota and the download's headers. The content is its segments ({@link SegmentEntity}, same id).
 */
@Entity(name = "SkDsDocumentEntity")
@NamedQueries({
        @NamedQuery(name = "skDsDocument",
                query = "select d from SkDsDocumentEntity d where d.realmId = :realm and d.safeId = :safe and d.id = :id"),
        @NamedQuery(name = "skDsDocumentsOfFolder",
                query = "select d from SkDsDocumentEntity d where d.realmId = :realm and d.safeId = :safe and d.deletedAt is null"
                        + " and d.folderId = :folder order by d.createdAt desc, d.id"),
        @NamedQuery(name = "skDsDocumentsAtTop",
                query = "select d from SkDsDocumentEntity d where d.realmId = :realm and d.safeId = :safe and d.deletedAt is null"
                        + " and d.folderId is null order by d.createdAt desc, d.id"),
        @NamedQuery(name = "skDsDocumentsInTrash",
                query = "select d from SkDsDocumentEntity d where d.realmId = :realm and d.safeId = :safe and d.deletedAt is not null"
                        + " order by d.deletedAt desc, d.id"),
        @NamedQuery(name = "skDsRecentDocuments",
                query = "select d from SkDsDocumentEntity d where d.realmId = :realm and d.safeId = :safe and d.deletedAt is null"
                        + " order by d.createdAt desc, d.id"),
        @NamedQuery(name = "skDsUsedBytes",
                query = "select coalesce(sum(d.size), 0) from SkDsDocumentEntity d where d.realmId = :realm and d.safeId = :safe"),
        @NamedQuery(name = "skDsDocumentCount",
                query = "select count(d) from SkDsDocumentEntity d where d.realmId = :realm and d.safeId = :safe"),
        @NamedQuery(name = "skDsDocumentsInFolder",
                query = "select count(d) from SkDsDocumentEntity d where d.realmId = :realm and d.safeId = :safe and d.folderId = :folder"),
        @NamedQuery(name = "skDsExpiredInTrash",
                query = "select d from SkDsDocumentEntity d where d.realmId = :realm and d.deletedAt < :before"),
        @NamedQuery(name = "skDsDeleteDocumentsOfSafe",
                query = "delete from SkDsDocumentEntity d where d.realmId = :realm and d.safeId = :safe"),
        @NamedQuery(name = "skDsDeleteDocumentsOfRealm",
                query = "delete from SkDsDocumentEntity d where d.realmId = :realm")
})
@Table(name = "SK_DS_DOCUMENT")
public class DocumentEntity {

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

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "DELETED_AT")
    private Long deletedAt;

    /** The trust level a session needs (1 niedrig … 3 hoch); also in the name's associated data. */
    @Column(name = "MIN_LOA", nullable = false)
    private int minLoa;

    protected DocumentEntity() {
    }

    public DocumentEntity(String id, String realmId, String safeId, String folderId, String nameEnc, String mimeType,
                          long size, long createdAt, int minLoa) {
        this.minLoa = minLoa;
        this.id = id;
        this.realmId = realmId;
        this.safeId = safeId;
        this.folderId = folderId;
        this.nameEnc = nameEnc;
        this.mimeType = mimeType;
        this.size = size;
        this.createdAt = createdAt;
    }

    public String getId() { return id; }
    public String getRealmId() { return realmId; }
    public String getSafeId() { return safeId; }
    public String getFolderId() { return folderId; }
    public void setFolderId(String folderId) { this.folderId = folderId; }
    public String getNameEnc() { return nameEnc; }
    public void setNameEnc(String nameEnc) { this.nameEnc = nameEnc; }
    public String getMimeType() { return mimeType; }
    public long getSize() { return size; }
    public long getCreatedAt() { return createdAt; }
    public Long getDeletedAt() { return deletedAt; }
    public int getMinLoa() { return minLoa; }
    public void setDeletedAt(Long deletedAt) { this.deletedAt = deletedAt; }
}
