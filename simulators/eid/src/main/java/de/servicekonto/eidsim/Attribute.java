package de.servicekonto.eidsim;

/**
 * The elements of UseOperations in a useIDRequest (TR-03130-1), in the order the schema's sequence prescribes.
 * Each names a data group of the card or a verification the service provider may ask for.
 */
enum Attribute {
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

    /** What the service provider asks for one attribute; the constant names are the wire values. */
    enum Request {
        REQUIRED,
        ALLOWED,
        PROHIBITED
    }

    private final String elementName;

    Attribute(String elementName) {
        this.elementName = elementName;
    }

    String elementName() {
        return elementName;
    }
}
