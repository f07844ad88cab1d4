package de.servicekonto.organisations.rest;

import de.servicekonto.spi.BoundedSetting;
import org.keycloak.models.RealmModel;

/** Limits an operator sets as realm attributes; a missing or malformed value means the default. */
final class RealmLimits {

    private RealmLimits() {
    }

    static int of(RealmModel realm, String attribute, int fallback) {
        return BoundedSetting.of(realm.getAttribute(attribute), 0, 999_999, fallback);
    }
}
