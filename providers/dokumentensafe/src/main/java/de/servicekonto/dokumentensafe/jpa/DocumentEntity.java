package de.servicekonto.dokumentensafe.jpa;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.sql.Blob;

/**
 * A document (table {@code SK_DS_DOCUMENT}). {@code CONTENT} is the crypto module's stream format, written from a
 * stream of known length and read as a stream (a JDBC BLOB: H2 and PostgreSQL's large objects take it without
 * holding it in memory); the name is encrypted; type and plaintext size are in clear for the quota and the
 * download's headers.
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
                query = "select d.id from SkDsDocumentEntity d where d.realmId = :realm and d.deletedAt < :before"),
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

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "CONTENT", nullable = false, updatable = false)
    private Blob content;

    protected DocumentEntity() {
    }

    public DocumentEntity(String id, String realmId, String safeId, String folderId, String nameEnc, String mimeType,
                          long size, long createdAt, Blob content) {
        this.id = id;
        this.realmId = realmId;
        this.safeId = safeId;
        this.folderId = folderId;
        this.nameEnc = nameEnc;
        this.mimeType = mimeType;
        this.size = size;
        this.createdAt = createdAt;
        this.content = content;
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
    public void setDeletedAt(Long deletedAt) { this.deletedAt = deletedAt; }
    public Blob getContent() { return content; }
}
