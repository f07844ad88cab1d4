package de.servicekonto.organisations.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * What Keycloak's organization lacks for an Organisationskonto or Behördenkonto (table {@code SK_ORG_ACCOUNT}),
 * keyed by the Keycloak organization's id.
 */
@Entity
@Table(name = "SK_ORG_ACCOUNT")
@NamedQueries({
        @NamedQuery(name = "SkOrg.accountsByKindAndStatus", query = "select a from SkOrgAccountEntity a"
                + " where a.realmId = :realm and a.kind = :kind and a.status = :status order by a.createdAt, a.orgId"),
        @NamedQuery(name = "SkOrg.accountsRegisteredSince", query = "select count(a) from SkOrgAccountEntity a"
                + " where a.realmId = :realm and a.createdBy = :user and a.createdAt >= :since"),
        @NamedQuery(name = "SkOrg.deleteAccountsOfRealm", query = "delete from SkOrgAccountEntity a where a.realmId = :realm")
})
public class SkOrgAccountEntity {

    @Id
    @Column(name = "ORG_ID", length = 36)
    private String orgId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "KIND", length = 16, nullable = false)
    private String kind;

    @Column(name = "LEGAL_FORM", length = 100)
    private String legalForm;

    @Column(name = "REGISTER_TYPE", length = 8)
    private String registerType;

    @Column(name = "REGISTER_NUMBER", length = 32)
    private String registerNumber;

    @Column(name = "REGISTER_COURT", length = 100)
    private String registerCourt;

    @Column(name = "STREET", length = 200)
    private String street;

    @Column(name = "POSTAL_CODE", length = 5)
    private String postalCode;

    @Column(name = "CITY", length = 100)
    private String city;

    @Column(name = "CONTACT_EMAIL", length = 254)
    private String contactEmail;

    @Column(name = "CONTACT_PHONE", length = 40)
    private String contactPhone;

    @Column(name = "RESPONSIBLE_PERSON", length = 200)
    private String responsiblePerson;

    @Column(name = "AGENCY_KEY", length = 8)
    private String agencyKey;

    @Column(name = "STATUS", length = 16)
    private String status;

    @Column(name = "VERIFIED_BY", length = 36)
    private String verifiedBy;

    @Column(name = "VERIFIED_AT")
    private Long verifiedAt;

    @Column(name = "CREATED_BY", length = 36, nullable = false)
    private String createdBy;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** Raised with every change; a write based on a stale read fails instead of overwriting. */
    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getLegalForm() { return legalForm; }
    public void setLegalForm(String legalForm) { this.legalForm = legalForm; }
    public String getRegisterType() { return registerType; }
    public void setRegisterType(String registerType) { this.registerType = registerType; }
    public String getRegisterNumber() { return registerNumber; }
    public void setRegisterNumber(String registerNumber) { this.registerNumber = registerNumber; }
    public String getRegisterCourt() { return registerCourt; }
    public void setRegisterCourt(String registerCourt) { this.registerCourt = registerCourt; }
    public String getStreet() { return street; }
    public void setStreet(String street) { this.street = street; }
    public String getPostalCode() { return postalCode; }
    public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
    public String getCity() { return city; }
    public void setCity(String city) { this.city = city; }
    public String getContactEmail() { return contactEmail; }
    public void setContactEmail(String contactEmail) { this.contactEmail = contactEmail; }
    public String getContactPhone() { return contactPhone; }
    public void setContactPhone(String contactPhone) { this.contactPhone = contactPhone; }
    public String getResponsiblePerson() { return responsiblePerson; }
    public void setResponsiblePerson(String responsiblePerson) { this.responsiblePerson = responsiblePerson; }
    public String getAgencyKey() { return agencyKey; }
    public void setAgencyKey(String agencyKey) { this.agencyKey = agencyKey; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getVerifiedBy() { return verifiedBy; }
    public void setVerifiedBy(String verifiedBy) { this.verifiedBy = verifiedBy; }
    public Long getVerifiedAt() { return verifiedAt; }
    public void setVerifiedAt(Long verifiedAt) { this.verifiedAt = verifiedAt; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public int getVersion() { return version; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
}
