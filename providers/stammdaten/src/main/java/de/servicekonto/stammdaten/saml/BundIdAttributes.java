package de.servicekonto.stammdaten.saml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The attributes of the BundID SAML profile ({@code urn:oid:} names) and the Stammdaten attribute each is read from.
 * {@code postalAddress} joins street and house number.
 */
public final class BundIdAttributes {

    public static final String URI_NAME_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri";
    public static final String POSTAL_ADDRESS = "urn:oid:2.5.4.16";
    private static final Map<String, String> SOURCES = new LinkedHashMap<>();

    static {
        SOURCES.put("urn:oid:2.5.4.42", "firstName");
        SOURCES.put("urn:oid:2.5.4.4", "lastName");
        SOURCES.put("urn:oid:0.9.2342.19200300.100.1.3", "email");
        SOURCES.put(POSTAL_ADDRESS, "street");
        SOURCES.put("urn:oid:2.5.4.17", "postal_code");
        SOURCES.put("urn:oid:2.5.4.7", "locality");
        SOURCES.put("urn:oid:1.2.40.0.10.2.1.1.225599", "country");
        SOURCES.put("urn:oid:0.9.2342.19200300.100.1.40", "academicTitle");
        SOURCES.put("urn:oid:1.3.6.1.4.1.33592.1.3.5", "gender");
        SOURCES.put("urn:oid:1.2.40.0.10.2.1.1.55", "birthdate");
        SOURCES.put("urn:oid:1.3.6.1.5.5.7.9.2", "placeOfBirth");
        SOURCES.put("urn:oid:1.2.40.0.10.2.1.1.225566", "birthName");
        SOURCES.put("urn:oid:1.2.40.0.10.2.1.1.225577", "nationality");
        SOURCES.put("urn:oid:1.2.40.0.10.2.1.1.552255", "sk-eid-document-type");
        SOURCES.put("urn:oid:1.3.6.1.4.1.55605.70737875.1.1.1.7.1", "deMail");
        SOURCES.put("urn:oid:2.5.4.20", "phoneNumber");
    }

    private BundIdAttributes() {
    }

    /** Every BundID attribute name we can release, in the order pages list them. */
    public static List<String> names() {
        return List.copyOf(SOURCES.keySet());
    }

    /** The Stammdaten attribute behind a BundID attribute name, if we have one. */
    public static Optional<String> source(String name) {
        return Optional.ofNullable(SOURCES.get(name));
    }
}
