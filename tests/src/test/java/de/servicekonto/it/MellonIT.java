package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.ApacheMellon;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.FormElement;
import org.junit.jupiter.api.Test;

/**
 * Apache {@code mod_auth_mellon} (Lasso) as a real SAML SP: registered from the metadata mellon's own tool writes,
 * it logs a citizen in with a password through the real login pages and sees the trust level in the environment
 * mellon passes to the site; the encrypted assertion is decrypted by Lasso itself.
 */
@ServicekontoServerTest
class MellonIT {

    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String MGF1P = "<EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p\"/>";

    @Test
    void givenMellonsMetadataAskingForRsaOaepMgf1pThenPasswordLoginReachesTheSiteWithTheTrustLevel(ServicekontoServer server)
            throws Exception {
        try (ApacheMellon mellon = ApacheMellon.create()) {
            // What a mellon operator adds to the generated metadata (relying-parties.md, encryption profiles).
            String metadata = mellon.metadata().replace("<KeyDescriptor use=\"encryption\">\n",
                    "<KeyDescriptor use=\"encryption\">\n" + MGF1P + "\n");
            assertThat(metadata).contains(MGF1P);
            JsonNode client = register(server, metadata);
            assertThat(client.at("/attributes/sk.saml.encryption.profile").asText()).isEqualTo("compatible");
            assertThat(client.at("/attributes/saml.encrypt").asText()).isEqualTo("true");
            mellon.start(idpMetadata(server), TRUST_LEVEL);

            HttpResponse<String> site = login(server, mellon);

            assertThat(site.statusCode()).as(mellon.log()).isEqualTo(200);
            assertThat(site.body()).contains("angemeldet");
            assertThat(site.headers().firstValue(ApacheMellon.TRUST_LEVEL_HEADER)).as(mellon.log())
                    .contains("STORK-QAA-Level-1");
        }
    }

    private static JsonNode register(ServicekontoServer server, String metadata) {
        HttpResponse<String> converted = server.admin().postText("/realms/servicekonto/client-description-converter",
                "application/xml", metadata);
        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(200);
        JsonNode representation = Json.parse(converted.body());
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", representation);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return server.admin().get("/realms/servicekonto/clients?clientId="
                + java.net.URLEncoder.encode(representation.path("clientId").asText(), java.nio.charset.StandardCharsets.UTF_8)).path(0);
    }

    private static String idpMetadata(ServicekontoServer server) {
        HttpResponse<String> descriptor = new BrowserlessClient().get(URI.create(server.realmUri() + "/protocol/saml/descriptor"));
        assertThat(descriptor.statusCode()).isEqualTo(200);
        return descriptor.body();
    }

    /** The site, mellon's redirect to us, our login page, the POST back to mellon, the site again. */
    private static HttpResponse<String> login(ServicekontoServer server, ApacheMellon mellon) {
        BrowserlessClient browser = new BrowserlessClient();
        HttpResponse<String> loginPage = follow(browser, browser.get(mellon.protectedPage()));
        assertThat(loginPage.body()).as(mellon.log()).contains("kc-form-login");
        HttpResponse<String> autoPost = follow(browser, submit(browser, loginPage, "form#kc-form-login",
                Map.of("username", Citizens.erikaLike(server, "mellon"), "password", Citizens.PASSWORD)));
        assertThat(autoPost.body()).as(autoPost.body()).contains("SAMLResponse");
        return follow(browser, submit(browser, autoPost, "form:has(input[name=SAMLResponse])", Map.of()));
    }

    private static HttpResponse<String> follow(BrowserlessClient browser, HttpResponse<String> response) {
        HttpResponse<String> current = response;
        for (int i = 0; i < 10 && current.statusCode() / 100 == 3; i++) {
            String location = current.headers().firstValue("Location").orElseThrow();
            current = browser.get(current.uri().resolve(location));
        }
        return current;
    }

    private static HttpResponse<String> submit(BrowserlessClient browser, HttpResponse<String> page, String selector,
                                               Map<String, String> extra) {
        if (!(Jsoup.parse(page.body(), page.uri().toString()).selectFirst(selector) instanceof FormElement form)) {
            throw new IllegalStateException("no " + selector + " on " + page.uri() + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        form.formData().forEach(field -> fields.put(field.key(), field.value()));
        fields.putAll(extra);
        return browser.postForm(URI.create(form.absUrl("action")), fields);
    }
}
