package de.servicekonto.stammdaten;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The master data as OpenID Connect claims beyond Keycloak's standard ones: the names of OpenID Connect for Identity
 * Assurance 1.0 where it has one ({@code birth_family_name}, {@code place_of_birth}, {@code nationalities},
 * {@code title}), {@code de_mail} otherwise; and {@code verified_claims} for the values read from the ID card.
 */
public final class StammdatenClaims {

    /** The trust framework of values read with the German eID (an eIDAS-notified means at level high). */
    public static final String TRUST_FRAMEWORK = "eidas";
    public static final String ASSURANCE_LEVEL = "high";

    private StammdatenClaims() {
    }

    /**
     * @param attribute the account's single attribute values by name (firstName, lastName and the user-profile
     *                  names)
     * @param verified  the attribute names read from the ID card ({@code sk-verified})
     * @param verifiedBy  how they were verified ({@code sk-verified-by}), or null
     * @param verifiedAt  when ({@code sk-verified-at}, ISO-8601), or null
     */
    public static Map<String, Object> of(Function<String, String> attribute, Set<String> verified, String verifiedBy,
                                         String verifiedAt) {
        return of(attribute, verified, verifiedBy, verifiedAt, name -> true);
    }

    /**
     * As {@link #of(Function, Set, String, String)}, limited to the attributes the portal may receive ({@code
     * released}, see {@link ReleaseScopes}): nothing else appears, not even in {@code verified_claims}.
     */
    public static Map<String, Object> of(Function<String, String> attribute, Set<String> verified, String verifiedBy,
                                         String verifiedAt, java.util.function.Predicate<String> released) {
        Map<String, Object> claims = new LinkedHashMap<>(extra(attribute, released));
        java.util.function.Predicate<String> verifiedAndReleased = name -> verified.contains(name) && released.test(name);
        if (!verified.isEmpty() && verifiedBy != null) {
            Map<String, Object> verifiedValues = new LinkedHashMap<>();
            put(verifiedValues, "given_name", verifiedAndReleased.test("firstName") ? attribute.apply("firstName") : null);
            put(verifiedValues, "family_name", verifiedAndReleased.test("lastName") ? attribute.apply("lastName") : null);
            put(verifiedValues, "birthdate", verifiedAndReleased.test("birthdate") ? attribute.apply("birthdate") : null);
            verifiedValues.putAll(extra(attribute, verifiedAndReleased));
            Map<String, Object> address = address(attribute, verifiedAndReleased);
            if (!address.isEmpty()) {
                verifiedValues.put("address", address);
            }
            if (!verifiedValues.isEmpty()) {
                Map<String, Object> verification = new LinkedHashMap<>();
                verification.put("trust_framework", TRUST_FRAMEWORK);
                verification.put("assurance_level", ASSURANCE_LEVEL);
                put(verification, "time", verifiedAt);
                verification.put("verification_process", verifiedBy);
                claims.put("verified_claims", Map.of("verification", verification, "claims", verifiedValues));
            }
        }
        return claims;
    }

    private static Map<String, Object> extra(Function<String, String> attribute, java.util.function.Predicate<String> include) {
        Map<String, Object> claims = new LinkedHashMap<>();
        put(claims, "title", include.test("academicTitle") ? attribute.apply("academicTitle") : null);
        put(claims, "birth_family_name", include.test("birthName") ? attribute.apply("birthName") : null);
        Map<String, Object> place = new LinkedHashMap<>();
        put(place, "locality", include.test("placeOfBirth") ? attribute.apply("placeOfBirth") : null);
        put(place, "country", include.test("countryOfBirth") ? attribute.apply("countryOfBirth") : null);
        if (!place.isEmpty()) {
            claims.put("place_of_birth", place);
        }
        String nationality = include.test("nationality") ? attribute.apply("nationality") : null;
        if (nationality != null && !nationality.isBlank()) {
            claims.put("nationalities", List.of(nationality));
        }
        put(claims, "de_mail", include.test("deMail") ? attribute.apply("deMail") : null);
        return claims;
    }

    /**
     * The OpenID Connect {@code address} claim of the included attributes: {@code street_address} is street and
     * house number, then postal code, city and country; nothing else (no region).
     */
    public static Map<String, Object> address(Function<String, String> attribute, java.util.function.Predicate<String> include) {
        Map<String, Object> address = new LinkedHashMap<>();
        String street = include.test("street") ? attribute.apply("street") : null;
        String number = include.test("houseNumber") ? attribute.apply("houseNumber") : null;
        put(address, "street_address", street == null ? null : number == null ? street : street + " " + number);
        put(address, "postal_code", include.test("postal_code") ? attribute.apply("postal_code") : null);
        put(address, "locality", include.test("locality") ? attribute.apply("locality") : null);
        put(address, "country", include.test("country") ? attribute.apply("country") : null);
        return address;
    }

    private static void put(Map<String, Object> claims, String name, String value) {
        if (value != null && !value.isBlank()) {
            claims.put(name, value);
        }
    }
}
