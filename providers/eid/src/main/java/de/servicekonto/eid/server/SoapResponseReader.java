package de.servicekonto.eid.server;

import static de.servicekonto.eid.server.SoapMessages.DSS_NS;
import static de.servicekonto.eid.server.SoapMessages.EID_NS;
import static de.servicekonto.eid.server.SoapMessages.SOAP_NS;

import de.servicekonto.eid.EidResult;
import de.servicekonto.eid.server.BoundedXml.Element;
import de.servicekonto.eid.server.EidServerException.Reason;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;

/**
 * Reads the eID-Server's SOAP answers. Elements are matched by namespace URI and local name only; elements of other
 * namespaces are ignored, a repeated element is an error (it would be ambiguous which one counts), and every value
 * is bounded.
 */
final class SoapResponseReader {

    /** RestrictedIDs are 32-byte values; the pseudonym hashing accepts up to this many hex characters. */
    static final int MAX_RESTRICTED_ID_CHARS = 256;
    private static final int MAX_DIAGNOSTIC_CHARS = 200;

    private SoapResponseReader() {
    }

    /**
     * Reads a useID answer.
     *
     * @throws EidServerException REFUSED for a SOAP fault or an error result (with the mapped {@link EidResult}),
     *                            PROTOCOL for anything unreadable or incomplete
     */
    static UseIdResponse readUseIdResponse(byte[] body) throws EidServerException {
        Element response = payload(body, "useIDResponse");
        ResultCodes codes = resultCodes(response);
        if (!codes.ok()) {
            EidResult mapped = EidResult.ofServerResult(codes.major(), codes.minor());
            throw new EidServerException(Reason.REFUSED, mapped, "eID-Server refused useID: "
                    + printable(codes.minor() != null ? codes.minor() : codes.major()), null);
        }
        String sessionId = hex(required(required(response, "Session"), "ID"), "Session/ID", Hex.MAX_LENGTH);
        Element psk = required(response, "PSK");
        String pskId = hex(required(psk, "ID"), "PSK/ID", Hex.MAX_LENGTH);
        byte[] pskKey = HexFormat.of().parseHex(hex(required(psk, "Key"), "PSK/Key", Hex.MAX_LENGTH));
        if (pskKey.length < UseIdResponse.MIN_PSK_BYTES) {
            throw new EidServerException(Reason.PROTOCOL, "eID-Server sent a PSK shorter than "
                    + UseIdResponse.MIN_PSK_BYTES + " bytes");
        }
        URI ecardServerAddress = httpsUri(value(optional(response, "eCardServerAddress")), "eCardServerAddress");
        return new UseIdResponse(sessionId, ecardServerAddress, pskId, pskKey);
    }

    /**
     * Reads a getResult answer. Error results are returned, not thrown: "no result yet" is part of normal polling.
     *
     * @throws EidServerException REFUSED for a SOAP fault, PROTOCOL for anything unreadable or incomplete
     */
    static GetResultResponse readGetResultResponse(byte[] body) throws EidServerException {
        Element response = payload(body, "getResultResponse");
        ResultCodes codes = resultCodes(response);
        if (!codes.ok()) {
            return GetResultResponse.of(codes.major(), codes.minor(), null, null, null);
        }
        EidPerson person = personalData(optional(response, "PersonalData"));
        Boolean fulfilsAge = null;
        Element ageResult = optional(response, "FulfilsAgeVerification");
        if (ageResult != null) {
            fulfilsAge = bool(required(ageResult, "FulfilsRequest"), "FulfilsAgeVerification/FulfilsRequest");
        }
        String levelOfAssurance = value(optional(response, "LevelOfAssuranceResult"));
        return GetResultResponse.of(codes.major(), codes.minor(), person, fulfilsAge, levelOfAssurance);
    }

    /**
     * The failure a SOAP fault stands for, if the body is one. For error statuses, where a body that is no fault
     * says nothing.
     */
    static Optional<EidServerException> fault(byte[] body) {
        try {
            Element soapBody = soapBody(BoundedXml.parse(body));
            for (Element child : soapBody.children()) {
                if (child.is(SOAP_NS, "Fault")) {
                    return Optional.of(faultException(child));
                }
            }
        } catch (EidServerException notSoap) {
            // not a SOAP message at all
        }
        return Optional.empty();
    }

