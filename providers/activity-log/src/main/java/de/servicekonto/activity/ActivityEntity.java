package de.servicekonto.activity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of an account's activity log (table {@code SK_ACTIVITY}). */
@Entity
@Table(name = "SK_ACTIVITY")
public class ActivityEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "EVENT_TIME", nullable = false)
    private long time;

    @Column(name = "TYPE", length = 32, nullable = false)
    private String type;

    @Column(name = "CLIENT_ID", length = 255)
    private String clientId;

    @Column(name = "TRUST_LEVEL")
    private Integer trustLevel;

    @Column(name = "MEANS", length = 64)
    private String means;

    @Column(name = "DETAIL", length = 1000)
    private String detail;

    /** Longest detail kept (the column's length); longer texts are cut. */
    static final int MAX_DETAIL = 1000;

    /** The detail as stored: cut at {@link #MAX_DETAIL}. */
    static String detail(String text) {
        return text == null || text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL);
    }

    protected ActivityEntity() {
    }

    ActivityEntity(String id, String realmId, String userId, long time, ActivityType type, String clientId,
                   Integer trustLevel, String means, String detail) {
        this.id = id;
        this.realmId = realmId;
        this.userId = userId;
        this.time = time;
        this.type = type.name();
        this.clientId = clientId;
        this.trustLevel = trustLevel;
        this.means = means;
        this.detail = detail;
    }

    public String getId() {
        return id;
    }

    public String getRealmId() {
        return realmId;
    }

    public String getUserId() {
        return userId;
    }

    public long getTime() {
        return time;
    }

    public String getType() {
        return type;
    }

    public String getClientId() {
        return clientId;
    }

    public Integer getTrustLevel() {
        return trustLevel;
    }

    public String getMeans() {
        return means;
    }

    public String getDetail() {
        return detail;
    }
}
