package de.servicekonto.eid.server;

import java.time.LocalDate;

/**
 * The personal data the eID-Server read from the ID card ({@code PersonalData} of a getResult answer). Only the
 * fields the service asked for and the citizen released are present; every other component, and every element the
 * server sent empty, is null.
 *
 * @param documentType      the document type, for instance {@code ID} (identity card)
 * @param issuingState      the issuing state, for instance {@code D}
 * @param dateOfExpiry      the document's date of expiry
 * @param givenNames        the given names
 * @param familyNames       the family names
 * @param artisticName      the artistic or religious name
 * @param academicTitle     the doctoral degree
 * @param dateOfBirth       the date of birth, or null if the card holds an incomplete date (see dateOfBirthText)
 * @param dateOfBirthText   the date of birth as the card holds it ({@code YYYYMMDD}; unknown parts are blank or zero)
 * @param placeOfBirth      the place of birth
 * @param nationality       the nationality, for instance {@code D}
 * @param birthName         the birth name
 * @param placeOfResidence  the address
 * @param communityId       the community identifier (Gemeindeschlüssel) of the address
 * @param restrictedId      the service- and card-specific pseudonym (hex, upper or lower case as received)
 */
public record EidPerson(String documentType, String issuingState, LocalDate dateOfExpiry, String givenNames,
                        String familyNames, String artisticName, String academicTitle, LocalDate dateOfBirth,
                        String dateOfBirthText, Place placeOfBirth, String nationality, String birthName,
                        Place placeOfResidence, String communityId, String restrictedId) {

    public EidPerson {
        if (restrictedId != null && !Hex.isHex(restrictedId)) {
            throw new IllegalArgumentException("restrictedId must be a hex string");
        }
    }

    /** Names only the document and which data is present: the data itself must not end up in logs. */
    @Override
    public String toString() {
        return "EidPerson[documentType=" + documentType + ", issuingState=" + issuingState
                + ", names=" + present(givenNames != null || familyNames != null)
                + ", dateOfBirth=" + present(dateOfBirthText != null || dateOfBirth != null)
                + ", placeOfResidence=" + present(placeOfResidence != null)
                + ", restrictedId=" + present(restrictedId != null) + "]";
    }

    private static String present(boolean present) {
        return present ? "present" : "absent";
    }
}
