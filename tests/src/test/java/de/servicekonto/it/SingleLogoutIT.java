package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.ApacheMellon;
import de.servicekonto.it.support.ApacheOpenidc;
import de.servicekonto.it.support.ApacheShibboleth;
import de.servicekonto.it.support.ApacheSite;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.RelyingParties;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Single logout across the real relying parties, each registered from what its software produces: mellon
 * (HTTP-Redirect only), the Shibboleth SP (SOAP, Redirect, POST, Artifact; or SOAP only) and mod_auth_openidc
 * (back-channel logout URL). One browser logs in at each with one single sign-on session; a logout started at one of
 * them ends the session here and at every other one, over the binding its metadata declares. "Ended" is checked at
 * both ends: the admin API lists no session of the account, and each site's protected page sends the browser to our
 * password page (a site that still had its session would answer with the page itself).
 */
@ServicekontoServerTest
class SingleLogoutIT {

    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String MGF1P = "<EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>";
    private static final String SOAP = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP";

    @Test
    void givenLogoutAtTheOidcSiteThenMellonAndShibbolethAreLoggedOutThroughTheBrowser(ServicekontoServer server) {
        try (Sites sites = new Sites()) {
            ApacheMellon mellon = sites.mellon(server);
            ApacheShibboleth shibboleth = sites.shibboleth(server, false);
            ApacheOpenidc openidc = sites.openidc(server);
            Citizen citizen = sites.loggedIn(server, "slo-oidc", mellon, shibboleth, openidc);
            BrowserlessClient browser = citizen.browser();

            // mod_auth_openidc's RP-initiated logout: to our end-session endpoint with its ID token, from there the
            // browser carries our LogoutRequests to mellon and Shibboleth (HTTP-Redirect) and their LogoutResponses
            // back, and then returns to the site's page, which asks us for a new login.
            URI logout = URI.create(openidc.redirectUri() + "?logout="
                    + URLEncoder.encode(openidc.protectedPage().toString(), StandardCharsets.UTF_8));
            HttpResponse<String> afterLogout = FrontChannel.throughSaml(browser, browser.navigate(logout));

            assertThat(FrontChannel.isPasswordPage(afterLogout)).as(afterLogout.uri() + "\n" + afterLogout.body()
                    + sites.logs()).isTrue();
            sites.assertLoggedOut(server, citizen, mellon, shibboleth, openidc);
            // The browser carried our LogoutRequests to both SAML sites: to mellon by HTTP-Redirect, the only binding
            // it declares; to Shibboleth by HTTP-POST, the binding its login answer went by.
            assertThat(mellon.requests()).anyMatch(line -> line.startsWith("GET /mellon/logout "));
            assertThat(shibboleth.requests()).anyMatch(line -> line.startsWith("POST /Shibboleth.sso/SLO/POST "));
        }
    }

    @Test
    void givenLogoutAtMellonThenShibbolethThroughTheBrowserAndTheOidcSiteByBackChannelAreLoggedOut(
            ServicekontoServer server) {
        try (Sites sites = new Sites()) {
            ApacheMellon mellon = sites.mellon(server);
            ApacheShibboleth shibboleth = sites.shibboleth(server, false);
            ApacheOpenidc openidc = sites.openidc(server);
            Citizen citizen = sites.loggedIn(server, "slo-mellon", mellon, shibboleth, openidc);
            BrowserlessClient browser = citizen.browser();

            HttpResponse<String> afterLogout = FrontChannel.throughSaml(browser, browser.navigate(mellon.logout()));

            // ReturnTo is mellon's protected page: mellon's session is gone and ours too, so the password page.
            assertThat(FrontChannel.isPasswordPage(afterLogout)).as(afterLogout.uri() + "\n" + afterLogout.body()
                    + sites.logs()).isTrue();
            sites.assertLoggedOut(server, citizen, shibboleth, openidc);
            assertThat(shibboleth.requests()).anyMatch(line -> line.startsWith("POST /Shibboleth.sso/SLO/POST "));
            // Our server posted the logout token to the module's redirect URI (?logout=backchannel).
            assertThat(openidc.requests()).anyMatch(line -> line.startsWith("POST /redirect_uri "));
            assertThat(openidc.log()).contains("logout=backchannel");
        }
    }

