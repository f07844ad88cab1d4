package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.ApacheOpenidc;
import de.servicekonto.it.support.ApacheSite;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.RelyingParties;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Apache {@code mod_auth_openidc} as a real OpenID Connect relying party, configured with our discovery URL, its
 * client id and secret and nothing else. The client is created by the operator through the admin API with only its
 * redirect URI (and, for the logout test, its back-channel logout URL), as relying-parties.md describes; the realm
 * has no anonymous dynamic client registration for portals, each one is the operator's decision.
 */
@ServicekontoServerTest
class OpenidcIT {

    private static final String LOW = "http://eidas.europa.eu/LoA/low";
    private static final String HIGH = "http://eidas.europa.eu/LoA/high";

    @Test
    void givenOnlyTheDiscoveryUrlThenPasswordLoginReachesTheSiteWithAcrNiedrig(ServicekontoServer server) {
        try (ApacheOpenidc site = ApacheOpenidc.create()) {
            start(server, site, Map.of(), Optional.empty());
            BrowserlessClient browser = new BrowserlessClient();

            HttpResponse<String> page = passwordLogin(browser, site, Citizens.erikaLike(server, "openidc"));

            assertThat(page.statusCode()).as(page.body() + site.log()).isEqualTo(200);
            assertThat(page.body()).contains("angemeldet");
            assertThat(page.headers().firstValue(ApacheSite.TRUST_LEVEL_HEADER)).as(site.log()).contains(LOW);
        }
    }

    @Test
    void givenAcrValuesHochThenTheSimulatedIdCardLogsInAndTheSiteSeesAcrHoch(ServicekontoServer server) {
        try (ApacheOpenidc site = ApacheOpenidc.create()) {
            start(server, site, Map.of(), Optional.of("acr_values=" + URLEncoder.encode(HIGH, StandardCharsets.UTF_8)));
            BrowserlessClient browser = new BrowserlessClient();
            HttpResponse<String> eidPage = FrontChannel.follow(browser, browser.navigate(site.protectedPage()));
            assertThat(EidLogin.isEidPage(eidPage)).as(eidPage.body() + site.log()).isTrue();

            HttpResponse<String> page = FrontChannel.follow(browser, EidLogin.readCardAndConfirm(browser, eidPage, "erika"));

            assertThat(page.statusCode()).as(page.body() + site.log()).isEqualTo(200);
            assertThat(page.body()).contains("angemeldet");
            assertThat(page.headers().firstValue(ApacheSite.TRUST_LEVEL_HEADER)).as(site.log()).contains(HIGH);
        }
    }

    @Test
    void givenTheAccountsSessionsRevokedThenBackChannelLogoutEndsTheSitesSessionToo(ServicekontoServer server) {
        try (ApacheOpenidc site = ApacheOpenidc.create()) {
            start(server, site, Map.of("backchannel.logout.url", site.backchannelLogoutUri().toString(),
                    "backchannel.logout.session.required", "true"), Optional.empty());
            BrowserlessClient browser = new BrowserlessClient();
            String username = Citizens.erikaLike(server, "openidc-bcl");
            assertThat(passwordLogin(browser, site, username).body()).as(site.log()).contains("angemeldet");
            // The site's own session carries the next visit without asking us.
            HttpResponse<String> again = browser.navigate(site.protectedPage());
            assertThat(again.statusCode()).as(site.log()).isEqualTo(200);

            String userId = RelyingParties.userId(server, username);
            HttpResponse<String> revoked = server.admin().post("/realms/" + ServicekontoServer.REALM + "/users/" + userId
                    + "/logout", Map.of());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);

            // The logout token reached mod_auth_openidc, which ended its session: the next visit goes to our login.
            HttpResponse<String> afterLogout = FrontChannel.follow(browser, browser.navigate(site.protectedPage()));
            assertThat(FrontChannel.isPasswordPage(afterLogout)).as(afterLogout.body() + site.log()).isTrue();
            assertThat(site.log()).contains("logout=backchannel");
        }
    }

    /** The operator's client (redirect URI and {@code attributes}, nothing else) and the site configured for it. */
    private static void start(ServicekontoServer server, ApacheOpenidc site, Map<String, String> attributes,
                              Optional<String> authRequestParams) {
        RelyingParties.OidcClient client = RelyingParties.registerOidc(server, site.redirectUri().toString(), attributes);
        site.start(URI.create(server.realmUri() + "/.well-known/openid-configuration"), client.clientId(), client.secret(),
                authRequestParams);
    }

    /** The site, mod_auth_openidc's redirect to us, our login page, the code back to the module, the site again. */
    private static HttpResponse<String> passwordLogin(BrowserlessClient browser, ApacheOpenidc site, String username) {
        HttpResponse<String> loginPage = FrontChannel.follow(browser, browser.navigate(site.protectedPage()));
        assertThat(FrontChannel.isPasswordPage(loginPage)).as(loginPage.body() + site.log()).isTrue();
        return FrontChannel.password(browser, loginPage, username, Citizens.PASSWORD);
    }
}
