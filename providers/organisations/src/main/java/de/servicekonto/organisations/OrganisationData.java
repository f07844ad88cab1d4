package de.servicekonto.organisations;

import java.util.Map;

/**
 * An organisation's master data as registered (name, legal form, register entry, address, contact).
 * A register entry needs its number and court; without a register neither may be given.
 */
public record OrganisationData(String name, String legalForm, RegisterType registerType, String registerNumber,
                               String registerCourt, String street, String postalCode, String city,
                               String contactEmail, String contactPhone) {

    public static final int MAX_NAME = 200;

    /** Reads and checks the caller's JSON object (already parsed into a map of strings). */
    public static OrganisationData from(Map<String, String> input) {
        RegisterType type = RegisterType.parse(input.get("registerType"));
        String number = Text.field("registerNumber", input.get("registerNumber"), 32, type != RegisterType.NONE);
        String court = Text.field("registerCourt", input.get("registerCourt"), 100, type != RegisterType.NONE);
        if (type == RegisterType.NONE && (number != null || court != null)) {
            throw OrganisationException.invalid("registerNumber and registerCourt need a registerType");
        }
        if (number != null && !number.matches("[A-Za-z0-9 ./-]+")) {
            throw OrganisationException.invalid("registerNumber may hold letters, digits, space, '.', '/', '-'");
        }
        return new OrganisationData(
                Text.name("name", input.get("name"), MAX_NAME),
                Text.field("legalForm", input.get("legalForm"), 100, true),
                type, number, court,
                Text.field("street", input.get("street"), 200, true),
                Text.postalCode("postalCode", input.get("postalCode")),
                Text.field("city", input.get("city"), 100, true),
                Text.email("contactEmail", input.get("contactEmail"), true),
                Text.field("contactPhone", input.get("contactPhone"), 40, false));
    }
}
