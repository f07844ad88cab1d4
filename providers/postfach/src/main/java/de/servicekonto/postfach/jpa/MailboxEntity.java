package de.servicekonto.postfach.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A mailbox (table {@code SK_PF_MAILBOX}): one per account (kind USER), organisation (ORGANISATION) or authority (AUTHORITY) and realm. */
@Entity(name = "SkPfMailboxEntity")
@Table(name = "SK_PF_MAILBOX")
@NamedQuery(name = "skPfMailboxByOwner",
        query = "select m from SkPfMailboxEntity m where m.realmId = :realm and m.ownerKind = :kind and m.ownerId = :owner")
public class MailboxEntity {

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

    protected MailboxEntity() {
    }

    public MailboxEntity(String id, String realmId, String ownerKind, String ownerId, long createdAt) {
        this.id = id;
        this.realmId = realmId;
        this.ownerKind = ownerKind;
        this.ownerId = ownerId;
        this.createdAt = createdAt;
    }

    public String getId() {
        return id;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getOwnerKind() {
        return ownerKind;
    }

    public String getOwnerId() {
        return ownerId;
    }

    public long getCreatedAt() {
        return createdAt;
    }
}
