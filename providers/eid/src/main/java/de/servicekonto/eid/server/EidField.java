package de.servicekonto.eid.server;

/**
 * The data groups and functions a service can ask the eID-Server for, in the order of the {@code UseOperations}
 * element of a useID request (BSI TR-03130-1). The order of the constants is the order on the wire.
 */
public enum EidField {

    DOCUMENT_TYPE("DocumentType"),
    ISSUING_STATE("IssuingState"),
    DATE_OF_EXPIRY("DateOfExpiry"),
    GIVEN_NAMES("GivenNames"),
    FAMILY_NAMES("FamilyNames"),
    ARTISTIC_NAME("ArtisticName"),
    ACADEMIC_TITLE("AcademicTitle"),
    DATE_OF_BIRTH("DateOfBirth"),
    PLACE_OF_BIRTH("PlaceOfBirth"),
    NATIONALITY("Nationality"),
    BIRTH_NAME("BirthName"),
    PLACE_OF_RESIDENCE("PlaceOfResidence"),
    COMMUNITY_ID("CommunityID"),
    RESIDENCE_PERMIT_I("ResidencePermitI"),
    RESTRICTED_ID("RestrictedID"),
    AGE_VERIFICATION("AgeVerification"),
    PLACE_VERIFICATION("PlaceVerification");

    private final String elementName;

    EidField(String elementName) {
        this.elementName = elementName;
    }

    /** The local name of the element inside {@code UseOperations} (namespace {@code http://bsi.bund.de/eID/}). */
    public String elementName() {
        return elementName;
    }
}
