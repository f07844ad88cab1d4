package de.servicekonto.it;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_CLIENT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.BundIdTestPortal;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.TestCa;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * Certificate login (means {@code Elster}) through the real server over mutual TLS: the server's extra https port asks
 * for a client certificate, the test's CA issued it, and the realm trusts that CA and reads its CRL. A certificate is
 * bound to an account in a login with the password or the card; it reaches substanziell only on a card-verified
 * account whose binding the card confirmed.
 */
@ServicekontoServerTest
class CertificateLoginIT {

    private static final String LOW = "http://eidas.europa.eu/LoA/low";
    private static final String SUBSTANTIAL = "http://eidas.europa.eu/LoA/substantial";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";
    private static final String CARD = "no-address";
    private static final String AKDB = "https://www.akdb.de/request/2018/09";
    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String MEANS_USED = "urn:oid:1.3.6.1.4.1.25484.494450.2";
    private static final String GIVEN_NAME = "urn:oid:2.5.4.42";

    @Test
    void givenCardVerifiedAccountWhenTheCardConfirmsTheBindingThenTheCertificateAloneGivesSubstanziellWithMeansElster(
            ServicekontoServer server) {
        EidLogin eid = new EidLogin(server);
        eid.release(CARD);
        String name = "Beispiel Zertifikat " + UUID.randomUUID();
        TestCa.ClientCertificate certificate = server.certificates().issue(name);

        // First use: the certificate is bound to nobody, so the portal's hoch asks for the card, which creates the
        // account; the certificate presented in this login is bound to it.
        BrowserlessClient browser = browser(server, certificate);
        OidcFlow binding = flow(server, browser);
        HttpResponse<String> cardPage = browser.get(server.overTls(binding.authorizationUri(Map.of("acr_values", HIGH))));
        assertThat(EidLogin.isEidPage(cardPage)).as(cardPage.body()).isTrue();
        HttpResponse<String> read = readCardOverHttp(server, browser, cardPage, CARD);
        HttpResponse<String> done = EidLogin.isConfirmPage(read) ? EidLogin.press(browser, read, "sk-eid-confirm") : read;
        // The citizen is asked, with the certificate's name, before it is bound.
        assertThat(Jsoup.parse(done.body()).text()).contains("Zertifikat mit Ihrem Konto verbinden?", name);
        HttpResponse<String> bound = EidLogin.press(browser, done, "sk-certificate-bind-yes");
        JsonNode first = Json.jwtClaims(binding.exchange(binding.callback(bound).get("code")).path("id_token").asText());
        assertThat(first.path("acr").asText()).isEqualTo(HIGH);
        JsonNode account = eid.account(CARD).orElseThrow();
        String userId = account.path("id").asText();
        assertThat(values(account.path("attributes").path("sk-certificate-serial"))).hasSize(1);
        assertThat(values(account.path("attributes").path("sk-certificate-issuer"))).hasSize(1);
        assertThat(values(account.path("attributes").path("sk-certificate-level"))).containsExactly("hoch");

        // From now on the certificate alone: no page at all, substanziell, means Elster.
        OidcFlow login = flow(server, browser(server, certificate));
        HttpResponse<String> answer = login.browser().get(server.overTls(login.authorizationUri(Map.of("acr_values", SUBSTANTIAL))));
        JsonNode idToken = Json.jwtClaims(login.exchange(login.callback(answer).get("code")).path("id_token").asText());
        assertThat(idToken.path("sub").asText()).isEqualTo(userId);
        assertThat(idToken.path("acr").asText()).isEqualTo(SUBSTANTIAL);
        assertThat(values(idToken.path("amr"))).containsExactly("swk");
        assertThat(server.count("select count(*) from SK_ACTIVITY where MEANS = 'Elster' and USER_ID = ?", userId))
                .as("the activity log names the certificate").isGreaterThanOrEqualTo(1);

        // A portal needing hoch still gets the card asked for: a certificate never reaches hoch.
        OidcFlow high = flow(server, browser(server, certificate));
        HttpResponse<String> highPage = high.browser().get(server.overTls(high.authorizationUri(Map.of("acr_values", HIGH))));
        assertThat(EidLogin.isEidPage(highPage)).as(highPage.body()).isTrue();

        // SAML, BundID profile: the certificate gives STORK-QAA-Level-3 with AssertionProvedBy Elster ...
        BundIdTestPortal portal = BundIdTestPortal.register(server, "zertifikat");
        SamlFlow saml = samlFlow(server, portal, certificate);
        SamlFlow.SamlResponse response = saml.response(saml.acceptRelease(saml.authnRequest("minimum",
                List.of("STORK-QAA-Level-3"), akdb(Map.of("Benutzername", true, "eID", true, "Elster", true)))));
        assertThat(response.statusCode()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        // The BundID test portal has only our mappers, not Keycloak's AuthnContextClassRef mapper: the level is in the
        // trust-level attribute, as BundID portals read it.
        assertThat(response.attributeValues(TRUST_LEVEL)).containsExactly("STORK-QAA-Level-3");
        assertThat(response.attributeValues(MEANS_USED)).containsExactly("Elster");

        // ... unless the portal excludes Elster: then the certificate plays no part and the card is asked for.
        SamlFlow narrowed = samlFlow(server, portal, certificate);
        HttpResponse<String> page = narrowed.authnRequest("minimum", List.of("STORK-QAA-Level-3"),
                akdb(Map.of("Benutzername", true, "eID", true, "Elster", false)));
        assertThat(EidLogin.isEidPage(page)).as(page.body()).isTrue();
    }

    @Test
    void givenAccountWithTypedInDataWhenThePasswordBindsTheCertificateThenItGivesNiedrigAndSubstanziellAsksForTheCard(
            ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "zertifikat");
        TestCa.ClientCertificate certificate = server.certificates().issue("Erika Zertifikat " + UUID.randomUUID());

        // "Nicht verbinden": the login goes on, nothing is bound.
        OidcFlow declined = flow(server, browser(server, certificate));
        HttpResponse<String> form = declined.browser().get(server.overTls(declined.authorizationUri(Map.of())));
        assertThat(form.body()).as("an unbound certificate logs in nobody").contains("id=\"kc-form-login\"");
        HttpResponse<String> question = declined.login(form, username, Citizens.PASSWORD);
        declined.callback(EidLogin.press(declined.browser(), question, "sk-certificate-bind-no"));
        assertThat(user(server, username).path("attributes").has("sk-certificate-serial")).isFalse();

        OidcFlow binding = flow(server, browser(server, certificate));
        HttpResponse<String> again = binding.browser().get(server.overTls(binding.authorizationUri(Map.of())));
        binding.callback(EidLogin.press(binding.browser(), binding.login(again, username, Citizens.PASSWORD),
                "sk-certificate-bind-yes"));
        JsonNode account = user(server, username);
        assertThat(values(account.path("attributes").path("sk-certificate-level"))).containsExactly("niedrig");

        OidcFlow login = flow(server, browser(server, certificate));
        HttpResponse<String> answer = login.browser().get(server.overTls(login.authorizationUri(Map.of())));
        JsonNode idToken = Json.jwtClaims(login.exchange(login.callback(answer).get("code")).path("id_token").asText());
        assertThat(idToken.path("sub").asText()).isEqualTo(account.path("id").asText());
        assertThat(idToken.path("acr").asText()).isEqualTo(LOW);
        assertThat(values(idToken.path("amr"))).containsExactly("swk");

        // Typed-in data are proofed at niedrig only (TR-03147): substanziell needs the card.
        OidcFlow substantial = flow(server, browser(server, certificate));
        HttpResponse<String> page = substantial.browser().get(server.overTls(substantial.authorizationUri(
                Map.of("acr_values", SUBSTANTIAL))));
        assertThat(EidLogin.isEidPage(page)).as(page.body()).isTrue();
    }

