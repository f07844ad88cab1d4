package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.NodeSamlSp;
import de.servicekonto.it.support.RelyingParties;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Node.js portal on {@code @node-saml/node-saml} 5 (tests/src/test/node/saml-sp) as a real SAML SP next to mellon,
 * Shibboleth and openidc: registered from the metadata it generates itself, it signs its AuthnRequests, decrypts the
 * encrypted assertion with its own library (xml-encryption, which knows only XML Encryption 1.0 RSA-OAEP-MGF1P as key
 * transport, so its metadata asks for the profile {@code compatible}) and shows the NameID, the trust-level attribute
 * and the AuthnContextClassRef: niedrig after a password, hoch after the simulated ID card. Single logout works both
 * ways: the SP's logout ends the session here, and a logout here ends the SP's session by a LogoutRequest through the
 * browser (and, with "Front channel logout" switched off for it, by back channel when an operator ends the
 * account's sessions).
 */
@ServicekontoServerTest
class NodeSamlIT {

    private static final String PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    private static final String MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    private static final String AES256_GCM = "http://www.w3.org/2009/xmlenc11#aes256-gcm";

    @Test
    void givenTheSpsOwnMetadataThenThePasswordLoginShowsNiedrigAndThePairwiseNameIdFromADecryptedAssertion(
            ServicekontoServer server) {
        try (NodeSamlSp sp = registeredAndStarted(server, "STORK-QAA-Level-1")) {
            BrowserlessClient browser = new BrowserlessClient();
            String username = Citizens.erikaLike(server, "node-saml");

            HttpResponse<String> page = passwordLogin(browser, sp, username);

            assertThat(NodeSamlSp.isSignedIn(page)).as(page.body() + sp.log()).isTrue();
            assertThat(NodeSamlSp.shown(page, "trust-level")).contains("STORK-QAA-Level-1");
            assertThat(NodeSamlSp.shown(page, "authn-context")).contains("STORK-QAA-Level-1");
            // The SP got an EncryptedAssertion (and no plain one), in the profile its metadata asked for, and
            // node-saml accepted the assertion it decrypted.
            assertThat(NodeSamlSp.shown(page, "encrypted")).contains("ja");
            assertThat(NodeSamlSp.shown(page, "algorithms").orElseThrow().split(" ")).contains(MGF1P, AES256_GCM);
            assertThat(sp.log()).contains("encrypted=true");
            // The pairwise subject: persistent, revealing neither username nor account id; the bPK2 beside it.
            String nameId = NodeSamlSp.shown(page, "name-id").orElseThrow();
            String userId = RelyingParties.userId(server, username);
            assertThat(NodeSamlSp.shown(page, "name-id-format")).contains(PERSISTENT);
            assertThat(nameId).isNotBlank().doesNotContain(username).doesNotContain(userId);
            assertThat(NodeSamlSp.shown(page, "pairwise-id").orElseThrow()).matches("[A-Za-z0-9_-]{43}");
        }
    }

    @Test
    void givenItsMetadataWithoutTheKeyTransportLineThenTheDefaultProfileIsChosenWhichNodeSamlCannotDecrypt(
            ServicekontoServer server) {
        try (NodeSamlSp sp = NodeSamlSp.create()) {
            sp.start(RelyingParties.idpMetadata(server), "STORK-QAA-Level-1");
            // node-saml's metadata as it comes: data algorithms only, no key transport.
            String metadata = sp.metadata().replace("<EncryptionMethod Algorithm=\"" + MGF1P + "\"/>", "");
            assertThat(metadata).doesNotContain(MGF1P).contains("<KeyDescriptor use=\"encryption\">");
            JsonNode client = RelyingParties.registerSaml(server, metadata);
            assertThat(client.at("/attributes/sk.saml.encryption.profile").asText()).isEqualTo("bsi-tr-03116-4");

            String username = Citizens.erikaLike(server, "node-saml-bsi");
            HttpResponse<String> page = passwordLogin(new BrowserlessClient(), sp, username);

            // Why relying-parties.md tells node-saml portals to add the line: xml-encryption 3.1 has no XML
            // Encryption 1.1 RSA-OAEP.
            assertThat(NodeSamlSp.isSignedIn(page)).as(page.body() + sp.log()).isFalse();
            assertThat(page.statusCode()).isEqualTo(400);
            assertThat(sp.log()).contains("key encryption algorithm http://www.w3.org/2009/xmlenc11#rsa-oaep not supported");
        }
    }

    @Test
    void givenTheSpAsksForLevel4ThenTheSimulatedIdCardLogsInAndTheSpSeesHoch(ServicekontoServer server) {
        try (NodeSamlSp sp = registeredAndStarted(server, "STORK-QAA-Level-4")) {
            BrowserlessClient browser = new BrowserlessClient();
            HttpResponse<String> eidPage = FrontChannel.follow(browser, browser.navigate(sp.protectedPage()));
            assertThat(EidLogin.isEidPage(eidPage)).as(eidPage.body() + sp.log()).isTrue();

            HttpResponse<String> answer = FrontChannel.follow(browser, EidLogin.readCardAndConfirm(browser, eidPage, "erika"));
            HttpResponse<String> page = FrontChannel.throughSaml(browser, answer);

            assertThat(NodeSamlSp.isSignedIn(page)).as(page.body() + sp.log()).isTrue();
            assertThat(NodeSamlSp.shown(page, "trust-level")).contains("STORK-QAA-Level-4");
            assertThat(NodeSamlSp.shown(page, "authn-context")).contains("STORK-QAA-Level-4");
            assertThat(NodeSamlSp.shown(page, "encrypted")).contains("ja");
        }
    }

    @Test
    void givenTheSpLogsOutThenTheServersSessionEndsAndTheNextLoginAsksForThePasswordAndGivesTheSameNameId(
            ServicekontoServer server) {
        try (NodeSamlSp sp = registeredAndStarted(server, "STORK-QAA-Level-1")) {
            BrowserlessClient browser = new BrowserlessClient();
            String username = Citizens.erikaLike(server, "node-saml-slo");
            HttpResponse<String> first = passwordLogin(browser, sp, username);
            assertThat(NodeSamlSp.isSignedIn(first)).as(first.body() + sp.log()).isTrue();
            String userId = RelyingParties.userId(server, username);
            assertThat(RelyingParties.sessions(server, userId)).isEqualTo(1);

            // node-saml's LogoutRequest (redirect binding, signed) to us, our LogoutResponse (POST) back to the SP.
            HttpResponse<String> afterLogout = FrontChannel.throughSaml(browser, browser.navigate(sp.logout()));

            assertThat(afterLogout.body()).as(afterLogout.body() + sp.log()).contains("abgemeldet");
            assertThat(sp.log()).contains("the IdP's LogoutResponse confirmed the logout");
            assertThat(RelyingParties.sessions(server, userId)).as(sp.log()).isZero();
            // No session left at the SP nor here: the next visit asks for the password, and the NameID is stable.
            HttpResponse<String> again = passwordLogin(browser, sp, username);
            assertThat(NodeSamlSp.shown(again, "name-id")).as(again.body() + sp.log())
                    .isEqualTo(NodeSamlSp.shown(first, "name-id"));
        }
    }

    @Test
    void givenTheCitizenLogsOutHereThenTheServerSendsTheSpALogoutRequestThatEndsItsSession(ServicekontoServer server) {
        try (NodeSamlSp sp = registeredAndStarted(server, "STORK-QAA-Level-1")) {
            BrowserlessClient browser = new BrowserlessClient();
            String username = Citizens.erikaLike(server, "node-saml-idp-slo");
            assertThat(NodeSamlSp.isSignedIn(passwordLogin(browser, sp, username))).as(sp.log()).isTrue();
            // The SP's own session carries the next visit without asking us.
            assertThat(NodeSamlSp.isSignedIn(browser.navigate(sp.protectedPage()))).as(sp.log()).isTrue();
            String userId = RelyingParties.userId(server, username);

            // The citizen signs out at the Servicekonto (its logout page, "Abmelden" confirmed): our front-channel
            // LogoutRequest (POST binding, signed) goes to the SP's SLO endpoint, its LogoutResponse comes back.
            HttpResponse<String> confirm = browser.navigate(
                    URI.create(server.realmUri() + "/protocol/openid-connect/logout"));
            HttpResponse<String> loggedOut = FrontChannel.throughSaml(browser, FrontChannel.submit(browser, confirm,
                    "form:has(input[name=session_code])", Map.of("confirmLogout", "Abmelden")));

            assertThat(loggedOut.statusCode()).as(loggedOut.body() + sp.log()).isEqualTo(200);
            assertThat(sp.log()).contains("the IdP's LogoutRequest ended 1 session(s)");
            assertThat(RelyingParties.sessions(server, userId)).isZero();
            HttpResponse<String> afterLogout = FrontChannel.follow(browser, browser.navigate(sp.protectedPage()));
            assertThat(FrontChannel.isPasswordPage(afterLogout)).as(afterLogout.body() + sp.log()).isTrue();
        }
    }

    @Test
    void givenFrontChannelLogoutOffThenRevokingTheAccountsSessionsHereEndsTheSpsSessionByBackChannel(
            ServicekontoServer server) {
        try (NodeSamlSp sp = registeredAndStarted(server, "STORK-QAA-Level-1")) {
            // Keycloak 26.7.3 sends a client with "Front channel logout" on (the default of an imported SP) no
            // back-channel LogoutRequest; the operator switches it off where logouts without a browser must reach it.
            JsonNode client = RelyingParties.client(server, sp.entityId());
            String clientPath = "/realms/" + ServicekontoServer.REALM + "/clients/" + client.path("id").asText();
            ((ObjectNode) client).put("frontchannelLogout", false);
            HttpResponse<String> updated = server.admin().put(clientPath, client);
            assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
            BrowserlessClient browser = new BrowserlessClient();
            String username = Citizens.erikaLike(server, "node-saml-bcl");
            assertThat(NodeSamlSp.isSignedIn(passwordLogin(browser, sp, username))).as(sp.log()).isTrue();
            String userId = RelyingParties.userId(server, username);

            // The operator's "Sign out" (admin API): no browser, so the server posts its LogoutRequest to the SP itself.
            HttpResponse<String> revoked = server.admin().post("/realms/" + ServicekontoServer.REALM + "/users/" + userId
                    + "/logout", Map.of());
            assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);

            assertThat(sp.log()).contains("the IdP's LogoutRequest ended 1 session(s)");
            HttpResponse<String> afterLogout = FrontChannel.follow(browser, browser.navigate(sp.protectedPage()));
            assertThat(FrontChannel.isPasswordPage(afterLogout)).as(afterLogout.body() + sp.log()).isTrue();
        }
    }

    /** Starts the SP, then registers it from nothing but the metadata it serves. */
    private static NodeSamlSp registeredAndStarted(ServicekontoServer server, String authnContextClassRef) {
        NodeSamlSp sp = NodeSamlSp.create();
        try {
            sp.start(RelyingParties.idpMetadata(server), authnContextClassRef);
            String metadata = sp.metadata();
            // What node-saml writes, plus the key transport its decrypter knows (sp.mjs, relying-parties.md).
            assertThat(metadata).contains("AuthnRequestsSigned=\"true\"")
                    .contains("<KeyDescriptor use=\"encryption\">")
                    .contains("<EncryptionMethod Algorithm=\"" + MGF1P + "\"/>")
                    .doesNotContain("xmlenc11#rsa-oaep\"");
            JsonNode client = RelyingParties.registerSaml(server, metadata);
            assertThat(client.path("clientId").asText()).isEqualTo(sp.entityId());
            assertThat(client.at("/attributes/sk.saml.encryption.profile").asText()).isEqualTo("compatible");
            assertThat(client.at("/attributes/saml.encrypt").asText()).isEqualTo("true");
            assertThat(client.at("/attributes/saml.client.signature").asText()).isEqualTo("true");
            return sp;
        } catch (RuntimeException | Error e) {
            sp.close();
            throw e;
        }
    }

    /** The SP's page, its signed AuthnRequest to us, our login page, the POST to its ACS, the page again. */
    private static HttpResponse<String> passwordLogin(BrowserlessClient browser, NodeSamlSp sp, String username) {
        HttpResponse<String> loginPage = FrontChannel.follow(browser, browser.navigate(sp.protectedPage()));
        assertThat(FrontChannel.isPasswordPage(loginPage)).as(loginPage.body() + sp.log()).isTrue();
        HttpResponse<String> autoPost = FrontChannel.password(browser, loginPage, username, Citizens.PASSWORD);
        assertThat(autoPost.body()).as(autoPost.body()).contains("SAMLResponse");
        return FrontChannel.throughSaml(browser, autoPost);
    }
}
