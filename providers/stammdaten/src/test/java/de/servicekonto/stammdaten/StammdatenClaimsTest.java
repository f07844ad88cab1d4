package de.servicekonto.stammdaten;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StammdatenClaimsTest {

    private static final Map<String, String> ERIKA = Map.of("firstName", "ERIKA", "lastName", "MUSTERMANN",
            "birthdate", "1964-08-12", "birthName", "GABLER", "placeOfBirth", "BERLIN", "nationality", "D",
            "street", "HEIDESTRASSE 17", "postal_code", "51147", "locality", "KÖLN", "country", "D");

    @Test
    void givenValuesFromTheCardThenTheyAreVerifiedClaimsUnderEidas() {
        Map<String, Object> claims = StammdatenClaims.of(ERIKA::get, ERIKA.keySet(), "eID", "2026-11-23T10:00:00Z");

        @SuppressWarnings("unchecked")
        Map<String, Object> verifiedClaims = (Map<String, Object>) claims.get("verified_claims");
        assertThat(verifiedClaims.get("verification")).isEqualTo(Map.of("trust_framework", "eidas",
                "assurance_level", "high", "time", "2026-11-23T10:00:00Z", "verification_process", "eID"));
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) verifiedClaims.get("claims");
        assertThat(values).containsEntry("given_name", "ERIKA").containsEntry("family_name", "MUSTERMANN")
                .containsEntry("birthdate", "1964-08-12").containsEntry("birth_family_name", "GABLER")
                .containsEntry("place_of_birth", Map.of("locality", "BERLIN"))
                .containsEntry("nationalities", List.of("D"))
                .containsEntry("address", Map.of("street_address", "HEIDESTRASSE 17", "postal_code", "51147",
                        "locality", "KÖLN", "country", "D"));
        assertThat(claims).containsEntry("birth_family_name", "GABLER");
    }

    @Test
    void givenOnlyTheProfileScopeThenNeitherAddressNorDeMailAppearAnywhere() {
        Map<String, String> all = new java.util.HashMap<>(ERIKA);
        all.put("deMail", "erika@x.de-mail.de");

        Map<String, Object> claims = StammdatenClaims.of(all::get, ERIKA.keySet(), "eID", null,
                ReleaseScopes.released(List.of("openid", "profile")));

        assertThat(claims).containsEntry("birth_family_name", "GABLER").doesNotContainKey("de_mail");
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) ((Map<String, Object>) claims.get("verified_claims")).get("claims");
        assertThat(values).containsEntry("given_name", "ERIKA").doesNotContainKey("address");

        Map<String, Object> withAddress = StammdatenClaims.of(all::get, ERIKA.keySet(), "eID", null,
                ReleaseScopes.released(List.of("profile", "address", "email")));
        @SuppressWarnings("unchecked")
        Map<String, Object> verifiedWithAddress = (Map<String, Object>) ((Map<String, Object>) withAddress.get("verified_claims")).get("claims");
        assertThat(verifiedWithAddress).containsKey("address");
        assertThat(withAddress).containsEntry("de_mail", "erika@x.de-mail.de");

        assertThat(StammdatenClaims.of(all::get, ERIKA.keySet(), "eID", null, ReleaseScopes.released(List.of("openid"))))
                .as("no scope that releases master data: nothing").isEmpty();
    }

    @Test
    void givenValuesTypedByTheCitizenThenNoVerifiedClaims() {
        Map<String, String> typed = Map.of("firstName", "Max", "birthName", "Muster", "deMail", "max@x.de-mail.de");

        Map<String, Object> claims = StammdatenClaims.of(typed::get, Set.of(), null, null);

        assertThat(claims).doesNotContainKey("verified_claims")
                .containsEntry("birth_family_name", "Muster").containsEntry("de_mail", "max@x.de-mail.de");
    }

    @Test
    void givenOnlySomeValuesFromTheCardThenOnlyThoseAreVerified() {
        Map<String, String> mixed = Map.of("firstName", "ANNA", "lastName", "AUSLAND", "birthdate", "1990-01-01",
                "deMail", "anna@x.de-mail.de", "street", "Selbst eingetragen 1");

        Map<String, Object> claims = StammdatenClaims.of(mixed::get, Set.of("firstName", "lastName", "birthdate"), "eID", null);

        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>) ((Map<String, Object>) claims.get("verified_claims")).get("claims");
        assertThat(values).containsOnlyKeys("given_name", "family_name", "birthdate");
    }
}
