package de.servicekonto.organisations;

/**
 * An authority's official key: the Amtlicher Gemeindeschlüssel (AGS), eight digits — two for the Land (01 to 16),
 * one for the Regierungsbezirk, two for the Kreis, three for the Gemeinde (Statistisches Bundesamt,
 * Gemeindeverzeichnis). A Land-level or Kreis-level authority uses zeros for the levels below it.
 */
public final class AgencyKey {

    private AgencyKey() {
    }

    /** The key as given (white space around it removed), or an {@link OrganisationException} naming the fault. */
    public static String parse(String value) {
        String key = Text.field("agencyKey", value, 16, true);
        if (!key.matches("[0-9]{8}")) {
            throw OrganisationException.invalid("agencyKey must be an Amtlicher Gemeindeschluessel of 8 digits");
        }
        int land = Integer.parseInt(key.substring(0, 2));
        if (land < 1 || land > 16) {
            throw OrganisationException.invalid("agencyKey must start with a Land number from 01 to 16");
        }
        return key;
    }
}
