package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import de.servicekonto.it.support.ApacheMellon;
import de.servicekonto.it.support.ApacheSite;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import de.servicekonto.it.support.RelyingParties;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Apache {@code mod_auth_mellon} (Lasso) as a real SAML SP: registered from the metadata mellon's own tool writes,
 * it logs a citizen in through the real login pages (password at niedrig, the simulated ID card at hoch) and sees
 * the trust level in the environment mellon passes to the site; the encrypted assertion is decrypted by Lasso
 * itself. mellon's logout ends the session at the server by SAML single logout.
 */
@ServicekontoServerTest
class MellonIT {

    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String MGF1P = "<EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>";

    @Test
    void givenMellonsMetadataAskingForRsaOaepMgf1pThenPasswordLoginReachesTheSiteWithTheTrustLevel(ServicekontoServer server) {
        try (ApacheMellon mellon = registeredAndStarted(server, "STORK-QAA-Level-1")) {
            BrowserlessClient browser = new BrowserlessClient();

            HttpResponse<String> site = passwordLogin(server, browser, mellon, Citizens.erikaLike(server, "mellon"));

            assertThat(site.statusCode()).as(mellon.log()).isEqualTo(200);
            assertThat(site.body()).contains("angemeldet");
            assertThat(site.headers().firstValue(ApacheSite.TRUST_LEVEL_HEADER)).as(mellon.log())
                    .contains("STORK-QAA-Level-1");
        }
    }

    @Test
    void givenMellonLogsOutThenTheServersSessionEndsAndTheNextVisitAsksForThePasswordAgain(ServicekontoServer server) {
        try (ApacheMellon mellon = registeredAndStarted(server, "STORK-QAA-Level-1")) {
            BrowserlessClient browser = new BrowserlessClient();
            String username = Citizens.erikaLike(server, "mellon-slo");
            assertThat(passwordLogin(server, browser, mellon, username).body()).as(mellon.log()).contains("angemeldet");
            String userId = RelyingParties.userId(server, username);
            assertThat(RelyingParties.sessions(server, userId)).isEqualTo(1);

            // mellon's logout: LogoutRequest (redirect binding, signed by mellon) to us, our LogoutResponse back.
            HttpResponse<String> afterLogout = FrontChannel.throughSaml(browser, browser.navigate(mellon.logout()));

            assertThat(RelyingParties.sessions(server, userId)).as(mellon.log()).isZero();
            // ReturnTo is the protected page: mellon has no session any more and sends the browser to us, where
            // no single sign-on session is left either.
            assertThat(FrontChannel.isPasswordPage(afterLogout)).as(afterLogout.body() + mellon.log()).isTrue();
        }
    }

    @Test
    void givenMellonAsksForLevel4ThenTheSimulatedIdCardLogsInAndTheSiteSeesHoch(ServicekontoServer server) {
        try (ApacheMellon mellon = registeredAndStarted(server, "STORK-QAA-Level-4")) {
            BrowserlessClient browser = new BrowserlessClient();
            HttpResponse<String> eidPage = FrontChannel.follow(browser, browser.navigate(mellon.protectedPage()));
            assertThat(EidLogin.isEidPage(eidPage)).as(eidPage.body() + mellon.log()).isTrue();

            HttpResponse<String> answer = FrontChannel.follow(browser, EidLogin.readCardAndConfirm(browser, eidPage, "erika"));
            HttpResponse<String> site = FrontChannel.throughSaml(browser, answer);

            assertThat(site.statusCode()).as(site.body() + mellon.log()).isEqualTo(200);
            assertThat(site.body()).contains("angemeldet");
            assertThat(site.headers().firstValue(ApacheSite.TRUST_LEVEL_HEADER)).as(mellon.log())
                    .contains("STORK-QAA-Level-4");
        }
    }

    private static ApacheMellon registeredAndStarted(ServicekontoServer server, String authnContextClassRef) {
        ApacheMellon mellon = ApacheMellon.create();
        try {
            // What a mellon operator adds to the generated metadata (relying-parties.md, encryption profiles).
            String metadata = mellon.metadata().replace("<KeyDescriptor use=\"encryption\">\n",
                    "<KeyDescriptor use=\"encryption\">\n" + MGF1P + "\n");
            assertThat(metadata).contains(MGF1P);
            var client = RelyingParties.registerSaml(server, metadata);
            assertThat(client.at("/attributes/sk.saml.encryption.profile").asText()).isEqualTo("compatible");
            assertThat(client.at("/attributes/saml.encrypt").asText()).isEqualTo("true");
            mellon.start(RelyingParties.idpMetadata(server), TRUST_LEVEL, authnContextClassRef);
            return mellon;
        } catch (RuntimeException | Error e) {
            mellon.close();
            throw e;
        }
    }

    /** The site, mellon's redirect to us, our login page, the POST back to mellon, the site again. */
    private static HttpResponse<String> passwordLogin(ServicekontoServer server, BrowserlessClient browser,
                                                      ApacheMellon mellon, String username) {
        HttpResponse<String> loginPage = FrontChannel.follow(browser, browser.navigate(mellon.protectedPage()));
        assertThat(FrontChannel.isPasswordPage(loginPage)).as(loginPage.body() + mellon.log()).isTrue();
        HttpResponse<String> autoPost = FrontChannel.password(browser, loginPage, username, Citizens.PASSWORD);
        assertThat(autoPost.body()).as(autoPost.body()).contains("SAMLResponse");
        return FrontChannel.postSaml(browser, autoPost);
    }
}
