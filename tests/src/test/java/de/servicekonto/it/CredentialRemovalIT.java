package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.RelyingParties;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Keycloak 26.7.3 still serves its deprecated account REST call {@code DELETE /account/credentials/{id}}, which
 * removes a credential after checking only the token's level against the level the credential's type is used at:
 * niedrig for a password and for a passkey. A password session's account-console token could so remove the
 * citizen's passkey (the second factor). The call is closed; removal goes through the action {@code delete_credential}.
 * Shown with the account's password credential, which a plain HTTP test can create (a passkey needs the browser).
 */
@ServicekontoServerTest
class CredentialRemovalIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void givenThePasswordSessionsConsoleTokenThenTheDeprecatedRemovalIsRefusedAndTheCredentialStays(ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "cred-rm");
        String userId = RelyingParties.userId(server, username);
        String console = server.realmUri() + "/account/";
        OidcFlow flow = new OidcFlow(server.realmUri(), "account-console", null, console);
        String token = flow.exchange(flow.callback(flow.follow(flow.login(flow.authorize(Map.of()), username,
                Citizens.PASSWORD))).get("code")).path("access_token").asText();
        String credentialId = passwordCredentials(server, userId).get(0);

        // The token is one the account REST service takes: it lists the credentials.
        HttpResponse<String> listed = send(server, token, "GET", "/account/credentials");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);

        // (A matrix parameter in the path is refused before any resource: 400 invalidCharacter.)
        for (String path : List.of("/account/credentials/" + credentialId, "/account/v1/credentials/" + credentialId,
                "/account/credentials/" + credentialId + "/")) {
            HttpResponse<String> removal = send(server, token, "DELETE", path);
            assertThat(removal.statusCode()).as(path + ": " + removal.body()).isEqualTo(403);
            assertThat(Json.parse(removal.body()).path("error").asText()).isEqualTo("credential_removal_needs_action");
        }
        assertThat(passwordCredentials(server, userId)).containsExactly(credentialId);
    }

    private static HttpResponse<String> send(ServicekontoServer server, String token, String method, String path) {
        return Http.send(HTTP, HttpRequest.newBuilder(URI.create(server.realmUri() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private static List<String> passwordCredentials(ServicekontoServer server, String userId) {
        JsonNode credentials = server.admin().get("/realms/servicekonto/users/" + userId + "/credentials");
        return StreamSupport.stream(credentials.spliterator(), false)
                .filter(c -> "password".equals(c.path("type").asText())).map(c -> c.path("id").asText()).toList();
    }
}