    @Test
    void givenSignOutInTheAccountConsoleThenEveryPortalOfTheSessionIsLoggedOut(ServicekontoServer server) {
        try (Sites sites = new Sites()) {
            ApacheMellon mellon = sites.mellon(server);
            ApacheShibboleth shibboleth = sites.shibboleth(server, false);
            ApacheOpenidc openidc = sites.openidc(server);
            Citizen citizen = sites.loggedIn(server, "slo-console", mellon, shibboleth, openidc);
            BrowserlessClient browser = citizen.browser();
            String userId = citizen.userId();

            // The account console in the same browser: its public client with PKCE gets its tokens by single
            // sign-on; "Abmelden" in the console is the library's logout, a visit to our end-session endpoint with
            // the console's ID token and the console as the place to return to.
            String console = server.realmUri() + "/account/";
            OidcFlow consoleLogin = OidcFlow.inBrowser(browser, server.realmUri(), "account-console", null, console);
            String idToken = consoleLogin.exchange(consoleLogin.callback(consoleLogin.follow(consoleLogin.authorize(
                    Map.of()))).get("code")).path("id_token").asText();
            assertThat(RelyingParties.sessions(server, userId)).isEqualTo(1);
            URI signOut = URI.create(server.realmUri() + "/protocol/openid-connect/logout?" + BrowserlessClient.formBody(
                    Map.of("client_id", "account-console", "id_token_hint", idToken, "post_logout_redirect_uri", console)));

            HttpResponse<String> afterLogout = FrontChannel.throughSaml(browser, browser.navigate(signOut));

            assertThat(afterLogout.uri().toString()).as(afterLogout.body() + sites.logs()).startsWith(console);
            sites.assertLoggedOut(server, citizen, mellon, shibboleth, openidc);
            // Through the browser to both SAML sites, by back channel to the OIDC site.
            assertThat(mellon.requests()).anyMatch(line -> line.startsWith("GET /mellon/logout "));
            assertThat(shibboleth.requests()).anyMatch(line -> line.startsWith("POST /Shibboleth.sso/SLO/POST "));
            assertThat(openidc.requests()).anyMatch(line -> line.startsWith("POST /redirect_uri "));
        }
    }

    @Test
    void givenAShibbolethSpThatDeclaresOnlySoapThenALogoutElsewhereReachesItOverSoap(ServicekontoServer server) {
        try (Sites sites = new Sites()) {
            ApacheMellon mellon = sites.mellon(server);
            ApacheShibboleth shibboleth = sites.shibboleth(server, true);
            Citizen citizen = sites.loggedIn(server, "slo-soap", mellon, shibboleth);
            BrowserlessClient browser = citizen.browser();

            HttpResponse<String> afterLogout = FrontChannel.throughSaml(browser, browser.navigate(mellon.logout()));

            assertThat(FrontChannel.isPasswordPage(afterLogout)).as(afterLogout.uri() + "\n" + afterLogout.body()
                    + sites.logs()).isTrue();
            // Our server called Shibboleth's SOAP endpoint; the browser was never sent to a logout URL of it.
            assertThat(shibboleth.requests()).as(sites.logs())
                    .anyMatch(line -> line.startsWith("POST /Shibboleth.sso/SLO/SOAP "))
                    .noneMatch(line -> line.contains("/SLO/Redirect") || line.contains("/SLO/POST"));
            sites.assertLoggedOut(server, citizen, shibboleth);
        }
    }

    @Test
    void givenTheOperatorSignsTheAccountOutThenTheSoapSpIsLoggedOutButTheFrontChannelSpIsNotTold(ServicekontoServer server) {
        try (Sites sites = new Sites()) {
            ApacheMellon mellon = sites.mellon(server);
            ApacheShibboleth shibboleth = sites.shibboleth(server, true);
            Citizen citizen = sites.loggedIn(server, "slo-admin", mellon, shibboleth);
            BrowserlessClient browser = citizen.browser();
            String userId = citizen.userId();

            // The admin API's "Sign out": no browser takes part.
            HttpResponse<String> signedOut = server.admin().post("/realms/" + ServicekontoServer.REALM + "/users/" + userId
                    + "/logout", Map.of());
            assertThat(signedOut.statusCode()).as(signedOut.body()).isEqualTo(204);

            assertThat(shibboleth.requests()).as(sites.logs())
                    .anyMatch(line -> line.startsWith("POST /Shibboleth.sso/SLO/SOAP "));
            sites.assertLoggedOut(server, citizen, shibboleth);
            // Keycloak 26.7.3 skips front-channel clients in a logout without a browser (relying-parties.md, Logout):
            // mellon was not told and still shows its page from its own session.
            assertThat(mellon.requests()).noneMatch(line -> line.startsWith("GET /mellon/logout "));
            HttpResponse<String> stillThere = browser.navigate(mellon.protectedPage());
            assertThat(stillThere.statusCode()).as(sites.logs()).isEqualTo(200);
            assertThat(stillThere.body()).contains("angemeldet");
        }
    }

    /** A citizen's browser with one single sign-on session, and the account's id. */
    private record Citizen(BrowserlessClient browser, String userId) {
    }

    /** The sites of one test, registered as their operators would and stopped together. */
    private static final class Sites implements AutoCloseable {

        private final List<ApacheSite> started = new ArrayList<>();

