package de.servicekonto.it.support;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operators as the organisations API wants them (docs/organisations-and-authorities.md): an account holding an
 * operator realm role, logged in through the realm's operator client {@value #CONSOLE} at trust level hoch, that is
 * with its ID card (here the simulated eID-Client's card of a test identity).
 *
 * <p>The tests' server has one set of cards, so each operator role has a card of its own in every test class:
 * {@value #REVIEWER_CARD} for the authority reviewer, {@value #VERIFIER_CARD} for the organisation verifier. Other
 * tests may release a card (delete its account) in between, so the account is looked up by reading the card each
 * time instead of being remembered.
 */
public final class Operators {

    /** The operator client the example realm ships (realm attribute {@code sk.organisations.operatorClient}). */
    public static final String CONSOLE = "sk-operator-console";
    public static final String HIGH = "http://eidas.europa.eu/LoA/high";
    public static final String REVIEWER_ROLE = "sk-authority-reviewer";
    public static final String VERIFIER_ROLE = "sk-organisation-verifier";
    /** The card of the authority reviewer. */
    public static final String REVIEWER_CARD = "jonas";
    /** The card of the organisation verifier. */
    public static final String VERIFIER_CARD = "no-address";

    private final URI realmUri;
    private final AdminClient admin;

    /** An operator logged in with the card: the account, and an access token of the operator client (acr hoch). */
    public record Operator(String id, String username, String token) {
    }

    public Operators(URI realmUri, AdminClient admin) {
        this.realmUri = realmUri;
        this.admin = admin;
        allowTestRedirect();
    }

    /**
     * The realm ships the operator client without a redirect URI (each operator registers the address of their
     * console); the tests register their callback, as an operator would.
     */
    private void allowTestRedirect() {
        JsonNode client = admin.get("/realms/servicekonto/clients?clientId=" + CONSOLE).get(0);
        List<String> uris = new ArrayList<>();
        client.path("redirectUris").forEach(uri -> uris.add(uri.asText()));
        if (!uris.contains(DEMO_OIDC_REDIRECT)) {
            uris.add(DEMO_OIDC_REDIRECT);
            HttpResponse<String> updated = admin.put("/realms/servicekonto/clients/" + client.path("id").asText(),
                    Map.of("clientId", CONSOLE, "redirectUris", uris));
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
        }
    }

    /** The authorization-code flow of the operator client (public, PKCE). */
    public OidcFlow console() {
        return new OidcFlow(realmUri, CONSOLE, null, DEMO_OIDC_REDIRECT);
    }

    /**
     * The account of {@code card} (made by this eID login if the card has none) holding {@code realmRoles}, logged
     * in through the operator client with the card.
     */
    public Operator withCard(String card, String... realmRoles) {
        OidcFlow flow = console();
        HttpResponse<String> answer = EidLogin.readCardAndConfirm(flow.browser(), flow.authorize(Map.of("acr_values", HIGH)), card);
        String token = flow.exchange(flow.callback(answer).get("code")).path("access_token").asText();
        JsonNode claims = Json.jwtClaims(token);
        assertThat(claims.path("acr").asText()).as("a card login is hoch").isEqualTo(HIGH);
        String id = claims.path("sub").asText();
        for (String role : realmRoles) {
            grant(id, role);
        }
        return new Operator(id, admin.get("/realms/servicekonto/users/" + id).path("username").asText(), token);
    }

    /** The authority reviewer, with a fresh hoch token. */
    public Operator reviewer() {
        return withCard(REVIEWER_CARD, REVIEWER_ROLE);
    }

    /** The organisation verifier, with a fresh hoch token. */
    public Operator verifier() {
        return withCard(VERIFIER_CARD, VERIFIER_ROLE);
    }

    /** Grants a realm role (nothing changes if the account has it already). */
    public void grant(String userId, String role) {
        JsonNode model = admin.get("/realms/servicekonto/roles/" + role);
        HttpResponse<String> granted = admin.post("/realms/servicekonto/users/" + userId + "/role-mappings/realm",
                List.of(model));
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(204);
    }
}