    private record ResultCodes(String major, String minor) {
        boolean ok() {
            return EidResult.MAJOR_OK.equals(major);
        }
    }

    private static Element payload(byte[] body, String expected) throws EidServerException {
        Element soapBody = soapBody(BoundedXml.parse(body));
        for (Element child : soapBody.children()) {
            if (child.is(SOAP_NS, "Fault")) {
                throw faultException(child);
            }
        }
        List<Element> matches = soapBody.children(EID_NS, expected);
        if (matches.size() != 1) {
            throw new EidServerException(Reason.PROTOCOL, "answer does not contain exactly one " + expected);
        }
        return matches.get(0);
    }

    private static Element soapBody(Element root) throws EidServerException {
        if (!root.is(SOAP_NS, "Envelope")) {
            throw new EidServerException(Reason.PROTOCOL, "answer is not a SOAP 1.1 envelope");
        }
        List<Element> bodies = root.children(SOAP_NS, "Body");
        if (bodies.size() != 1) {
            throw new EidServerException(Reason.PROTOCOL, "SOAP envelope does not contain exactly one Body");
        }
        return bodies.get(0);
    }

    private static EidServerException faultException(Element fault) {
        String code;
        try {
            List<Element> codes = fault.children(XMLConstants.NULL_NS_URI, "faultcode");
            code = codes.size() == 1 ? codes.get(0).text().trim() : "";
        } catch (EidServerException tooLong) {
            code = "";
        }
        // faultstring is left out on purpose: servers tend to echo request details in it.
        return new EidServerException(Reason.REFUSED, "eID-Server answered with a SOAP fault"
                + (code.isEmpty() ? "" : " (" + printable(code) + ")"));
    }

    private static ResultCodes resultCodes(Element response) throws EidServerException {
        List<Element> results = response.children(DSS_NS, "Result");
        if (results.size() != 1) {
            throw new EidServerException(Reason.PROTOCOL, "answer does not contain exactly one dss:Result");
        }
        Element result = results.get(0);
        String major = value(single(result, DSS_NS, "ResultMajor"));
        if (major == null) {
            throw new EidServerException(Reason.PROTOCOL, "answer has no ResultMajor");
        }
        return new ResultCodes(major, value(single(result, DSS_NS, "ResultMinor")));
    }

    private static EidPerson personalData(Element data) throws EidServerException {
        if (data == null) {
            return null;
        }
        LocalDate dateOfBirth = null;
        String dateOfBirthText = null;
        Element birth = optional(data, "DateOfBirth");
        if (birth != null) {
            Element dateString = optional(birth, "DateString");
            if (dateString != null) {
                String raw = leafText(dateString);
                // Blanks may stand for unknown parts of the date, so the text is kept as it is.
                dateOfBirthText = raw.isBlank() ? null : raw;
            }
            dateOfBirth = date(value(optional(birth, "DateValue")), "DateOfBirth/DateValue");
            if (dateOfBirth == null) {
                dateOfBirth = completeDate(dateOfBirthText);
            }
        }
        Element restricted = optional(data, "RestrictedID");
        String restrictedId = restricted == null
                ? null
                : hex(optional(restricted, "ID"), "RestrictedID/ID", MAX_RESTRICTED_ID_CHARS);
        return new EidPerson(
                value(optional(data, "DocumentType")),
                value(optional(data, "IssuingState")),
                date(value(optional(data, "DateOfExpiry")), "DateOfExpiry"),
                value(optional(data, "GivenNames")),
                value(optional(data, "FamilyNames")),
                value(optional(data, "ArtisticName")),
                value(optional(data, "AcademicTitle")),
                dateOfBirth,
                dateOfBirthText,
                place(optional(data, "PlaceOfBirth")),
                value(optional(data, "Nationality")),
                value(optional(data, "BirthName")),
                place(optional(data, "PlaceOfResidence")),
                value(optional(data, "CommunityID")),
                restrictedId);
    }

