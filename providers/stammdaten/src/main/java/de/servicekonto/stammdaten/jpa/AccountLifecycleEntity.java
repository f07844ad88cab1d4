package de.servicekonto.stammdaten.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row per account of a realm with the listener {@code sk-lifecycle}: when it was last active (its last recorded
 * login, else its creation) and, for a self-registration whose address is not confirmed yet, since when. The
 * scheduled sweep finds its candidates here, so it queries none of Keycloak's tables (issue #20: Keycloak's JPA
 * entities are not an API). No personal data beyond the account id and two times.
 */
@Entity
@Table(name = "SK_ACCOUNT_LIFECYCLE")
public class AccountLifecycleEntity {

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Epoch milliseconds. */
    @Column(name = "LAST_ACTIVE", nullable = false)
    private long lastActive;

    /** Epoch milliseconds, or null once confirmed (or never a self-registration). */
    @Column(name = "UNCONFIRMED_SINCE")
    private Long unconfirmedSince;

    protected AccountLifecycleEntity() {
    }

    AccountLifecycleEntity(String realmId, String userId, long lastActive, Long unconfirmedSince) {
        this.realmId = realmId;
        this.userId = userId;
        this.lastActive = lastActive;
        this.unconfirmedSince = unconfirmedSince;
    }

    public String getUserId() {
        return userId;
    }

    public String getRealmId() {
        return realmId;
    }

    public long getLastActive() {
        return lastActive;
    }

    void setLastActive(long lastActive) {
        this.lastActive = lastActive;
    }

    public Long getUnconfirmedSince() {
        return unconfirmedSince;
    }

    void setUnconfirmedSince(Long unconfirmedSince) {
        this.unconfirmedSince = unconfirmedSince;
    }
}
