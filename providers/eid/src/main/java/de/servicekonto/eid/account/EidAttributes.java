package de.servicekonto.eid.account;

import de.servicekonto.eid.server.EidPerson;
import de.servicekonto.eid.server.Place;
import de.servicekonto.trustlevel.passkey.IdentityProofing;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user attributes an account takes from the chip, and their names. Standard OIDC claim names where one exists
 * ({@code birthdate}, and the parts of {@code address} as Keycloak's address mapper reads them), so portals get
 * them through Keycloak's own mappers.
 */
public final class EidAttributes {

    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String BIRTHDATE = "birthdate";
    public static final String BIRTH_NAME = "birthName";
    public static final String PLACE_OF_BIRTH = "placeOfBirth";
    public static final String NATIONALITY = "nationality";
    public static final String ACADEMIC_TITLE = "academicTitle";
    public static final String ARTISTIC_NAME = "artisticName";
    public static final String STREET = "street";
    public static final String POSTAL_CODE = "postal_code";
    public static final String LOCALITY = "locality";
    public static final String REGION = "region";
    public static final String COUNTRY = "country";
    public static final String DOCUMENT_TYPE = "sk-eid-document-type";
    public static final String ISSUING_STATE = "sk-eid-issuing-state";
    public static final String DOCUMENT_EXPIRY = "sk-eid-document-expiry";
    public static final String COMMUNITY_ID = "sk-eid-community-id";

    /** Keyed hash of the RestrictedID (see {@link de.servicekonto.eid.Pseudonym}); never the raw value. */
    public static final String PSEUDONYM = IdentityProofing.CARD_PSEUDONYM_ATTRIBUTE;
    /** Names of the attributes whose values were read from the chip (multi-valued). */
    public static final String VERIFIED = "sk-verified";
    /** Where the verified values come from: {@value #SOURCE_EID}. */
    public static final String VERIFIED_BY = "sk-verified-by";
    /** When they were read (ISO-8601 instant). */
    public static final String VERIFIED_AT = "sk-verified-at";
    public static final String SOURCE_EID = "eID";

    /** Every attribute the chip can fill; on an upgrade all of them are replaced, absent ones removed. */
    public static final List<String> FROM_CHIP = List.of(FIRST_NAME, LAST_NAME, BIRTHDATE, BIRTH_NAME, PLACE_OF_BIRTH,
            NATIONALITY, ACADEMIC_TITLE, ARTISTIC_NAME, STREET, POSTAL_CODE, LOCALITY, REGION, COUNTRY, DOCUMENT_TYPE,
            ISSUING_STATE, DOCUMENT_EXPIRY, COMMUNITY_ID);

    private EidAttributes() {
    }

    /** The chip's data as attribute values, in {@link #FROM_CHIP} order; fields the chip did not deliver are absent. */
    public static Map<String, String> of(EidPerson person) {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, FIRST_NAME, person.givenNames());
        put(values, LAST_NAME, person.familyNames());
        LocalDate birth = person.dateOfBirth();
        put(values, BIRTHDATE, birth == null ? null : birth.toString());
        put(values, BIRTH_NAME, person.birthName());
        put(values, PLACE_OF_BIRTH, text(person.placeOfBirth()));
        put(values, NATIONALITY, person.nationality());
        put(values, ACADEMIC_TITLE, person.academicTitle());
        put(values, ARTISTIC_NAME, person.artisticName());
        Place home = person.placeOfResidence();
        if (home != null && !home.noPlaceInfo()) {
            if (home.freeText() != null) {
                put(values, STREET, home.freeText());
            } else {
                put(values, STREET, home.street());
                put(values, POSTAL_CODE, home.zipCode());
                put(values, LOCALITY, home.city());
                put(values, REGION, home.state());
                put(values, COUNTRY, home.country());
            }
        }
        put(values, DOCUMENT_TYPE, person.documentType());
        put(values, ISSUING_STATE, person.issuingState());
        put(values, DOCUMENT_EXPIRY, person.dateOfExpiry() == null ? null : person.dateOfExpiry().toString());
        put(values, COMMUNITY_ID, person.communityId());
        return values;
    }

    private static String text(Place place) {
        if (place == null || place.noPlaceInfo()) {
            return null;
        }
        if (place.freeText() != null) {
            return place.freeText();
        }
        return place.city();
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value.strip());
        }
    }
}
