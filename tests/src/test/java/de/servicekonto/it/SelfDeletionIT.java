package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The citizen deletes their own account ({@code kc_action=sk-delete-account}): only after a fresh login at the
 * highest level the account has, and only after saying yes once more.
 */
@ServicekontoServerTest
class SelfDeletionIT {

    private static final String PASSWORD = "Test-Passwort-2026";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final Map<String, String> DELETE = Map.of("kc_action", "sk-delete-account");

    @Test
    void givenPasswordAccountWithASessionThenDeletionAsksForThePasswordAgainThenConfirmationThenTheAccountIsGone(
            ServicekontoServer server) {
        String userId = passwordUser(server);
        String username = username(server, userId);
        OidcFlow flow = demoFlow(server);
        flow.callback(flow.login(flow.authorize(Map.of()), username, PASSWORD));

        OidcFlow deletion = flow.again();
        HttpResponse<String> login = deletion.authorize(DELETE);
        assertThat(login.body()).as("a kept session is not enough: the password again").contains("name=\"password\"");
        HttpResponse<String> confirm = deletion.follow(deletion.login(login, username, PASSWORD));
        assertThat(text(confirm)).contains("Servicekonto löschen").contains("kann nicht rückgängig gemacht werden");
        assertThat(server.admin().getResponse("/realms/servicekonto/users/" + userId).statusCode()).isEqualTo(200);

        HttpResponse<String> done = EidLogin.press(deletion.browser(), confirm, "sk-delete-confirm");

        assertThat(text(done)).contains("Ihr Servicekonto ist gelöscht.");
        assertThat(server.admin().getResponse("/realms/servicekonto/users/" + userId).statusCode()).isEqualTo(404);
    }

    @Test
    void givenCancelThenTheAccountStaysAndThePortalHearsCancelled(ServicekontoServer server) {
        String userId = passwordUser(server);
        OidcFlow flow = demoFlow(server);
        HttpResponse<String> confirm = flow.follow(flow.login(flow.authorize(DELETE), username(server, userId), PASSWORD));

        HttpResponse<String> back = EidLogin.press(flow.browser(), confirm, "sk-delete-cancel");

        URI location = URI.create(back.headers().firstValue("Location").orElseThrow());
        assertThat(location.toString()).startsWith(DEMO_OIDC_REDIRECT);
        assertThat(BrowserlessClient.query(location)).containsEntry("kc_action_status", "cancelled");
        assertThat(server.admin().getResponse("/realms/servicekonto/users/" + userId).statusCode()).isEqualTo(200);
    }

    @Test
    void givenAccountLinkedToAnIdCardThenThePasswordIsNotEnoughAndTheCardMustBeReadInThisLogin(ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        eid.release("jonas");
        // The account of the card's holder (JONAS BEISPIEL, 14.03.1987): only his own card is linked to it.
        String userId = passwordUser(server, "Jonas", "Beispiel", "1987-03-14");
        String username = username(server, userId);
        // Hochstufung: the account gets the card.
        OidcFlow flow = demoFlow(server);
        HttpResponse<String> eidPage = EidLogin.choosePassword(flow.browser(), flow.authorize(Map.of("acr_values", HIGH)));
        HttpResponse<String> upgrade = EidLogin.readCard(flow.browser(), flow.login(eidPage, username, PASSWORD), "jonas");
        flow.callback(EidLogin.confirm(flow.browser(), upgrade, PASSWORD));
        assertThat(eid.account("jonas").orElseThrow().path("id").asText()).isEqualTo(userId);

        // The password alone leads to the ID card, not to the confirmation.
        OidcFlow deletion = flow.again();
        HttpResponse<String> card = deletion.follow(deletion.login(deletion.authorize(DELETE), username, PASSWORD));
        assertThat(EidLogin.isEidPage(card)).as(card.body()).isTrue();
        assertThat(card.body()).doesNotContain("sk-delete-confirm");

        // Giving up at the card: the portal hears that the level was not reached, the account stays.
        HttpResponse<String> gaveUp = EidLogin.press(deletion.browser(), card, "sk-eid-back");
        assertThat(gaveUp.headers().firstValue("Location").orElseThrow()).startsWith(DEMO_OIDC_REDIRECT).contains("error=");
        assertThat(server.admin().getResponse("/realms/servicekonto/users/" + userId).statusCode()).isEqualTo(200);

        // With the card read in this login: confirmation, then gone, and the card is free again.
        OidcFlow withCard = flow.again();
        HttpResponse<String> card2 = withCard.follow(withCard.login(withCard.authorize(DELETE), username, PASSWORD));
        HttpResponse<String> confirm = withCard.follow(EidLogin.readCard(withCard.browser(), card2, "jonas"));
        assertThat(text(confirm)).as(confirm.body()).contains("kann nicht rückgängig gemacht werden");
        assertThat(text(EidLogin.press(withCard.browser(), confirm, "sk-delete-confirm"))).contains("Ihr Servicekonto ist gelöscht.");
        assertThat(server.admin().getResponse("/realms/servicekonto/users/" + userId).statusCode()).isEqualTo(404);
        assertThat(eid.account("jonas")).isEmpty();
    }

    @Test
    void givenConfirmationPostedWithoutTheFreshLoginThenNothingIsDeleted(ServicekontoServer server) {
        // An ordinary login's session cannot post "confirm" to the deletion: Keycloak asks for the login first.
        String userId = passwordUser(server);
        OidcFlow flow = demoFlow(server);
        flow.callback(flow.login(flow.authorize(Map.of()), username(server, userId), PASSWORD));
        HttpResponse<String> login = flow.again().authorize(DELETE);
        String action = Jsoup.parse(login.body(), login.uri().toString()).selectFirst("form").absUrl("action");

        HttpResponse<String> forged = flow.browser().postForm(URI.create(action), Map.of("confirm", "confirm"));

        assertThat(forged.body()).doesNotContain("Ihr Servicekonto ist gelöscht.");
        assertThat(server.admin().getResponse("/realms/servicekonto/users/" + userId).statusCode()).isEqualTo(200);
    }

    private static String text(HttpResponse<String> page) {
        return Jsoup.parse(page.body()).text();
    }

    private static String passwordUser(ServicekontoServer server) {
        return passwordUser(server, "Dana", "Löschmann", "1985-02-01");
    }

    private static String passwordUser(ServicekontoServer server, String firstName, String lastName, String birthdate) {
        String username = "del-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/users", Map.of(
                "username", username, "enabled", true, "firstName", firstName, "lastName", lastName,
                "email", username + "@example.org", "emailVerified", true,
                "attributes", Map.of("birthdate", List.of(birthdate)),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static String username(ServicekontoServer server, String userId) {
        return server.admin().get("/realms/servicekonto/users/" + userId).path("username").asText();
    }

    private static OidcFlow demoFlow(ServicekontoServer server) {
        return new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
    }
}
