package de.servicekonto.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Citizens of a test's own, created through the admin API. Tests that log in with a password use one of these
 * rather than the shared demo account, whose brute-force state other tests change.
 */
public final class Citizens {

    public static final String PASSWORD = "Test-Passwort-2026";

    private Citizens() {
    }

    /** A new citizen with the demo citizen's typed-in data (not read from a card); returns the username. */
    public static String erikaLike(ServicekontoServer server, String prefix) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/" + ServicekontoServer.REALM + "/users", Map.of(
                "username", username, "enabled", true, "firstName", "Erika", "lastName", "Mustermann",
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of("1964-08-12")),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return username;
    }
}
