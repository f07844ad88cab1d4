package de.servicekonto.organisations.spi;

import de.servicekonto.organisations.AccountKind;
import de.servicekonto.organisations.AuthorityStatus;

/**
 * Our part of an organisation or authority account (the Keycloak organization holds name and members).
 *
 * @param status     authorities only: where the review stands
 * @param verifiedBy organisations: the operator (user id) who marked the data verified, with {@code verifiedAt}
 *                   (epoch milliseconds); {@code null} while unverified
 */
public record OrganisationAccount(String orgId, AccountKind kind, String legalForm, String registerType,
                                  String registerNumber, String registerCourt, String street, String postalCode,
                                  String city, String contactEmail, String contactPhone, String responsiblePerson,
                                  String agencyKey, AuthorityStatus status, String verifiedBy, Long verifiedAt,
                                  String createdBy, long createdAt) {

    /** Whether this account may act now: an organisation always, an authority only while active. */
    public boolean mayAct() {
        return kind == AccountKind.ORGANISATION || (status != null && status.mayAct());
    }
}
