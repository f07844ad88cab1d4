package de.servicekonto.it;

import static de.servicekonto.it.support.BrokeredPartner.attribute;
import static de.servicekonto.it.support.BrokeredPartner.hardcoded;
import static de.servicekonto.it.support.BrokeredPartner.importer;
import static de.servicekonto.it.support.BrokeredPartner.property;
import static de.servicekonto.it.support.BrokeredPartner.user;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.BrokeredPartner;
import de.servicekonto.it.support.BundIdTestPortal;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which means the login page offers (every means that reaches the portal's level) and how BundID's
 * {@code akdb:AuthnMethods} narrows the offer, also for logins through another state's Servicekonto (FINK) and an EU
 * eID (eIDAS): two partner realms on the shared server, one marked {@code FINK} (trusted up to substanziell), one
 * {@code eIDAS} (up to hoch). A means the portal did not enable has no button, and its broker address, called
 * directly, ends in the German refusal and the protocol's error.
 */
@ServicekontoServerTest
class MeansOfferIT {

    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String MEANS_USED = "urn:oid:1.3.6.1.4.1.25484.494450.2";
    private static final String SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String AKDB = "https://www.akdb.de/request/2018/09";
    private static final String MAIL_DOMAIN = "@" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
    private static final String READERS = "sk.activity.readerClients";
    private static BrokeredPartner otherState;
    private static BrokeredPartner euEid;
    private static BundIdTestPortal bundIdPortal;
    private static String reader;
    private static String readersBefore;

    @BeforeAll
    static void partnersAndPortals(ServicekontoServer server) {
        otherState = BrokeredPartner.register(server, partner("land-c", "Servicekonto Land C", "FINK", "substanziell"));
        euEid = BrokeredPartner.register(server, partner("eu", "EU-eID (Test)", "eIDAS", "hoch"));
        bundIdPortal = BundIdTestPortal.register(server, "means");
        // The citizen's own account application, allowed to read the activity log (as in ActivityLogIT).
        reader = "means-reader-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of(
                "clientId", reader, "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + reader,
                "standardFlowEnabled", true, "redirectUris", List.of(DEMO_OIDC_REDIRECT),
                "attributes", Map.of("pkce.code.challenge.method", "S256")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        readersBefore = server.admin().get("/realms/servicekonto").path("attributes").path(READERS).asText("");
        setReaders(server, reader);
    }

    @AfterAll
    static void removeThePartners(ServicekontoServer server) {
        setReaders(server, readersBefore);
        otherState.close();
        euEid.close();
    }

    @Test
    void givenAnOidcPortalAskingSubstanziellThenThePageOffersCardPasskeyOtherStatesAndEuEid(ServicekontoServer server) {
        OidcFlow flow = FinkLoginIT.portal(server);

        HttpResponse<String> page = FrontChannel.follow(flow.browser(), flow.authorize(Map.of("acr_values", SUBSTANTIAL)));

        assertThat(EidLogin.isEidPage(page)).as(page.body()).isTrue();
        Document document = Jsoup.parse(page.body(), page.uri().toString());
        assertThat(document.selectFirst("#sk-eid-start").text()).isEqualTo("Mit Online-Ausweis anmelden");
        assertThat(document.selectFirst("#sk-means-Passkey").text()).isEqualTo("Mit Passkey anmelden");
        assertThat(document.selectFirst("#sk-means-FINK-heading").text())
                .isEqualTo("Mit dem Servicekonto eines anderen Bundeslandes anmelden");
        assertThat(document.selectFirst("#sk-means-FINK").text()).contains("Servicekonto Land C");
        assertThat(document.selectFirst("#sk-means-eIDAS-heading").text())
                .isEqualTo("Mit der eID eines anderen EU-Staates anmelden (eIDAS)");
        assertThat(document.selectFirst("#sk-means-eIDAS").text()).contains("EU-eID (Test)");
        assertThat(otherState.offeredOn(page)).isTrue();
        assertThat(euEid.offeredOn(page)).isTrue();
        // The partners' buttons sit under their own means' heading, not under the other's.
        assertThat(document.select("#sk-means-FINK a[href*=/broker/" + euEid.alias() + "/login]")).isEmpty();

        HttpResponse<String> english = FrontChannel.follow(flow.browser(), flow.again().authorize(
                Map.of("acr_values", SUBSTANTIAL, "ui_locales", "en")));
        Document en = Jsoup.parse(english.body());
        assertThat(en.selectFirst("#sk-other-means-heading").text()).isEqualTo("Other ways to sign in");
        assertThat(en.selectFirst("#sk-means-Passkey").text()).isEqualTo("Sign in with a passkey");
        assertThat(en.selectFirst("#sk-means-FINK-heading").text())
                .isEqualTo("Sign in with the Servicekonto of another German state");
        assertThat(en.selectFirst("#sk-means-eIDAS-heading").text())
                .isEqualTo("Sign in with the eID of another EU country (eIDAS)");
    }

    @Test
    void givenAnOidcPortalAskingHochThenOnlyMeansReachingHochAreOffered(ServicekontoServer server) {
        OidcFlow flow = FinkLoginIT.portal(server);

        HttpResponse<String> page = FrontChannel.follow(flow.browser(), flow.authorize(Map.of("acr_values", HIGH)));

        assertThat(EidLogin.isEidPage(page)).as(page.body()).isTrue();
        assertThat(euEid.offeredOn(page)).isTrue();
        assertThat(otherState.offeredOn(page)).as("trusted up to substanziell").isFalse();
        assertThat(page.body()).doesNotContain("sk-means-Passkey");
    }

    @Test
    void givenBundIdAuthnMethodsDisablingFinkThenNoPartnerButtonAndADirectCallIsRefused(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);

        HttpResponse<String> page = flow.authnRequest("minimum", List.of("STORK-QAA-Level-3"),
                akdb(Map.of("Benutzername", true, "eID", true, "eIDAS", true, "FINK", false)));

        assertThat(EidLogin.isEidPage(page)).as(page.body()).isTrue();
        assertThat(otherState.offeredOn(page)).isFalse();
        assertThat(page.body()).doesNotContain("sk-means-FINK");
        assertThat(euEid.offeredOn(page)).isTrue();
        HttpResponse<String> password = EidLogin.choosePassword(flow.browser(), page);
        assertThat(FrontChannel.isPasswordPage(password)).as(password.body()).isTrue();
        assertThat(otherState.offeredOn(password)).isFalse();

        HttpResponse<String> refused = otherState.passwordAtPartner(flow.browser(), otherState.directLogin(password), "anna",
                BundIdTestPortal.ACS);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
        Document document = Jsoup.parse(refused.body());
        assertThat(document.selectFirst("#sk-means-not-allowed").text()).isEqualTo(
                "Dieser Online-Dienst lässt die Anmeldung mit dem Servicekonto eines anderen Bundeslandes nicht zu."
                        + " Bitte wählen Sie beim Online-Dienst einen anderen Weg der Anmeldung.");
        SamlFlow.SamlResponse answer = flow.response(FrontChannel.submit(flow.browser(), refused, "form#sk-trust-level-form",
                Map.of()));
        assertThat(answer.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Responder");
        assertThat(answer.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext");
    }

    @Test
    void givenBundIdAuthnMethodsDisablingEidasThenTheEuEidIsRefusedToo(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);

        HttpResponse<String> page = flow.authnRequest("minimum", List.of("STORK-QAA-Level-3"),
                akdb(Map.of("Benutzername", true, "eID", true, "FINK", true)));

        assertThat(euEid.offeredOn(page)).isFalse();
        assertThat(otherState.offeredOn(page)).isTrue();
        HttpResponse<String> refused = euEid.passwordAtPartner(flow.browser(), euEid.directLogin(page), "erik",
                BundIdTestPortal.ACS);
        assertThat(Jsoup.parse(refused.body()).selectFirst("#sk-means-not-allowed").text())
                .contains("mit der eID eines anderen EU-Staates");
        SamlFlow.SamlResponse answer = flow.response(FrontChannel.submit(flow.browser(), refused, "form#sk-trust-level-form",
                Map.of()));
        assertThat(answer.subStatusCode()).contains("urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext");
    }

    @Test
    void givenBundIdAuthnMethodsEnablingFinkThenThePartnerIsOfferedAndItsLoginReachesSubstanziell(ServicekontoServer server) {
        SamlFlow flow = bundIdPortal.flow(server);

        HttpResponse<String> page = flow.authnRequest("minimum", List.of("STORK-QAA-Level-3"),
                akdb(Map.of("Benutzername", false, "eID", true, "FINK", true)));

        assertThat(otherState.offeredOn(page)).isTrue();
        assertThat(euEid.offeredOn(page)).isFalse();
        assertThat(page.body()).as("the passkey counts as Benutzername").doesNotContain("sk-means-Passkey");
        URI button = URI.create(Jsoup.parse(page.body(), page.uri().toString())
                .selectFirst("a[href*=/broker/" + otherState.alias() + "/login]").absUrl("href"));
        HttpResponse<String> back = otherState.passwordAtPartner(flow.browser(), button, "ben", BundIdTestPortal.ACS);

        SamlFlow.SamlResponse answer = flow.response(back);
        assertThat(answer.statusCode()).as(answer.xml()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        // The test portal has only the trust-level and BundID mappers (no AuthnContextClassRef mapper).
        assertThat(answer.attributeValues(TRUST_LEVEL)).containsExactly("STORK-QAA-Level-3");
        assertThat(answer.attributeValues(MEANS_USED)).containsExactly("FINK");
    }

    @Test
    void givenLoginsThroughAnotherStateAndAnEuEidThenTheActivityLogNamesTheirMeans(ServicekontoServer server) {
        for (Map.Entry<BrokeredPartner, String> login : Map.of(otherState, "carla", euEid, "emil").entrySet()) {
            OidcFlow flow = new OidcFlow(server.realmUri(), reader, "secret-" + reader, DEMO_OIDC_REDIRECT);
            HttpResponse<String> page = FrontChannel.follow(flow.browser(), flow.authorize(Map.of("acr_values", SUBSTANTIAL)));
            URI button = URI.create(Jsoup.parse(page.body(), page.uri().toString())
                    .selectFirst("a[href*=/broker/" + login.getKey().alias() + "/login]").absUrl("href"));

            HttpResponse<String> back = login.getKey().passwordAtPartner(flow.browser(), button, login.getValue(),
                    DEMO_OIDC_REDIRECT);

            String bearer = flow.exchange(flow.callback(back).get("code")).path("access_token").asText();
            HttpResponse<String> log = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                    URI.create(server.realmUri() + "/sk-account/activity")).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + bearer).GET().build());
            assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
            JsonNode entry = java.util.stream.StreamSupport.stream(Json.parse(log.body()).path("entries").spliterator(), false)
                    .filter(e -> "LOGIN".equals(e.path("type").asText())).findFirst().orElseThrow();
            assertThat(entry.path("trustLevelName").asText()).isEqualTo("substanziell");
            assertThat(entry.path("means").asText()).isEqualTo(login.getKey() == otherState ? "FINK" : "eIDAS");
        }
    }

    static BrokeredPartner.Setup partner(String name, String displayName, String means, String cap) {
        return new BrokeredPartner.Setup(name, displayName,
                Map.of("users", List.of(user("anna", "Anna", "Muster", "anna-" + name + MAIL_DOMAIN, "1990-05-17"),
                        user("ben", "Ben", "Muster", "ben-" + name + MAIL_DOMAIN, "1985-01-02"),
                        user("carla", "Carla", "Muster", "carla-" + name + MAIL_DOMAIN, "1970-03-03"),
                        user("erik", "Erik", "Muster", "erik-" + name + MAIL_DOMAIN, "1979-11-03"),
                        user("emil", "Emil", "Muster", "emil-" + name + MAIL_DOMAIN, "1991-07-09"))),
                List.of(hardcoded("trust level", TRUST_LEVEL, "STORK-QAA-Level-3"),
                        property("first name", "firstName", "urn:oid:2.5.4.42"),
                        property("last name", "lastName", "urn:oid:2.5.4.4"),
                        property("e-mail", "email", "urn:oid:0.9.2342.19200300.100.1.3"),
                        attribute("birth date", "birthdate", "urn:oid:1.2.40.0.10.2.1.1.55")),
                Map.of("sk.trust.max", cap, "sk.trust.means", means),
                List.of(importer("first name", "urn:oid:2.5.4.42", "firstName"),
                        importer("last name", "urn:oid:2.5.4.4", "lastName"),
                        importer("e-mail", "urn:oid:0.9.2342.19200300.100.1.3", "email"),
                        importer("birth date", "urn:oid:1.2.40.0.10.2.1.1.55", "birthdate")),
                true);
    }

    @Test
    void givenAPasswordSessionThenAPortalAllowingOnlyTheCardGetsNoAnswerFromItEvenAfterTheFlowIsRestarted(
            ServicekontoServer server) {
        String citizen = Citizens.erikaLike(server, "means-sso");
        SamlFlow flow = bundIdPortal.flow(server);
        HttpResponse<String> first = flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"), akdb(Map.of("Benutzername", true)));
        if (EidLogin.isEidPage(first)) {
            first = EidLogin.choosePassword(flow.browser(), first);
        }
        SamlFlow.SamlResponse session = flow.response(flow.follow(flow.login(first, citizen, Citizens.PASSWORD)));
        assertThat(session.attributeValues(MEANS_USED)).as(session.xml()).containsExactly("Benutzername");

        HttpResponse<String> cardOnly = flow.authnRequest("minimum", List.of("STORK-QAA-Level-1"),
                akdb(Map.of("Benutzername", false, "eID", true)));
        assertThat(EidLogin.isEidPage(cardOnly)).as(cardOnly.body()).isTrue();
        // The flow restarted (Keycloak's login-actions/restart, e.g. the page's "start again"; skip_logout keeps the
        // SSO session, as an attacker would ask): it begins without the auth notes of the first run, the portal's
        // ForceAuthn among them; the password session must still not answer.
        Map<String, String> query = formActionQuery(cardOnly);
        URI restart = URI.create(server.realmUri() + "/login-actions/restart?client_id="
                + query.get("client_id") + "&tab_id=" + query.get("tab_id")
                + (query.containsKey("client_data") ? "&client_data=" + query.get("client_data") : "") + "&skip_logout=true");
        HttpResponse<String> again = flow.follow(flow.browser().get(restart));

        assertThat(again.body()).as("no assertion for the portal from the password session").doesNotContain("SAMLResponse");
        assertThat(EidLogin.isEidPage(again)).as(again.body()).isTrue();
    }

    /** The query of the first form on a login page that posts to Keycloak's login actions (still URL-encoded). */
    private static Map<String, String> formActionQuery(HttpResponse<String> page) {
        String action = Jsoup.parse(page.body(), page.uri().toString()).select("form[action*=login-actions]").first()
                .absUrl("action");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : URI.create(action).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return query;
    }

    /** A BundID extension with these means (in this order) and no attribute requested. */
    private static String akdb(Map<String, Boolean> means) {
        StringBuilder xml = new StringBuilder("<akdb:AuthenticationRequest xmlns:akdb=\"" + AKDB + "\" Version=\"2\">"
                + "<akdb:AuthnMethods>");
        new LinkedHashMap<>(means).forEach((name, enabled) -> xml.append("<akdb:").append(name).append("><akdb:Enabled>")
                .append(enabled).append("</akdb:Enabled></akdb:").append(name).append('>'));
        return xml.append("</akdb:AuthnMethods><akdb:RequestedAttributes/></akdb:AuthenticationRequest>").toString();
    }

    private static void setReaders(ServicekontoServer server, String value) {
        ObjectNode realm = (ObjectNode) server.admin().get("/realms/servicekonto");
        ((ObjectNode) realm.with("attributes")).put(READERS, value);
        assertThat(server.admin().put("/realms/servicekonto", realm).statusCode()).isEqualTo(204);
    }
}
