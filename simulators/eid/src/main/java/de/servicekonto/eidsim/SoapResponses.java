package de.servicekonto.eidsim;

import de.servicekonto.eidsim.Identity.NoPlaceInfo;
import de.servicekonto.eidsim.Identity.Person;
import de.servicekonto.eidsim.Identity.StructuredPlace;
import de.servicekonto.eidsim.SoapRequests.UseId;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import static de.servicekonto.eidsim.Xml.escape;

/** Writes the SOAP answers of the simulated eID-Server (TR-03130-1) with the prefixes soap, eid and dss. */
final class SoapResponses {

    private static final DateTimeFormatter DATE_STRING = DateTimeFormatter.BASIC_ISO_DATE;

    private SoapResponses() {
    }

    static String useIdOk(String sessionId, URI eCardServerAddress, String pskId, String pskKey) {
        return envelope("<eid:useIDResponse>"
                + "<eid:Session>" + element("eid:ID", sessionId) + "</eid:Session>"
                + element("eid:eCardServerAddress", eCardServerAddress.toString())
                + "<eid:PSK>" + element("eid:ID", pskId) + element("eid:Key", pskKey) + "</eid:PSK>"
                + result(ResultUris.MAJOR_OK, null)
                + "</eid:useIDResponse>");
    }

    static String useIdError(String resultMinor) {
        return envelope("<eid:useIDResponse>" + result(ResultUris.MAJOR_ERROR, resultMinor) + "</eid:useIDResponse>");
    }

    static String getResultError(String resultMinor) {
        return envelope("<eid:getResultResponse>" + result(ResultUris.MAJOR_ERROR, resultMinor)
                + "</eid:getResultResponse>");
    }

    /**
     * A successful getResultResponse with only the data groups the request allowed. FulfilsAgeVerification is
     * present only when an age was asked for.
     */
    static String getResultOk(UseId request, Person person, LocalDate today) {
        StringBuilder body = new StringBuilder("<eid:getResultResponse>");
        String personalData = personalData(request, person);
        if (!personalData.isEmpty()) {
            body.append("<eid:PersonalData>").append(personalData).append("</eid:PersonalData>");
        }
        request.verifiedAge().ifPresent(age -> body.append("<eid:FulfilsAgeVerification>")
                .append(element("eid:FulfilsRequest", Boolean.toString(person.isAtLeast(age, today))))
                .append("</eid:FulfilsAgeVerification>"));
        body.append(element("eid:LevelOfAssuranceResult", ResultUris.LOA_HIGH))
                .append(result(ResultUris.MAJOR_OK, null))
                .append("</eid:getResultResponse>");
        return envelope(body.toString());
    }

    private static String personalData(UseId request, Person person) {
        StringBuilder data = new StringBuilder();
        for (Attribute attribute : Attribute.values()) {
            if (request.reads(attribute)) {
                data.append(dataGroup(attribute, person));
            }
        }
        return data.toString();
    }

    private static String dataGroup(Attribute attribute, Person person) {
        return switch (attribute) {
            case DOCUMENT_TYPE -> element("eid:DocumentType", person.documentType());
            case ISSUING_STATE -> element("eid:IssuingState", person.issuingState());
            case DATE_OF_EXPIRY -> element("eid:DateOfExpiry", person.dateOfExpiry().toString());
            case GIVEN_NAMES -> element("eid:GivenNames", person.givenNames());
            case FAMILY_NAMES -> element("eid:FamilyNames", person.familyNames());
            case ARTISTIC_NAME -> element("eid:ArtisticName", person.artisticName());
            case ACADEMIC_TITLE -> element("eid:AcademicTitle", person.academicTitle());
            case DATE_OF_BIRTH -> "<eid:DateOfBirth>"
                    + element("eid:DateString", person.dateOfBirth().format(DATE_STRING))
                    + element("eid:DateValue", person.dateOfBirth().toString())
                    + "</eid:DateOfBirth>";
            case PLACE_OF_BIRTH -> "<eid:PlaceOfBirth>" + element("eid:FreetextPlace", person.placeOfBirth())
                    + "</eid:PlaceOfBirth>";
            case NATIONALITY -> element("eid:Nationality", person.nationality());
            case BIRTH_NAME -> element("eid:BirthName", person.birthName());
            case PLACE_OF_RESIDENCE -> "<eid:PlaceOfResidence>" + residence(person) + "</eid:PlaceOfResidence>";
            case COMMUNITY_ID -> person.communityId() == null ? "" : element("eid:CommunityID", person.communityId());
            case RESTRICTED_ID -> "<eid:RestrictedID>" + element("eid:ID", person.restrictedId())
                    + "</eid:RestrictedID>";
            // Verifications are answered outside PersonalData; identity cards carry no residence permit.
            case RESIDENCE_PERMIT_I, AGE_VERIFICATION, PLACE_VERIFICATION -> "";
        };
    }

    private static String residence(Person person) {
        if (person.placeOfResidence() instanceof StructuredPlace place) {
            return "<eid:StructuredPlace>"
                    + element("eid:Street", place.street())
                    + element("eid:City", place.city())
                    + element("eid:State", place.state())
                    + element("eid:Country", place.country())
                    + element("eid:ZipCode", place.zipCode())
                    + "</eid:StructuredPlace>";
        }
        return element("eid:NoPlaceInfo", ((NoPlaceInfo) person.placeOfResidence()).text());
    }

    /** A SOAP 1.1 fault; {@code faultCode} is {@code Client} or {@code Server}. */
    static String fault(String faultCode, String faultString) {
        return envelope("<soap:Fault>"
                + element("faultcode", "soap:" + faultCode)
                + element("faultstring", faultString)
                + "</soap:Fault>");
    }

    private static String result(String major, String minor) {
        return "<dss:Result>" + element("dss:ResultMajor", major)
                + (minor == null ? "" : element("dss:ResultMinor", minor))
                + "</dss:Result>";
    }

    private static String envelope(String bodyContent) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<soap:Envelope xmlns:soap=\"" + SoapRequests.SOAP_NS + "\" xmlns:eid=\"" + SoapRequests.EID_NS
                + "\" xmlns:dss=\"" + SoapRequests.DSS_NS + "\">"
                + "<soap:Body>" + bodyContent + "</soap:Body></soap:Envelope>";
    }

    private static String element(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }
}
