package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.ApacheShibboleth;
import de.servicekonto.it.support.ApacheSite;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.RelyingParties;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Shibboleth SP 3 (mod_shib and shibd, xml-security-c) as a real SAML SP: registered from the metadata it serves
 * itself, unchanged — one {@code KeyDescriptor} without {@code use}, its list of {@code EncryptionMethod}s naming
 * XML Encryption 1.1 RSA-OAEP — it receives assertions encrypted with the default profile bsi-tr-03116-4
 * (RSA-OAEP with SHA-256 and MGF1-SHA-256, AES-256-GCM), decrypts them and passes the trust level to the site:
 * niedrig after a password, hoch after the simulated ID card when the SP asks for STORK-QAA-Level-4. Its logout
 * handler ends the session at the server by SAML single logout.
 */
@ServicekontoServerTest
class ShibbolethIT {

    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";

    @Test
    void givenTheSpsOwnMetadataThenItDecryptsTheBsiProfileAndThePasswordLoginReachesTheSiteAtNiedrig(
            ServicekontoServer server) {
        try (ApacheShibboleth shibboleth = registeredAndStarted(server, Optional.empty())) {
            BrowserlessClient browser = new BrowserlessClient();

            HttpResponse<String> site = passwordLogin(browser, shibboleth, Citizens.erikaLike(server, "shib"));

            assertThat(site.statusCode()).as(site.body() + shibboleth.log()).isEqualTo(200);
            assertThat(site.body()).contains("angemeldet");
            assertThat(site.headers().firstValue(ApacheSite.TRUST_LEVEL_HEADER)).as(shibboleth.log())
                    .contains("STORK-QAA-Level-1");
        }
    }

    @Test
    void givenShibbolethLogsOutThenTheServersSessionEndsAndTheNextVisitAsksForThePasswordAgain(ServicekontoServer server) {
        try (ApacheShibboleth shibboleth = registeredAndStarted(server, Optional.empty())) {
            BrowserlessClient browser = new BrowserlessClient();
            String username = Citizens.erikaLike(server, "shib-slo");
            assertThat(passwordLogin(browser, shibboleth, username).body()).as(shibboleth.log()).contains("angemeldet");
            String userId = RelyingParties.userId(server, username);
            assertThat(RelyingParties.sessions(server, userId)).isEqualTo(1);

            // Shibboleth's logout handler: LogoutRequest to us, our LogoutResponse back, then the return page.
            HttpResponse<String> afterLogout = FrontChannel.throughSaml(browser, browser.navigate(shibboleth.logout()));

            assertThat(RelyingParties.sessions(server, userId)).as(afterLogout.body() + shibboleth.log()).isZero();
            assertThat(FrontChannel.isPasswordPage(afterLogout)).as(afterLogout.body() + shibboleth.log()).isTrue();
        }
    }

    @Test
    void givenShibbolethAsksForLevel4ThenTheSimulatedIdCardLogsInAndTheSiteSeesHoch(ServicekontoServer server) {
        try (ApacheShibboleth shibboleth = registeredAndStarted(server, Optional.of("STORK-QAA-Level-4"))) {
            BrowserlessClient browser = new BrowserlessClient();
            HttpResponse<String> eidPage = FrontChannel.follow(browser, browser.navigate(shibboleth.protectedPage()));
            assertThat(EidLogin.isEidPage(eidPage)).as(eidPage.body() + shibboleth.log()).isTrue();

            HttpResponse<String> answer = FrontChannel.follow(browser, EidLogin.readCardAndConfirm(browser, eidPage, "erika"));
            HttpResponse<String> site = FrontChannel.throughSaml(browser, answer);

            assertThat(site.statusCode()).as(site.body() + shibboleth.log()).isEqualTo(200);
            assertThat(site.body()).contains("angemeldet");
            assertThat(site.headers().firstValue(ApacheSite.TRUST_LEVEL_HEADER)).as(shibboleth.log())
                    .contains("STORK-QAA-Level-4");
        }
    }

    private static ApacheShibboleth registeredAndStarted(ServicekontoServer server, Optional<String> authnContextClassRef) {
        ApacheShibboleth shibboleth = ApacheShibboleth.create();
        try {
            String idp = RelyingParties.idpMetadata(server);
            shibboleth.start(idp, RelyingParties.entityId(idp), TRUST_LEVEL, authnContextClassRef);
            String metadata = shibboleth.metadata();
            // What the SP itself says: one key for both uses, XML Encryption 1.1 RSA-OAEP among its algorithms.
            assertThat(metadata).contains("<md:KeyDescriptor>")
                    .doesNotContain("<md:KeyDescriptor use=")
                    .contains("<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#rsa-oaep\"/>")
                    .contains("<md:EncryptionMethod Algorithm=\"http://www.w3.org/2009/xmlenc11#aes256-gcm\"/>");
            JsonNode client = RelyingParties.registerSaml(server, metadata);
            assertThat(client.path("clientId").asText()).isEqualTo(shibboleth.entityId());
            assertThat(client.at("/attributes/sk.saml.encryption.profile").asText()).isEqualTo("bsi-tr-03116-4");
            assertThat(client.at("/attributes/saml.encrypt").asText()).isEqualTo("true");
            return shibboleth;
        } catch (RuntimeException | Error e) {
            shibboleth.close();
            throw e;
        }
    }

    /** The site, Shibboleth's redirect to us, our login page, the POST to Shibboleth's ACS, the site again. */
    private static HttpResponse<String> passwordLogin(BrowserlessClient browser, ApacheShibboleth shibboleth,
                                                      String username) {
        HttpResponse<String> loginPage = FrontChannel.follow(browser, browser.navigate(shibboleth.protectedPage()));
        assertThat(FrontChannel.isPasswordPage(loginPage)).as(loginPage.body() + shibboleth.log()).isTrue();
        HttpResponse<String> autoPost = FrontChannel.password(browser, loginPage, username, Citizens.PASSWORD);
        assertThat(autoPost.body()).as(autoPost.body()).contains("SAMLResponse");
        return FrontChannel.throughSaml(browser, autoPost);
    }
}