    /**
     * The attack after the fact: someone who knew the password of an account with typed-in data bound their own
     * certificate (niedrig). When the owner sets a new password, or the helpdesk resets it, that binding falls with
     * the old password and the certificate logs in nobody; binding again needs a login with the new password.
     */
    @Test
    void givenCertificateBoundWithThePasswordWhenThePasswordChangesOrIsResetThenTheCertificateLogsInNobody(
            ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "zertifikat-neu");
        TestCa.ClientCertificate attackers = server.certificates().issue("Angreifer " + UUID.randomUUID());
        bindWithPassword(server, attackers, username, Citizens.PASSWORD);
        JsonNode account = user(server, username);
        String userId = account.path("id").asText();

        // The owner changes the password (Keycloak's update-password step, which also ends a reset by mail).
        ((com.fasterxml.jackson.databind.node.ObjectNode) account).putArray("requiredActions").add("UPDATE_PASSWORD");
        assertThat(server.admin().put("/realms/servicekonto/users/" + userId, account).statusCode()).isEqualTo(204);
        OidcFlow owner = new OidcFlow(server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
        HttpResponse<String> newPassword = owner.follow(owner.login(owner.authorize(Map.of()), username, Citizens.PASSWORD));
        assertThat(newPassword.body()).as("the new-password form").contains("password-new");
        String changed = Citizens.PASSWORD + "-neu";
        owner.callback(owner.browser().postForm(URI.create(Jsoup.parse(newPassword.body(), newPassword.uri().toString())
                .selectFirst("form").absUrl("action")), Map.of("password-new", changed, "password-confirm", changed)));
        assertThat(user(server, username).path("attributes").has("sk-certificate-serial"))
                .as("the binding made with the old password").isFalse();
        assertLogsInNobody(server, attackers);

        // Bound again with the new password, then the helpdesk resets the password: the binding falls again.
        bindWithPassword(server, attackers, username, changed);
        assertThat(server.admin().put("/realms/servicekonto/users/" + userId + "/reset-password",
                Map.of("type", "password", "value", Citizens.PASSWORD + "-helpdesk", "temporary", false)).statusCode()).isEqualTo(204);
        assertThat(user(server, username).path("attributes").has("sk-certificate-serial")).isFalse();
        assertLogsInNobody(server, attackers);
    }

