package de.servicekonto.it;

import static de.servicekonto.it.support.BrokeredPartner.attribute;
import static de.servicekonto.it.support.BrokeredPartner.hardcoded;
import static de.servicekonto.it.support.BrokeredPartner.importer;
import static de.servicekonto.it.support.BrokeredPartner.property;
import static de.servicekonto.it.support.BrokeredPartner.user;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrokeredPartner;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A citizen of another state logs in with that state's Servicekonto (FINK): a second realm on the same server plays
 * the partner (a SAML IdP that signs its assertions and states the level in our trust-level attribute, here fixed at
 * substanziell), registered here as Keycloak's SAML identity provider with the realm's broker flows and the level it
 * is trusted for ({@code sk.trust.max}). The session's level is what the partner vouched for, never more than that
 * setting, and a portal asking for more is refused.
 */
@ServicekontoServerTest
class FinkLoginIT {

    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String LOW = "http://eidas.europa.eu/LoA/low";
    private static final String SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String MAIL_DOMAIN = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    private static BrokeredPartner partner;

    @BeforeAll
    static void aPartnerStateAndItsIdentityProvider(ServicekontoServer server) {
        partner = BrokeredPartner.register(server, new BrokeredPartner.Setup("land-b", "Servicekonto Land B",
                Map.of("users", List.of(user("anna", "Anna", "Beispiel", "anna" + MAIL_DOMAIN, "1990-05-17"),
                        user("ben", "Ben", "Beispiel", "ben" + MAIL_DOMAIN, "1985-01-02"),
                        user("carla", "Carla", "Beispiel", "carla" + MAIL_DOMAIN, "1970-03-03"),
                        user("dora", "Dora", "Beispiel", "dora" + MAIL_DOMAIN, "1975-04-04"))),
                List.of(hardcoded("trust level", TRUST_LEVEL, "STORK-QAA-Level-3"),
                        property("first name", "firstName", "urn:oid:2.5.4.42"),
                        property("last name", "lastName", "urn:oid:2.5.4.4"),
                        property("e-mail", "email", "urn:oid:0.9.2342.19200300.100.1.3"),
                        attribute("birth date", "birthdate", "urn:oid:1.2.40.0.10.2.1.1.55")),
                Map.of("sk.trust.max", "substanziell", "sk.trust.means", "FINK"),
                List.of(importer("first name", "urn:oid:2.5.4.42", "firstName"),
                        importer("last name", "urn:oid:2.5.4.4", "lastName"),
                        importer("e-mail", "urn:oid:0.9.2342.19200300.100.1.3", "email"),
                        importer("birth date", "urn:oid:1.2.40.0.10.2.1.1.55", "birthdate")),
                true));
    }

    @AfterAll
    static void removeThePartner() {
        partner.close();
    }

    @Test
    void givenThePartnerVouchesForSubstanziellThenThePortalGetsSubstanziellAndANewAccountWithThePartnersData(
            ServicekontoServer server) {
        OidcFlow flow = portal(server);

        JsonNode idToken = BrokeredPartner.idToken(flow, partner.passwordAtPartner(flow, SUBSTANTIAL, "anna"));

        assertThat(idToken.path("acr").asText()).isEqualTo(SUBSTANTIAL);
        JsonNode account = server.admin().get("/realms/servicekonto/users?briefRepresentation=false&exact=true&email="
                + "anna" + MAIL_DOMAIN).get(0);
        assertThat(account.path("username").asText()).startsWith(partner.alias() + ".");
        assertThat(account.path("firstName").asText()).isEqualTo("Anna");
        assertThat(account.path("lastName").asText()).isEqualTo("Beispiel");
        assertThat(account.at("/attributes/birthdate/0").asText()).isEqualTo("1990-05-17");
        // Linked to the partner, so the next login through it finds this account.
        JsonNode links = server.admin().get("/realms/servicekonto/users/" + account.path("id").asText()
                + "/federated-identity");
        assertThat(links.get(0).path("identityProvider").asText()).isEqualTo(partner.alias());
    }

    @Test
    void givenAPortalAskingForHochThenRefusedAbovePartnersCap(ServicekontoServer server) {
        OidcFlow flow = portal(server);
        HttpResponse<String> first = FrontChannel.follow(flow.browser(), flow.authorize(Map.of("acr_values", HIGH)));
        HttpResponse<String> ours = EidLogin.isEidPage(first) ? EidLogin.choosePassword(flow.browser(), first) : first;
        // The page offers no partner that cannot reach hoch; its broker address can still be called.
        assertThat(partner.offeredOn(first)).isFalse();
        assertThat(partner.offeredOn(ours)).isFalse();

        HttpResponse<String> page = partner.passwordAtPartner(flow.browser(), partner.directLogin(ours), "ben",
                DEMO_OIDC_REDIRECT);

        // The German page of a level that cannot be reached; its button gives the portal the protocol's error.
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("hoch");
        assertRefusedToPortal(flow, page);
    }

