package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EncryptedAssertions;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.OidcFlow;
import de.servicekonto.it.support.SamlFlow;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * A portal registers by metadata or the admin API alone and gets what it needs: the SP metadata read by our
 * converter (which must outrank Keycloak's under the same id), the realm's default scopes, the encryption profiles.
 */
@ServicekontoServerTest
class SamlOnboardingIT {

    private static final String CONVERTER = "/realms/servicekonto/client-description-converter";
    private static final String ACS = "http://localhost:8084/Shibboleth.sso/SAML2/POST";
    private static final String TRUST_LEVEL = "urn:oid:1.2.40.0.10.2.1.1.261.94";
    private static final String MEANS_USED = "urn:oid:1.3.6.1.4.1.25484.494450.2";
    private static final String PAIRWISE_ID = "urn:oid:1.3.6.1.4.1.25484.494450.3";
    private static final String ASSERTION = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    private static final String RSA_OAEP_11 = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    private static final String RSA_OAEP_MGF1P = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";

    /** Metadata as Shibboleth SP 3 writes it: one KeyDescriptor without {@code use}, for signing and encryption. */
    private static String shibbolethMetadata(String entityId, SamlFlow.SpCredentials sp, String spAttributes, String methods) {
        return """
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="%s">
                  <md:SPSSODescriptor %s protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <md:KeyDescriptor>
                      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
                      %s
                    </md:KeyDescriptor>
                    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s" index="1"/>
                  </md:SPSSODescriptor>
                </md:EntityDescriptor>""".formatted(entityId, spAttributes, sp.certificateBase64(), methods, ACS);
    }

    private static JsonNode convert(ServicekontoServer server, String metadata) {
        HttpResponse<String> converted = server.admin().postText(CONVERTER, "text/plain", metadata);
        assertThat(converted.statusCode()).as(converted.body()).isEqualTo(200);
        return Json.parse(converted.body());
    }

    /** Creates the client exactly as the converter returned it, as the admin console's "Import client" does. */
    private static JsonNode createAndRead(ServicekontoServer server, JsonNode client) {
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", client);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return server.admin().get("/realms/servicekonto/clients?clientId="
                + java.net.URLEncoder.encode(client.path("clientId").asText(), java.nio.charset.StandardCharsets.UTF_8)).path(0);
    }

    private static SamlFlow.SamlResponse login(ServicekontoServer server, String entityId, SamlFlow.SpCredentials signWith,
                                               String prefix) {
        SamlFlow flow = new SamlFlow(server.realmUri(), entityId, ACS, signWith);
        SamlFlow.SamlResponse response = flow.response(flow.login(flow.authnRequest("minimum", List.of("STORK-QAA-Level-1")),
                Citizens.erikaLike(server, prefix), Citizens.PASSWORD));
        assertThat(response.statusCode()).as(response.xml()).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        return response;
    }

    @Test
    void givenShibbolethMetadataWithKeyWithoutUseThenOurConverterImportsTheKeyForBothUsesAndTheSignedLoginCarriesOurAttributes(
            ServicekontoServer server) {
        String entityId = "https://portal-" + UUID.randomUUID() + ".example.test/shibboleth";
        SamlFlow.SpCredentials sp = SamlFlow.newCredentials("shibboleth-sp");

        JsonNode converted = convert(server, shibbolethMetadata(entityId, sp, "AuthnRequestsSigned=\"true\"", ""));

        // Keycloak 26.7.3's own converter ignores a KeyDescriptor without use: these prove ours answered.
        JsonNode attributes = converted.path("attributes");
        assertThat(attributes.path("saml.signing.certificate").asText()).isEqualTo(sp.certificateBase64());
        assertThat(attributes.path("saml.encryption.certificate").asText()).isEqualTo(sp.certificateBase64());
        assertThat(attributes.path("saml.client.signature").asText()).isEqualTo("true");
        assertThat(attributes.path("saml.encrypt").asText()).isEqualTo("true");
        assertThat(attributes.path("sk.saml.encryption.profile").asText()).isEqualTo("bsi-tr-03116-4");

        JsonNode client = createAndRead(server, converted);
        assertThat(client.at("/attributes/saml.encryption.keyAlgorithm").asText()).isEqualTo(RSA_OAEP_11);
        assertThat(client.at("/attributes/saml_name_id_format").asText()).isEqualTo("persistent");

        SamlFlow.SamlResponse response = login(server, entityId, sp, "shib");
        assertThat(response.document().getElementsByTagNameNS(ASSERTION, "Assertion").getLength())
                .as("only an encrypted assertion").isZero();
        EncryptedAssertions.Decrypted decrypted = EncryptedAssertions.decrypt(response, sp.privateKey());
        assertThat(decrypted.keyTransport()).isEqualTo(RSA_OAEP_11);
        assertThat(decrypted.digest()).isEqualTo("http://www.w3.org/2001/04/xmlenc#sha256");
        assertThat(decrypted.maskGeneration()).isEqualTo("http://www.w3.org/2009/xmlenc11#mgf1sha256");
        SamlFlow.SamlResponse assertion = decrypted.assertion();
        assertThat(assertion.authnContextClassRef()).contains("STORK-QAA-Level-1");
        assertThat(assertion.attributeValues(TRUST_LEVEL)).containsExactly("STORK-QAA-Level-1");
        assertThat(assertion.attributeValues(MEANS_USED)).containsExactly("Benutzername");
        assertThat(assertion.attributeValues(PAIRWISE_ID)).hasSize(1);
        Element nameId = (Element) assertion.document().getElementsByTagNameNS(ASSERTION, "NameID").item(0);
        assertThat(nameId.getAttribute("Format")).isEqualTo(PERSISTENT);
    }

    @Test
    void givenMetadataWithoutAuthnRequestsSignedThenAnUnsignedRequestIsAccepted(ServicekontoServer server) {
        String entityId = "https://unsigned-" + UUID.randomUUID() + ".example.test/sp";
        SamlFlow.SpCredentials sp = SamlFlow.newCredentials("unsigned-sp");

        JsonNode converted = convert(server, shibbolethMetadata(entityId, sp, "", ""));

        assertThat(converted.at("/attributes/saml.client.signature").asText()).isEqualTo("false");
        assertThat(createAndRead(server, converted).at("/attributes/saml.client.signature").asText()).isEqualTo("false");
        SamlFlow.SamlResponse response = login(server, entityId, null, "unsigned");
        SamlFlow.SamlResponse assertion = EncryptedAssertions.decrypt(response, sp.privateKey()).assertion();
        assertThat(assertion.attributeValues(TRUST_LEVEL)).containsExactly("STORK-QAA-Level-1");
    }

    @Test
    void givenEncryptionMethodRsaOaepMgf1pThenTheCompatibleProfileIsStoredAndUsed(ServicekontoServer server) {
        String entityId = "https://mellon-" + UUID.randomUUID() + ".example.test/metadata";
        SamlFlow.SpCredentials sp = SamlFlow.newCredentials("mellon-sp");
        String methods = "<md:EncryptionMethod Algorithm=\"" + RSA_OAEP_MGF1P + "\"/>";

        JsonNode client = createAndRead(server, convert(server, shibbolethMetadata(entityId, sp, "AuthnRequestsSigned=\"true\"", methods)));

        assertThat(client.at("/attributes/sk.saml.encryption.profile").asText()).isEqualTo("compatible");
        assertThat(client.at("/attributes/saml.encryption.keyAlgorithm").asText()).isEqualTo(RSA_OAEP_MGF1P);
        assertThat(client.at("/attributes/saml.encryption.digestMethod").asText()).isEqualTo("http://www.w3.org/2000/09/xmldsig#sha1");
        EncryptedAssertions.Decrypted decrypted = EncryptedAssertions.decrypt(login(server, entityId, sp, "mellon"), sp.privateKey());
        assertThat(decrypted.keyTransport()).isEqualTo(RSA_OAEP_MGF1P);
        assertThat(decrypted.dataEncryption()).isEqualTo("http://www.w3.org/2009/xmlenc11#aes256-gcm");
        assertThat(decrypted.assertion().attributeValues(TRUST_LEVEL)).containsExactly("STORK-QAA-Level-1");
    }

    @Test
    void givenMetadataWithADoctypeOrAPromiseToSignWithoutKeyOrAScriptLogoutUrlThenTheConverterAnswers400(ServicekontoServer server) {
        SamlFlow.SpCredentials sp = SamlFlow.newCredentials("bad-sp");
        String xxe = "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + shibbolethMetadata("https://bad.example.test/sp", sp, "", "");
        assertThat(server.admin().postText(CONVERTER, "text/plain", xxe).statusCode()).isEqualTo(400);

        String noSigningKey = shibbolethMetadata("https://bad.example.test/sp", sp, "AuthnRequestsSigned=\"true\"", "")
                .replace("<md:KeyDescriptor>", "<md:KeyDescriptor use=\"encryption\">");
        HttpResponse<String> refused = server.admin().postText(CONVERTER, "text/plain", noSigningKey);
        assertThat(refused.statusCode()).isEqualTo(400);

        // A logout endpoint the browser would be sent to, or the server would call, must be a web address.
        String scriptLogout = shibbolethMetadata("https://bad.example.test/sp", sp, "", "")
                .replace("    <md:AssertionConsumerService", "    <md:SingleLogoutService Binding="
                        + "\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"javascript:alert(1)\"/>\n"
                        + "    <md:AssertionConsumerService");
        assertThat(scriptLogout).contains("javascript:alert(1)");
        HttpResponse<String> scriptRefused = server.admin().postText(CONVERTER, "text/plain", scriptLogout);
        assertThat(scriptRefused.statusCode()).as(scriptRefused.body()).isEqualTo(400);
        // Nor plain http to another machine: our server would send the citizen's pairwise id there over SOAP.
        String plainSoap = shibbolethMetadata("https://bad.example.test/sp", sp, "", "")
                .replace("    <md:AssertionConsumerService", "    <md:SingleLogoutService Binding="
                        + "\"urn:oasis:names:tc:SAML:2.0:bindings:SOAP\" Location=\"http://sp.example.test/SLO/SOAP\"/>\n"
                        + "    <md:AssertionConsumerService");
        assertThat(plainSoap).contains("http://sp.example.test/SLO/SOAP");
        HttpResponse<String> plainRefused = server.admin().postText(CONVERTER, "text/plain", plainSoap);
        assertThat(plainRefused.statusCode()).as(plainRefused.body()).isEqualTo(400);
    }

    @Test
    void givenSamlClientCreatedByTheAdminApiAloneThenRealmDefaultsGiveOurAttributesPersistentNameIdAndTheProfile(
            ServicekontoServer server) {
        String entityId = "urn:test:admin-api-portal:" + UUID.randomUUID();
        SamlFlow.SpCredentials sp = SamlFlow.newCredentials("admin-api-sp");
        SamlFlow.registerPortal(server.admin(), entityId, sp, ACS, Map.of(), Map.of(), false);
        JsonNode client = server.admin().get("/realms/servicekonto/clients?clientId=" + entityId).path(0);
        assertThat(client.at("/attributes/saml_name_id_format").asText()).isEqualTo("persistent");
        assertThat(client.at("/attributes/sk.saml.encryption.profile").asText()).isEqualTo("bsi-tr-03116-4");
        assertThat(client.at("/attributes/saml.encryption.maskGenerationFunction").asText())
                .isEqualTo("http://www.w3.org/2009/xmlenc11#mgf1sha256");

        SamlFlow.SamlResponse response = login(server, entityId, sp, "admin-api");

        // Unencrypted (no encryption key registered): the attributes are in the clear, each exactly once.
        assertThat(response.attributeValues(TRUST_LEVEL)).containsExactly("STORK-QAA-Level-1");
        assertThat(response.attributeValues(PAIRWISE_ID)).hasSize(1);
        Element nameId = (Element) response.document().getElementsByTagNameNS(ASSERTION, "NameID").item(0);
        assertThat(nameId.getAttribute("Format")).isEqualTo(PERSISTENT);
    }

    @Test
    void givenProfileSetOrChangedThroughTheAdminApiThenKeycloaksSettingsFollowAndUnknownProfilesAreRefused(ServicekontoServer server) {
        String entityId = "urn:test:profile-portal:" + UUID.randomUUID();
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of("clientId", entityId,
                "protocol", "saml", "attributes", Map.of("sk.saml.encryption.profile", "compatible")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode client = server.admin().get("/realms/servicekonto/clients?clientId=" + entityId).path(0);
        assertThat(client.at("/attributes/saml.encryption.keyAlgorithm").asText()).isEqualTo(RSA_OAEP_MGF1P);

        Map<String, Object> changed = asMap(client);
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) changed.get("attributes");
        attributes.put("sk.saml.encryption.profile", "bsi-tr-03116-4");
        String path = "/realms/servicekonto/clients/" + client.path("id").asText();
        assertThat(server.admin().put(path, changed).statusCode()).isEqualTo(204);
        assertThat(server.admin().get(path).at("/attributes/saml.encryption.keyAlgorithm").asText()).isEqualTo(RSA_OAEP_11);

        attributes.put("sk.saml.encryption.profile", "aes-128-cbc");
        HttpResponse<String> refused = server.admin().put(path, changed);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("unknown encryption profile");
        assertThat(server.admin().get(path).at("/attributes/sk.saml.encryption.profile").asText()).isEqualTo("bsi-tr-03116-4");
    }

    @Test
    void givenOidcClientCreatedByTheAdminApiAloneThenItsTokensCarryAcrAndTheStammdatenClaims(ServicekontoServer server) {
        String clientId = "admin-api-oidc-" + UUID.randomUUID().toString().substring(0, 8);
        String redirect = "http://localhost:8084/callback";
        HttpResponse<String> created = server.admin().post("/realms/servicekonto/clients", Map.of("clientId", clientId,
                "protocol", "openid-connect", "publicClient", false, "secret", "secret-" + clientId,
                "redirectUris", List.of(redirect)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String username = Citizens.erikaLike(server, "oidc-defaults");
        JsonNode user = server.admin().get("/realms/servicekonto/users?exact=true&username=" + username).path(0);
        Map<String, Object> withBirthName = asMap(user);
        withBirthName.put("attributes", Map.of("birthdate", List.of("1964-08-12"), "birthName", List.of("Gabler")));
        assertThat(server.admin().put("/realms/servicekonto/users/" + user.path("id").asText(), withBirthName).statusCode())
                .isEqualTo(204);
        OidcFlow flow = new OidcFlow(server.realmUri(), clientId, "secret-" + clientId, redirect);

        JsonNode tokens = flow.exchange(flow.callback(flow.login(flow.authorize(Map.of()), username, Citizens.PASSWORD)).get("code"));

        JsonNode idToken = Json.jwtClaims(tokens.path("id_token").asText());
        assertThat(idToken.path("acr").asText()).isEqualTo("http://eidas.europa.eu/LoA/low");
        // birth_family_name comes only from our Stammdaten mapper (realm default scope sk-stammdaten), with profile.
        assertThat(idToken.path("birth_family_name").asText()).isEqualTo("Gabler");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JsonNode node) {
        return Json.MAPPER.convertValue(node, Map.class);
    }
}
