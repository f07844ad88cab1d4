package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect portals with a pairwise {@code sub} (Keycloak's SHA-256 pairwise subject mapper, per sector): stable
 * for one portal, different between portals, never the account's internal id.
 */
@ServicekontoServerTest
class OidcPairwiseIT {


    @Test
    void givenTwoPortalsOfDifferentSectorsThenSubIsStablePerPortalAndUnlinkableAcrossThem(ServicekontoServer server) {
        String a = portal(server, "https://portal-a.example/callback");
        String b = portal(server, "https://portal-b.example/callback");
        String username = Citizens.erikaLike(server, "pairwise");
        String userId = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).get(0).path("id").asText();

        JsonNode first = idToken(server, a, "https://portal-a.example/callback", username);
        JsonNode again = idToken(server, a, "https://portal-a.example/callback", username);
        JsonNode other = idToken(server, b, "https://portal-b.example/callback", username);

        assertThat(first.path("sub").asText()).isNotBlank().isEqualTo(again.path("sub").asText());
        assertThat(other.path("sub").asText()).isNotBlank().isNotEqualTo(first.path("sub").asText());
        assertThat(List.of(first.path("sub").asText(), other.path("sub").asText())).doesNotContain(userId);
        // The same person all the same: the master data a portal is given does not change.
        assertThat(first.path("given_name").asText()).isEqualTo(other.path("given_name").asText());
    }

    private static JsonNode idToken(ServicekontoServer server, String clientId, String redirect, String username) {
        OidcFlow flow = new OidcFlow(server.realmUri(), clientId, "secret-" + clientId, redirect);
        JsonNode tokens = flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), username, Citizens.PASSWORD)).get("code"));
        JsonNode access = Json.jwtClaims(tokens.path("access_token").asText());
        JsonNode id = Json.jwtClaims(tokens.path("id_token").asText());
        assertThat(access.path("sub").asText()).as("access token names the same pairwise subject").isEqualTo(id.path("sub").asText());
        return id;
    }

    private static String portal(ServicekontoServer server, String redirect) {
        String clientId = "pairwise-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", clientId, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + clientId,
                "standardFlowEnabled", true, "redirectUris", List.of(redirect),
                "attributes", Map.of("pkce.code.challenge.method", "S256")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        // Added on its own, as the admin console does: only then does Keycloak generate the mapper's salt (a client
        // created with the mapper inside, or imported without a salt, fails at token time; docs/relying-parties.md).
        HttpResponse<String> mapper = server.admin().post(
                "/realms/servicekonto/clients/" + location.substring(location.lastIndexOf('/') + 1) + "/protocol-mappers/models",
                Map.of("name", "pairwise subject", "protocol", "openid-connect",
                        "protocolMapper", "oidc-sha256-pairwise-sub-mapper", "config", Map.of()));
        assertThat(mapper.statusCode()).as(mapper.body()).isEqualTo(201);
        return clientId;
    }
}
