package de.servicekonto.stammdaten.saml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleasePlanTest {

    private static final String GIVEN_NAME = "urn:oid:2.5.4.42";
    private static final String SURNAME = "urn:oid:2.5.4.4";
    private static final String BIRTHDATE = "urn:oid:1.2.40.0.10.2.1.1.55";
    private static final String POSTAL_CODE = "urn:oid:2.5.4.17";
    private static final String DOCUMENT_TYPE = "urn:oid:1.2.40.0.10.2.1.1.552255";
    private static final Map<String, String> ACCOUNT = Map.of("firstName", "Erika", "lastName", "Mustermann",
            "birthdate", "1964-08-12", "postal_code", " ");

    @Test
    void givenRequestedAttributesThenEachWithValueAndOriginInTheProfilesOrder() {
        ReleasePlan plan = ReleasePlan.of(Map.of(BIRTHDATE, false, GIVEN_NAME, true), List.of(Set.of()), ACCOUNT::get,
                GIVEN_NAME::equals);

        assertThat(plan.released()).extracting(ReleasePlan.Item::name).containsExactly(GIVEN_NAME, BIRTHDATE);
        assertThat(plan.released()).extracting(ReleasePlan.Item::origin)
                .containsExactly(ReleasePlan.Origin.ID_CARD, ReleasePlan.Origin.SELF_ENTERED);
        assertThat(plan.releasedSources()).containsExactly("birthdate", "firstName");
        assertThat(plan.missing()).isEmpty();
        assertThat(plan.unavailable()).isEmpty();
    }

    @Test
    void givenValuesAPartnerSentThenTheirOriginIsThePartnerUnlessTheCardConfirmedThem() {
        ReleasePlan plan = ReleasePlan.of(Map.of(GIVEN_NAME, true, SURNAME, true, BIRTHDATE, false), List.of(Set.of()),
                ACCOUNT::get, GIVEN_NAME::equals, name -> !name.equals(BIRTHDATE));

        assertThat(plan.released()).extracting(ReleasePlan.Item::origin).containsExactly(ReleasePlan.Origin.ID_CARD,
                ReleasePlan.Origin.PARTNER, ReleasePlan.Origin.SELF_ENTERED);
    }

    @Test
    void givenRequiredAttributeWithoutValueThenMissingAndNotReleased() {
        // A blank value is no value: the portal would get nothing for it.
        ReleasePlan plan = ReleasePlan.of(Map.of(POSTAL_CODE, true, DOCUMENT_TYPE, false, SURNAME, true), List.of(Set.of()),
                ACCOUNT::get, name -> true);

        assertThat(plan.missing()).extracting(ReleasePlan.Item::source).containsExactly("postal_code");
        assertThat(plan.releasedSources()).containsExactly("lastName");
        // Optional and absent: neither released nor missing.
        assertThat(plan.items()).extracting(ReleasePlan.Item::source).contains("sk-eid-document-type");
    }

    @Test
    void givenAllowListThenOtherAttributesAreNotInThePlanAndRequiredOnesAreUnavailable() {
        ReleasePlan plan = ReleasePlan.of(Map.of(GIVEN_NAME, true, BIRTHDATE, true, "urn:oid:9.9.9", false),
                List.of(Set.of(GIVEN_NAME)), ACCOUNT::get, name -> false);

        assertThat(plan.items()).extracting(ReleasePlan.Item::name).containsExactly(GIVEN_NAME);
        assertThat(plan.unavailable()).containsExactly(BIRTHDATE);
    }

    @Test
    void givenTwoMappersThenTheirAllowListsAddUp() {
        ReleasePlan plan = ReleasePlan.of(Map.of(GIVEN_NAME, false, BIRTHDATE, false), List.of(Set.of(GIVEN_NAME), Set.of(BIRTHDATE)),
                ACCOUNT::get, name -> false);

        assertThat(plan.releasedSources()).containsExactly("birthdate", "firstName");
    }

    @Test
    void givenNoMapperThenNothingIsReleasedAndRequiredNamesAreUnavailable() {
        ReleasePlan plan = ReleasePlan.of(Map.of(GIVEN_NAME, true), List.of(), ACCOUNT::get, name -> false);

        assertThat(plan.items()).isEmpty();
        assertThat(plan.unavailable()).containsExactly(GIVEN_NAME);
    }

    @Test
    void givenAddressFieldsThenHouseNumberGoesWithStreetAndCountryWithPostalCode() {
        assertThat(ReleasePlan.fieldsFor("street")).containsExactly("street", "houseNumber");
        assertThat(ReleasePlan.fieldsFor("postal_code")).containsExactly("postal_code", "country");
        assertThat(ReleasePlan.fieldsFor("birthdate")).containsExactly("birthdate");
    }
}
