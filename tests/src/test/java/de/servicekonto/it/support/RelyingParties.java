package de.servicekonto.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How an operator connects a relying party and looks at its citizens' sessions, through the admin API. */
public final class RelyingParties {

    private static final String REALM = "/realms/" + ServicekontoServer.REALM;

    private RelyingParties() {
    }

    /** The SP's metadata through the client-description converter, the result created as it is; returns the client. */
    public static JsonNode registerSaml(ServicekontoServer server, String metadata) {
        HttpResponse<String> converted = server.admin().postText(REALM + "/client-description-converter",
                "application/xml", metadata);
        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(200);
        JsonNode representation = Json.parse(converted.body());
        HttpResponse<String> created = server.admin().post(REALM + "/clients", representation);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return client(server, representation.path("clientId").asText());
    }

    /** A confidential OIDC client as the operator creates it: its id, secret. */
    public record OidcClient(String clientId, String secret) {
    }

    /**
     * Creates a confidential OIDC client with {@code redirectUri} and the client {@code attributes} (e.g. the
     * back-channel logout URL), nothing else; returns its id and secret.
     */
    public static OidcClient registerOidc(ServicekontoServer server, String redirectUri, Map<String, String> attributes) {
        String clientId = "openidc-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> client = new HashMap<>();
        client.put("clientId", clientId);
        client.put("redirectUris", List.of(redirectUri));
        client.put("attributes", attributes);
        HttpResponse<String> created = server.admin().post(REALM + "/clients", client);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = server.admin().get(REALM + "/clients/" + client(server, clientId).path("id").asText()
                + "/client-secret").path("value").asText();
        assertThat(secret).isNotBlank();
        return new OidcClient(clientId, secret);
    }

    public static JsonNode client(ServicekontoServer server, String clientId) {
        return server.admin().get(REALM + "/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)).path(0);
    }

    /** The realm's SAML IdP metadata, as an SP operator downloads it. */
    public static String idpMetadata(ServicekontoServer server) {
        HttpResponse<String> descriptor = new BrowserlessClient().get(
                java.net.URI.create(server.realmUri() + "/protocol/saml/descriptor"));
        assertThat(descriptor.statusCode()).isEqualTo(200);
        return descriptor.body();
    }

    public static String entityId(String metadata) {
        Matcher entityId = Pattern.compile("entityID=\"([^\"]+)\"").matcher(metadata);
        assertThat(entityId.find()).as(metadata).isTrue();
        return entityId.group(1);
    }

    public static String userId(ServicekontoServer server, String username) {
        return server.admin().get(REALM + "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8))
                .path(0).path("id").asText();
    }

    /** How many sessions the account has at the server. */
    public static int sessions(ServicekontoServer server, String userId) {
        return server.admin().get(REALM + "/users/" + userId + "/sessions").size();
    }
}
