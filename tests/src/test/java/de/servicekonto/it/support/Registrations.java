package de.servicekonto.it.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Valid request bodies of the organisations API for tests that need an organisation or an authority to exist. */
public final class Registrations {

    private Registrations() {
    }

    /** {@code POST …/sk-organisations/organisations}: a GmbH in Munich with its own register number. */
    public static Map<String, Object> organisation(String name) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("legalForm", "GmbH");
        data.put("registerType", "HRB");
        data.put("registerNumber", "HRB " + ThreadLocalRandom.current().nextInt(10000, 99999));
        data.put("registerCourt", "Amtsgericht München");
        data.put("street", "Musterstraße 1");
        data.put("postalCode", "80331");
        data.put("city", "München");
        data.put("contactEmail", "kontakt@example.org");
        return data;
    }

    /** {@code POST …/sk-organisations/authorities}: an application as a municipal authority. */
    public static Map<String, Object> authority(String name) {
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("name", name);
        application.put("street", "Rathausplatz 1");
        application.put("postalCode", "80331");
        application.put("city", "München");
        application.put("responsiblePerson", "Dr. Maria Muster");
        application.put("agencyKey", "09162000");
        application.put("contactEmail", "poststelle@example.org");
        return application;
    }
}