        ApacheMellon mellon(ServicekontoServer server) {
            ApacheMellon mellon = add(ApacheMellon.create());
            // The one line a mellon operator adds (relying-parties.md); mellon declares HTTP-Redirect logout only.
            String metadata = mellon.metadata().replace("<KeyDescriptor use=\"encryption\">\n",
                    "<KeyDescriptor use=\"encryption\">\n" + MGF1P + "\n");
            JsonNode client = RelyingParties.registerSaml(server, metadata);
            assertThat(client.path("frontchannelLogout").asBoolean()).isTrue();
            assertThat(client.at("/attributes/saml_single_logout_service_url_redirect").asText())
                    .isEqualTo(mellon.baseUri() + "/mellon/logout");
            mellon.start(RelyingParties.idpMetadata(server), TRUST_LEVEL, "STORK-QAA-Level-1");
            return mellon;
        }

        ApacheShibboleth shibboleth(ServicekontoServer server, boolean soapLogoutOnly) {
            ApacheShibboleth shibboleth = add(ApacheShibboleth.create());
            if (soapLogoutOnly) {
                shibboleth.offerSoapLogoutOnly();
            }
            String idp = RelyingParties.idpMetadata(server);
            shibboleth.start(idp, RelyingParties.entityId(idp), TRUST_LEVEL, Optional.empty());
            String metadata = shibboleth.metadata();
            JsonNode client = RelyingParties.registerSaml(server, metadata);
            String soap = shibboleth.baseUri() + "/Shibboleth.sso/SLO/SOAP";
            assertThat(metadata).contains("Binding=\"" + SOAP + "\" Location=\"" + soap + "\"");
            assertThat(client.at("/attributes/saml_single_logout_service_url_soap").asText()).isEqualTo(soap);
            if (soapLogoutOnly) {
                assertThat(metadata).doesNotContain("/SLO/Redirect").doesNotContain("/SLO/POST");
                assertThat(client.path("frontchannelLogout").asBoolean()).as(client.toString()).isFalse();
            } else {
                assertThat(client.path("frontchannelLogout").asBoolean()).as(client.toString()).isTrue();
                assertThat(client.at("/attributes/saml_single_logout_service_url_redirect").asText())
                        .isEqualTo(shibboleth.baseUri() + "/Shibboleth.sso/SLO/Redirect");
            }
            return shibboleth;
        }

        /** The client with the module's back-channel logout URI and its page as a place to return to after logout. */
        ApacheOpenidc openidc(ServicekontoServer server) {
            ApacheOpenidc site = add(ApacheOpenidc.create());
            RelyingParties.OidcClient client = RelyingParties.registerOidc(server, site.redirectUri().toString(), Map.of(
                    "backchannel.logout.url", site.backchannelLogoutUri().toString(),
                    "backchannel.logout.session.required", "true",
                    "post.logout.redirect.uris", site.protectedPage().toString()));
            site.start(URI.create(server.realmUri() + "/.well-known/openid-configuration"), client.clientId(),
                    client.secret(), Optional.empty());
            return site;
        }

        /**
         * A new account logged in by password at the first site and by single sign-on at the others, each showing its
         * page; one session of the account here.
         */
        Citizen loggedIn(ServicekontoServer server, String prefix, ApacheSite first, ApacheSite... others) {
            BrowserlessClient browser = new BrowserlessClient();
            String username = Citizens.erikaLike(server, prefix);
            HttpResponse<String> loginPage = FrontChannel.follow(browser, browser.navigate(first.protectedPage()));
            assertThat(FrontChannel.isPasswordPage(loginPage)).as(loginPage.body() + logs()).isTrue();
            HttpResponse<String> site = FrontChannel.throughSaml(browser,
                    FrontChannel.password(browser, loginPage, username, Citizens.PASSWORD));
            assertThat(site.body()).as(site.body() + logs()).contains("angemeldet");
            for (ApacheSite other : others) {
                HttpResponse<String> sso = FrontChannel.throughSaml(browser, browser.navigate(other.protectedPage()));
                assertThat(sso.body()).as(other.baseUri() + ": " + sso.body() + logs()).contains("angemeldet");
            }
            Citizen citizen = new Citizen(browser, RelyingParties.userId(server, username));
            assertThat(RelyingParties.sessions(server, citizen.userId())).isEqualTo(1);
            return citizen;
        }

        /** Ended at both ends: no session of the account here, and each site's page sends the browser to our login. */
        void assertLoggedOut(ServicekontoServer server, Citizen citizen, ApacheSite... loggedOut) {
            assertThat(RelyingParties.sessions(server, citizen.userId())).as(logs()).isZero();
            for (ApacheSite site : loggedOut) {
                HttpResponse<String> visit = FrontChannel.follow(citizen.browser(),
                        citizen.browser().navigate(site.protectedPage()));
                assertThat(FrontChannel.isPasswordPage(visit)).as(site.baseUri() + ": " + visit.body() + logs()).isTrue();
            }
        }

        private <T extends ApacheSite> T add(T site) {
            started.add(site);
            return site;
        }

        String logs() {
            StringBuilder text = new StringBuilder();
            started.forEach(site -> text.append("\n===== ").append(site.baseUri()).append('\n').append(site.log()));
            return text.toString();
        }

        @Override
        public void close() {
            started.forEach(ApacheSite::close);
        }
    }
}
