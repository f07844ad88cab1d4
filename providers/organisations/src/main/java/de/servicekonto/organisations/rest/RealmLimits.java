package de.servicekonto.organisations.rest;

import org.keycloak.models.RealmModel;

/** Limits an operator sets as realm attributes; a missing or malformed value means the default. */
final class RealmLimits {

    private RealmLimits() {
    }

    static int of(RealmModel realm, String attribute, int fallback) {
        String value = realm.getAttribute(attribute);
        if (value != null && value.strip().matches("[0-9]{1,6}")) {
            return Integer.parseInt(value.strip());
        }
        return fallback;
    }
}
