package de.servicekonto.organisations;

import java.util.Map;

/** What an authority states when it applies: name, official address, responsible person, agency key, contact. */
public record AuthorityApplication(String name, String street, String postalCode, String city,
                                   String responsiblePerson, String agencyKey, String contactEmail) {

    public static AuthorityApplication from(Map<String, String> input) {
        return new AuthorityApplication(
                Text.name("name", input.get("name"), OrganisationData.MAX_NAME),
                Text.field("street", input.get("street"), 200, true),
                Text.postalCode("postalCode", input.get("postalCode")),
                Text.field("city", input.get("city"), 100, true),
                Text.field("responsiblePerson", input.get("responsiblePerson"), 200, true),
                AgencyKey.parse(input.get("agencyKey")),
                Text.email("contactEmail", input.get("contactEmail"), true));
    }
}