    private static Place place(Element place) throws EidServerException {
        if (place == null) {
            return null;
        }
        Element structured = optional(place, "StructuredPlace");
        Element freeText = optional(place, "FreetextPlace");
        Element noInfo = optional(place, "NoPlaceInfo");
        int forms = (structured != null ? 1 : 0) + (freeText != null ? 1 : 0) + (noInfo != null ? 1 : 0);
        if (forms > 1) {
            throw new EidServerException(Reason.PROTOCOL, place.localName() + " has more than one form");
        }
        if (noInfo != null) {
            return Place.noInfo(value(noInfo));
        }
        if (freeText != null) {
            String text = value(freeText);
            return text == null ? null : Place.freeText(text);
        }
        if (structured != null) {
            String street = value(optional(structured, "Street"));
            String city = value(optional(structured, "City"));
            String state = value(optional(structured, "State"));
            String country = value(optional(structured, "Country"));
            String zipCode = value(optional(structured, "ZipCode"));
            boolean empty = street == null && city == null && state == null && country == null && zipCode == null;
            return empty ? null : Place.structured(street, city, state, country, zipCode);
        }
        return null;
    }

    /** The one child in the eID namespace with this name, or null. */
    private static Element optional(Element parent, String localName) throws EidServerException {
        return single(parent, EID_NS, localName);
    }

    private static Element required(Element parent, String localName) throws EidServerException {
        Element child = optional(parent, localName);
        if (child == null) {
            throw new EidServerException(Reason.PROTOCOL, parent.localName() + " has no " + localName);
        }
        return child;
    }

    private static Element single(Element parent, String namespace, String localName) throws EidServerException {
        List<Element> matches = parent.children(namespace, localName);
        if (matches.size() > 1) {
            throw new EidServerException(Reason.PROTOCOL, localName + " appears more than once in "
                    + parent.localName());
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    /** The text of a leaf element; an element expected to hold text must not hold elements. */
    private static String leafText(Element element) throws EidServerException {
        if (!element.children().isEmpty()) {
            throw new EidServerException(Reason.PROTOCOL, element.localName() + " must hold text only");
        }
        return element.text();
    }

    /** The trimmed text of a leaf element; null for a missing or empty element. */
    private static String value(Element element) throws EidServerException {
        if (element == null) {
            return null;
        }
        String text = leafText(element).strip();
        return text.isEmpty() ? null : text;
    }

    private static String hex(Element element, String name, int maxChars) throws EidServerException {
        String text = value(element);
        if (text == null) {
            return null;
        }
        if (text.length() > maxChars || !Hex.isHex(text)) {
            throw new EidServerException(Reason.PROTOCOL, name + " is not a hex value of at most " + maxChars
                    + " characters");
        }
        return text;
    }

    private static LocalDate date(String text, String name) throws EidServerException {
        if (text == null) {
            return null;
        }
        try {
            // xs:date, which may carry a time zone
            return LocalDate.parse(text, DateTimeFormatter.ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new EidServerException(Reason.PROTOCOL, name + " is not a date");
        }
    }

    /** The date of a {@code YYYYMMDD} DateString, or null if it is incomplete (blank or zero parts) or invalid. */
    private static LocalDate completeDate(String dateString) {
        if (dateString == null || !dateString.matches("[0-9]{8}")) {
            return null;
        }
        try {
            return LocalDate.parse(dateString, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean bool(Element element, String name) throws EidServerException {
        String text = value(element);
        if ("true".equals(text) || "1".equals(text)) {
            return true;
        }
        if ("false".equals(text) || "0".equals(text)) {
            return false;
        }
        throw new EidServerException(Reason.PROTOCOL, name + " is not a boolean");
    }

    private static URI httpsUri(String text, String name) throws EidServerException {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new EidServerException(Reason.PROTOCOL, name + " is not an https URI");
    }

    /** A server-provided code shortened and reduced to printable ASCII, for messages and logs. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_DIAGNOSTIC_CHARS));
        for (int i = 0; i < text.length() && out.length() < MAX_DIAGNOSTIC_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
