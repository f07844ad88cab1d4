package de.servicekonto.organisations;

import java.util.Locale;

/**
 * The German registers an organisation can be entered in (Handelsregister A/B, Genossenschafts-,
 * Partnerschafts-, Vereinsregister), or none (e.g. a GbR or a sole trader without entry).
 */
public enum RegisterType {
    HRA, HRB, GNR, PR, VR, NONE;

    public static RegisterType parse(String value) {
        String text = Text.field("registerType", value, 8, false);
        if (text == null) {
            return NONE;
        }
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OrganisationException.invalid("registerType must be one of HRA, HRB, GNR, PR, VR, NONE");
        }
    }
}