    private static void bindWithPassword(ServicekontoServer server, TestCa.ClientCertificate certificate, String username,
                                         String password) {
        OidcFlow binding = flow(server, browser(server, certificate));
        HttpResponse<String> form = binding.browser().get(server.overTls(binding.authorizationUri(Map.of())));
        binding.callback(EidLogin.press(binding.browser(), binding.login(form, username, password), "sk-certificate-bind-yes"));
        assertThat(values(user(server, username).path("attributes").path("sk-certificate-level"))).containsExactly("niedrig");
    }

    private static void assertLogsInNobody(ServicekontoServer server, TestCa.ClientCertificate certificate) {
        OidcFlow again = flow(server, browser(server, certificate));
        HttpResponse<String> next = again.browser().get(server.overTls(again.authorizationUri(Map.of())));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).as("an unbound certificate logs in nobody").contains("id=\"kc-form-login\"");
    }

    /**
     * The attack: someone who knows only the password of a card-verified account presents their own certificate. The
     * password login works (niedrig), but the certificate is not bound: binding needs the card on such an account.
     */
    @Test
    void givenCardVerifiedAccountWhenOnlyThePasswordIsGivenThenTheCertificateIsNotBound(ServicekontoServer server) {
        String username = Citizens.erikaLike(server, "zertifikat-karte");
        JsonNode account = user(server, username);
        // The card link as the eID step writes it (a keyed hash of the card's pseudonym); here through the admin API.
        ((com.fasterxml.jackson.databind.node.ObjectNode) account.with("attributes"))
                .putArray(EidLogin.PSEUDONYM_ATTRIBUTE).add(UUID.randomUUID().toString().replace("-", ""));
        assertThat(server.admin().put("/realms/servicekonto/users/" + account.path("id").asText(), account).statusCode())
                .isEqualTo(204);
        TestCa.ClientCertificate attackers = server.certificates().issue("Angreifer " + UUID.randomUUID());

        OidcFlow attack = flow(server, browser(server, attackers));
        HttpResponse<String> form = attack.browser().get(server.overTls(attack.authorizationUri(Map.of())));
        attack.callback(attack.login(form, username, Citizens.PASSWORD));
        assertThat(user(server, username).path("attributes").has("sk-certificate-serial")).isFalse();

        OidcFlow again = flow(server, browser(server, attackers));
        HttpResponse<String> next = again.browser().get(server.overTls(again.authorizationUri(Map.of())));
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).contains("id=\"kc-form-login\"");
    }

    @Test
    void givenRevokedCertificateOrOneOfAnIssuerTheRealmDoesNotTrustThenAGermanPageRefusesItAndOtherMeansRemain(
            ServicekontoServer server) {
        for (TestCa.ClientCertificate refused : List.of(server.certificates().revoked(),
                server.certificates().issueByUntrustedCa("Fremd " + UUID.randomUUID()))) {
            OidcFlow flow = flow(server, browser(server, refused));
            HttpResponse<String> page = flow.browser().get(server.overTls(flow.authorizationUri(Map.of())));
            assertThat(page.statusCode()).isEqualTo(200);
            String text = Jsoup.parse(page.body()).text();
            assertThat(text).contains("Zertifikat nicht angenommen", "gesperrt oder abgelaufen",
                    "Mit anderem Anmeldemittel fortfahren");
            assertThat(page.body()).doesNotContain("id=\"kc-form-login\"");

            HttpResponse<String> other = EidLogin.press(flow.browser(), page, "sk-certificate-other-means");
            assertThat(other.body()).contains("id=\"kc-form-login\"");
        }
    }

    @Test
    void givenNoCertificateThenTheHttpsPortLogsInAsEver(ServicekontoServer server) {
        OidcFlow flow = flow(server, new BrowserlessClient(server.certificates().tls(null)));
        HttpResponse<String> page = flow.browser().get(server.overTls(flow.authorizationUri(Map.of())));
        assertThat(page.body()).contains("id=\"kc-form-login\"");
    }

    private static BrowserlessClient browser(ServicekontoServer server, TestCa.ClientCertificate certificate) {
        return new BrowserlessClient(server.certificates().tls(certificate));
    }

    /** The demo portal; the browser goes to the https port, the portal's back channel to the http port. */
    private static OidcFlow flow(ServicekontoServer server, BrowserlessClient browser) {
        return OidcFlow.inBrowser(browser, server.realmUri(), DEMO_OIDC_CLIENT, DEMO_OIDC_SECRET, DEMO_OIDC_REDIRECT);
    }

    private static SamlFlow samlFlow(ServicekontoServer server, BundIdTestPortal portal, TestCa.ClientCertificate certificate) {
        return new SamlFlow(browser(server, certificate), server.overTls(server.realmUri()), portal.entityId(),
                BundIdTestPortal.ACS, portal.credentials());
    }

    /**
     * The card read during a login begun over mutual TLS. The simulated eID-Client fetches the TC Token itself and
     * trusts no test CA, so its link is pointed at the http port; the browser goes on there with the same
     * authentication session (cookies belong to the host, not the port), as the certificate did its part in the
     * first request.
     */
    private static HttpResponse<String> readCardOverHttp(ServicekontoServer server, BrowserlessClient browser,
                                                         HttpResponse<String> cardPage, String identity) {
        String host = server.realmUri().getHost();
        String tls = URLEncoder.encode("https://" + host + ":" + server.httpsPort(), StandardCharsets.UTF_8);
        String plain = URLEncoder.encode("http://" + host + ":" + server.httpPort(), StandardCharsets.UTF_8);
        String link = EidLogin.buttonLink(cardPage).toString();
        assertThat(link).contains(tls);
        return browser.get(EidLogin.location(EidLogin.eidClient(browser, URI.create(link.replace(tls, plain)), identity)));
    }

    private static JsonNode user(ServicekontoServer server, String username) {
        JsonNode users = server.admin().get("/realms/servicekonto/users?exact=true&briefRepresentation=false&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8));
        assertThat(users.size()).isEqualTo(1);
        return users.get(0);
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String akdb(Map<String, Boolean> means) {
        StringBuilder xml = new StringBuilder("<akdb:AuthenticationRequest xmlns:akdb=\"" + AKDB + "\" Version=\"2\">"
                + "<akdb:AuthnMethods>");
        new java.util.TreeMap<>(means).forEach((name, enabled) -> xml.append("<akdb:").append(name).append("><akdb:Enabled>")
                .append(enabled).append("</akdb:Enabled></akdb:").append(name).append('>'));
        return xml.append("</akdb:AuthnMethods><akdb:RequestedAttributes><akdb:RequestedAttribute Name=\"")
                .append(GIVEN_NAME).append("\" RequiredAttribute=\"true\"/></akdb:RequestedAttributes>")
                .append("</akdb:AuthenticationRequest>").toString();
    }
}
