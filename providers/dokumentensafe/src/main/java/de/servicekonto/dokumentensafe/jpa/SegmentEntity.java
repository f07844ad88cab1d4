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
 * One segment of a document's content (table {@code SK_DS_SEGMENT}): at most one part size of plaintext, encrypted
 * (the crypto module's stream format), written from a stream of known length and read as a stream (a JDBC BLOB: H2
 * and PostgreSQL's large objects take it without holding it in memory). {@code CONTENT_ID} is the document's id
 * (while an upload session is open, the session's, which becomes the document's); {@code (CONTENT_ID, IDX)} is unique.
 */
@Entity(name = "SkDsSegmentEntity")
@NamedQueries({
        @NamedQuery(name = "skDsSegment",
                query = "select s from SkDsSegmentEntity s where s.realmId = :realm and s.safeId = :safe and s.contentId = :content"
                        + " and s.idx = :index"),
        @NamedQuery(name = "skDsSegmentCount",
                query = "select count(s) from SkDsSegmentEntity s where s.realmId = :realm and s.safeId = :safe and s.contentId = :content"),
        @NamedQuery(name = "skDsDeleteSegments",
                query = "delete from SkDsSegmentEntity s where s.realmId = :realm and s.safeId = :safe and s.contentId = :content"),
        @NamedQuery(name = "skDsDeleteSegmentsOfSafe",
                query = "delete from SkDsSegmentEntity s where s.realmId = :realm and s.safeId = :safe"),
        @NamedQuery(name = "skDsDeleteSegmentsOfRealm",
                query = "delete from SkDsSegmentEntity s where s.realmId = :realm")
})
@Table(name = "SK_DS_SEGMENT")
public class SegmentEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SAFE_ID", length = 36, nullable = false)
    private String safeId;

    @Column(name = "CONTENT_ID", length = 36, nullable = false)
    private String contentId;

    @Column(name = "IDX", nullable = false)
    private int idx;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "CONTENT", nullable = false, updatable = false)
    private Blob content;

    protected SegmentEntity() {
    }

    public SegmentEntity(String id, String realmId, String safeId, String contentId, int index, Blob content) {
        this.id = id;
        this.realmId = realmId;
        this.safeId = safeId;
        this.contentId = contentId;
        this.idx = index;
        this.content = content;
    }

    public Blob getContent() { return content; }
}