    @Test
    void givenTheCapLoweredToNiedrigThenAPortalAskingNiedrigGetsIt(ServicekontoServer server) {
        assertThat(partner.config()).as("our settings kept by Keycloak").containsEntry("sk.trust.max", "substanziell");
        partner.configure("sk.trust.max", "niedrig");
        try {
            OidcFlow flow = portal(server);
            JsonNode low = BrokeredPartner.idToken(flow, partner.passwordAtPartner(flow, LOW, "anna"));
            assertThat(low.path("acr").asText()).isEqualTo(LOW);
        } finally {
            partner.configure("sk.trust.max", "substanziell");
        }
    }

    @Test
    void givenTheAccountsNameChangedSinceThenThePartnersLevelNoLongerVouchesForIt(ServicekontoServer server) {
        OidcFlow first = portal(server);
        assertThat(BrokeredPartner.idToken(first, partner.passwordAtPartner(first, SUBSTANTIAL, "carla"))
                .path("acr").asText()).isEqualTo(SUBSTANTIAL);
        JsonNode account = server.admin().get("/realms/servicekonto/users?briefRepresentation=false&exact=true&email="
                + "carla" + MAIL_DOMAIN).get(0);
        // The citizen edits the family name here (personal data in the account console; here through the admin API).
        Map<String, Object> edited = new java.util.LinkedHashMap<>(Map.of("firstName", "Carla", "lastName", "Anders",
                "email", "carla" + MAIL_DOMAIN, "attributes", Map.of("birthdate", List.of("1970-03-03"))));
        assertThat(server.admin().put("/realms/servicekonto/users/" + account.path("id").asText(), edited).statusCode())
                .isEqualTo(204);

        OidcFlow again = portal(server);
        HttpResponse<String> page = partner.passwordAtPartner(again, SUBSTANTIAL, "carla");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertRefusedToPortal(again, page);
        OidcFlow low = portal(server);
        assertThat(BrokeredPartner.idToken(low, partner.passwordAtPartner(low, LOW, "carla")).path("acr").asText())
                .as("the partner's login still counts as a password-like login").isEqualTo(LOW);
    }

    @Test
    void givenAnAccountOnlyLinkedToAPartnerIdentityThenThePartnersLevelDoesNotCarryOver(ServicekontoServer server) {
        // The partner's identity "dora" (its pairwise NameID for us, learnt from a first login) is moved onto a local
        // account, as Keycloak's idp_link does from that account's password session: the partner never proofed the
        // local account's person.
        OidcFlow first = portal(server);
        assertThat(BrokeredPartner.idToken(first, partner.passwordAtPartner(first, LOW, "dora")).path("acr").asText())
                .isEqualTo(LOW);
        String created = server.admin().get("/realms/servicekonto/users?exact=true&email=dora" + MAIL_DOMAIN).get(0)
                .path("id").asText();
        JsonNode link = server.admin().get("/realms/servicekonto/users/" + created + "/federated-identity").get(0);
        assertThat(server.admin().delete("/realms/servicekonto/users/" + created + "/federated-identity/"
                + partner.alias()).statusCode()).isEqualTo(204);
        String local = de.servicekonto.it.support.RelyingParties.userId(server,
                de.servicekonto.it.support.Citizens.erikaLike(server, "fink-linked"));
        HttpResponse<String> linked = server.admin().post("/realms/servicekonto/users/" + local + "/federated-identity/"
                + partner.alias(), Map.of("identityProvider", partner.alias(), "userId", link.path("userId").asText(),
                "userName", link.path("userName").asText()));
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(204);

        OidcFlow flow = portal(server);
        HttpResponse<String> page = partner.passwordAtPartner(flow, SUBSTANTIAL, "dora");

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertRefusedToPortal(flow, page);
        OidcFlow low = portal(server);
        JsonNode lowToken = BrokeredPartner.idToken(low, partner.passwordAtPartner(low, LOW, "dora"));
        assertThat(lowToken.path("acr").asText()).isEqualTo(LOW);
        assertThat(lowToken.path("sub").asText()).as("the linked local account").isEqualTo(local);
    }

    @Test
    void givenAPartnerThenTheLoginPageListsItUnderAGermanHeading(ServicekontoServer server) {
        OidcFlow flow = portal(server);

        HttpResponse<String> page = FrontChannel.follow(flow.browser(), flow.authorize(Map.of()));

        assertThat(FrontChannel.isPasswordPage(page)).as(page.body()).isTrue();
        assertThat(page.body()).contains("Mit dem Servicekonto eines anderen Bundeslandes anmelden")
                .contains("Servicekonto Land B").contains("/broker/" + partner.alias() + "/login");
    }

    /** The refusal page's button: the portal receives unmet_authentication_requirements. */
    static void assertRefusedToPortal(OidcFlow flow, HttpResponse<String> page) {
        HttpResponse<String> answer = FrontChannel.submit(flow.browser(), page, "form", Map.of());
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(DEMO_OIDC_REDIRECT);
        assertThat(BrowserlessClient.query(URI.create(location)).get("error")).isEqualTo("unmet_authentication_requirements");
    }

    static OidcFlow portal(ServicekontoServer server) {
        return new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
    }
}
