package de.servicekonto.it.support;

import static de.servicekonto.it.support.ServicekontoServer.DEMO_OIDC_REDIRECT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * A partner identity provider for brokered logins (another state's Servicekonto, an eIDAS connector): a second realm
 * on the shared server with a SAML client for our broker, registered in our realm as Keycloak's SAML identity
 * provider with the realm's broker flows, as the operator guide ("Accounts of other states") describes. Removed
 * with {@link #close}.
 */
public final class BrokeredPartner implements AutoCloseable {

    public static final String PASSWORD = "Partner-Passwort-2026";

    private final ServicekontoServer server;
    private final String realm;
    private final String alias;

    private BrokeredPartner(ServicekontoServer server, String realm, String alias) {
        this.server = server;
        this.realm = realm;
        this.alias = alias;
    }

    /** What the partner realm and our identity provider are made of; the rest is common to every partner. */
    public record Setup(String name, String displayName, Map<String, Object> realmExtras,
                        List<Map<String, Object>> clientMappers, Map<String, String> idpConfig,
                        List<Map<String, Object>> idpMappers, boolean trustEmail) {
    }

    public static BrokeredPartner register(ServicekontoServer server, Setup setup) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        BrokeredPartner partner = new BrokeredPartner(server, setup.name() + "-" + suffix, "sk-" + setup.name() + "-" + suffix);
        String ours = server.realmUri().toString();
        String acs = ours + "/broker/" + partner.alias + "/endpoint";
        Map<String, Object> realm = new LinkedHashMap<>(setup.realmExtras());
        realm.put("realm", partner.realm);
        realm.put("enabled", true);
        realm.put("clients", List.of(Map.of(
                "clientId", ours, "protocol", "saml", "enabled", true, "redirectUris", List.of(acs),
                "attributes", Map.of("saml.assertion.signature", "true", "saml.server.signature", "true",
                        "saml.client.signature", "false", "saml.authnstatement", "true",
                        "saml_name_id_format", "persistent", "saml.force.name.id.format", "true",
                        "saml_assertion_consumer_url_post", acs),
                "protocolMappers", setup.clientMappers())));
        HttpResponse<String> created = server.admin().post("/realms", realm);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        String certificate = StreamSupport.stream(server.admin().get("/realms/" + partner.realm + "/keys").path("keys")
                        .spliterator(), false)
                .filter(key -> "RS256".equals(key.path("algorithm").asText()) && key.hasNonNull("certificate"))
                .findFirst().orElseThrow().path("certificate").asText();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("idpEntityId", server.baseUri() + "/realms/" + partner.realm);
        config.put("singleSignOnServiceUrl", server.baseUri() + "/realms/" + partner.realm + "/protocol/saml");
        config.put("nameIDPolicyFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent");
        config.put("principalType", "SUBJECT");
        config.put("postBindingAuthnRequest", "true");
        config.put("postBindingResponse", "true");
        config.put("validateSignature", "true");
        config.put("wantAssertionsSigned", "true");
        config.put("signingCertificate", certificate);
        config.put("syncMode", "IMPORT");
        config.putAll(setup.idpConfig());
        HttpResponse<String> idp = server.admin().post("/realms/servicekonto/identity-provider/instances", Map.of(
                "alias", partner.alias, "displayName", setup.displayName(), "providerId", "saml", "enabled", true,
                "trustEmail", setup.trustEmail(), "firstBrokerLoginFlowAlias", "servicekonto-first-broker-login",
                "postBrokerLoginFlowAlias", "servicekonto-post-broker-login", "config", config));
        assertThat(idp.statusCode()).as(idp.body()).isEqualTo(201);
        List<Map<String, Object>> mappers = new ArrayList<>(setup.idpMappers());
        mappers.add(Map.of("name", "user name", "identityProviderMapper", "saml-username-idp-mapper",
                "config", Map.of("syncMode", "IMPORT", "template", "${ALIAS}.${NAMEID}")));
        for (Map<String, Object> mapper : mappers) {
            Map<String, Object> named = new LinkedHashMap<>(mapper);
            named.put("identityProviderAlias", partner.alias);
            HttpResponse<String> added = server.admin().post("/realms/servicekonto/identity-provider/instances/"
                    + partner.alias + "/mappers", named);
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        }
        return partner;
    }

    public String alias() {
        return alias;
    }

    public String realm() {
        return realm;
    }

    /** Changes one setting of our identity provider for the partner (admin API, as an operator would). */
    public void configure(String key, String value) {
        String path = "/realms/servicekonto/identity-provider/instances/" + alias;
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = Json.MAPPER.convertValue(server.admin().get(path), Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) changed.get("config");
        config.put(key, value);
        assertThat(server.admin().put(path, changed).statusCode()).isEqualTo(204);
    }

    /**
     * Adds a protocol mapper to the partner's client for our broker (what the partner puts into its assertions);
     * closing removes it again.
     */
    public AutoCloseable partnerMapper(Map<String, Object> mapper) {
        String clients = "/realms/" + realm + "/clients";
        String client = server.admin().get(clients + "?clientId=" + java.net.URLEncoder.encode(server.realmUri().toString(),
                java.nio.charset.StandardCharsets.UTF_8)).get(0).path("id").asText();
        HttpResponse<String> added = server.admin().post(clients + "/" + client + "/protocol-mappers/models", mapper);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String location = added.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        return () -> server.admin().delete(clients + "/" + client + "/protocol-mappers/models/" + id);
    }

    public Map<String, Object> config() {
        @SuppressWarnings("unchecked")
        Map<String, Object> config = Json.MAPPER.convertValue(server.admin()
                .get("/realms/servicekonto/identity-provider/instances/" + alias).path("config"), Map.class);
        return config;
    }

    /**
     * As a citizen goes: the portal's request, for more than niedrig the ID-card page first and "Ich habe schon ein
     * Servicekonto" on it, then the partner's button on our login page, the partner's password page, the login.
     */
    public HttpResponse<String> passwordAtPartner(OidcFlow flow, String acr, String who) {
        return passwordAtPartner(flow, requestToPartner(flow, acr), who);
    }

    /**
     * The portal's request, our login page, the partner's button: the page that posts our AuthnRequest to the
     * partner (the identity provider uses the POST binding), before it is sent.
     */
    public HttpResponse<String> requestToPartner(OidcFlow flow, String acr) {
        HttpResponse<String> first = FrontChannel.follow(flow.browser(), flow.authorize(Map.of("acr_values", acr)));
        HttpResponse<String> ours = EidLogin.isEidPage(first) ? EidLogin.choosePassword(flow.browser(), first) : first;
        assertThat(FrontChannel.isPasswordPage(ours)).as(ours.uri() + "\n" + ours.body()).isTrue();
        Element button = Jsoup.parse(ours.body(), ours.uri().toString()).selectFirst("a[href*=/broker/" + alias + "/login]");
        assertThat(button).as("the partner's button on " + ours.body()).isNotNull();
        HttpResponse<String> request = FrontChannel.follow(flow.browser(), flow.browser().navigate(URI.create(button.absUrl("href"))));
        assertThat(request.body()).as(request.body()).contains("name=\"SAMLRequest\"");
        return request;
    }

    /** The AuthnRequest on a page from {@link #requestToPartner}, parsed (POST binding: base64, not deflated). */
    public static org.w3c.dom.Document authnRequest(HttpResponse<String> page) {
        String encoded = Jsoup.parse(page.body()).selectFirst("input[name=SAMLRequest]").attr("value");
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(
                    java.util.Base64.getMimeDecoder().decode(encoded)));
        } catch (Exception e) {
            throw new AssertionError("AuthnRequest not readable: " + encoded, e);
        }
    }

    /**
     * From a page of {@link #requestToPartner}: the request sent, the partner's password page, the login; on a first
     * login the citizen agrees to the take-over of the partner's data ({@link #agree}).
     */
    public HttpResponse<String> passwordAtPartner(OidcFlow flow, HttpResponse<String> request, String who) {
        return agree(flow, loginAtPartner(flow, request, who));
    }

    /** Whether the page is ours asking to take over the partner's data (first login, {@code sk-broker-consent}). */
    public static boolean isConsentPage(HttpResponse<String> page) {
        return page.statusCode() == 200 && page.body().contains("id=\"sk-broker-consent-form\"");
    }

    /** On the consent page of a first login: "Zustimmen und Konto einrichten"; any other page as it is. */
    public static HttpResponse<String> agree(OidcFlow flow, HttpResponse<String> page) {
        return isConsentPage(page) ? untilPortalOrPage(flow, FrontChannel.submit(flow.browser(), page,
                "form#sk-broker-consent-form", Map.of("accept", "accept"))) : page;
    }

    /** As {@link #passwordAtPartner(OidcFlow, HttpResponse, String)}, stopping at the consent page of a first login. */
    public HttpResponse<String> loginAtPartner(OidcFlow flow, HttpResponse<String> request, String who) {
        HttpResponse<String> partnerPage = untilPortalOrPage(flow, request);
        assertThat(FrontChannel.isPasswordPage(partnerPage)).as(partnerPage.uri() + "\n" + partnerPage.body()).isTrue();
        assertThat(partnerPage.uri().toString()).contains("/realms/" + realm + "/");
        return untilPortalOrPage(flow, FrontChannel.submit(flow.browser(), partnerPage, "form#kc-form-login",
                Map.of("username", who, "password", PASSWORD)));
    }

    /** True if the page lists this partner's button (its broker login address). */
    public boolean offeredOn(HttpResponse<String> page) {
        return Jsoup.parse(page.body(), page.uri().toString()).selectFirst("a[href*=/broker/" + alias + "/login]") != null;
    }

    /**
     * The broker's login address for this partner with the login's own client, tab and session code, taken from the
     * page's form: what anyone can call without a button on the page.
     */
    public URI directLogin(HttpResponse<String> page) {
        Element form = Jsoup.parse(page.body(), page.uri().toString()).selectFirst("form[action*=/login-actions/]");
        assertThat(form).as("a form of the login on " + page.body()).isNotNull();
        String query = java.util.Arrays.stream(URI.create(form.absUrl("action")).getRawQuery().split("&"))
                .filter(part -> part.startsWith("client_id=") || part.startsWith("tab_id=")
                        || part.startsWith("session_code=") || part.startsWith("client_data="))
                .collect(java.util.stream.Collectors.joining("&"));
        return URI.create(server.realmUri() + "/broker/" + alias + "/login?" + query);
    }

    /**
     * From the broker's login address ({@link #directLogin} or a button's): the partner's password page, the login
     * there, back through our broker until the answer to the portal ({@code portal}: the start of its redirect URI or
     * assertion consumer service) or a page of ours.
     */
    public HttpResponse<String> passwordAtPartner(BrowserlessClient browser, URI brokerLogin, String who, String portal) {
        HttpResponse<String> partnerPage = untilPortalOrPage(browser, browser.navigate(brokerLogin), portal);
        assertThat(FrontChannel.isPasswordPage(partnerPage)).as(partnerPage.uri() + "\n" + partnerPage.body()).isTrue();
        assertThat(partnerPage.uri().toString()).contains("/realms/" + realm + "/");
        HttpResponse<String> back = untilPortalOrPage(browser, FrontChannel.submit(browser, partnerPage, "form#kc-form-login",
                Map.of("username", who, "password", PASSWORD)), portal);
        // A first login: the citizen agrees to the take-over of the partner's data.
        return isConsentPage(back) ? untilPortalOrPage(browser, FrontChannel.submit(browser, back,
                "form#sk-broker-consent-form", Map.of("accept", "accept")), portal) : back;
    }

    /** The ID token of a login that came back to the portal. */
    public static JsonNode idToken(OidcFlow flow, HttpResponse<String> back) {
        return Json.jwtClaims(flow.exchange(flow.callback(back).get("code")).path("id_token").asText());
    }

    /**
     * Follows redirects and sends the self-posting SAML forms (to the partner and back) until the redirect to the
     * portal or a page that is neither.
     */
    public static HttpResponse<String> untilPortalOrPage(OidcFlow flow, HttpResponse<String> response) {
        return untilPortalOrPage(flow.browser(), response, DEMO_OIDC_REDIRECT);
    }

    /**
     * As {@link #untilPortalOrPage(OidcFlow, HttpResponse)} for any portal: stops at a redirect to an address starting
     * with {@code portal}, or at the self-posting SAMLResponse form whose action does.
     */
    public static HttpResponse<String> untilPortalOrPage(BrowserlessClient browser, HttpResponse<String> response,
                                                         String portal) {
        HttpResponse<String> current = response;
        for (int i = 0; i < 20; i++) {
            if (current.statusCode() / 100 == 3) {
                String location = current.headers().firstValue("Location").orElseThrow();
                if (location.startsWith(portal)) {
                    return current;
                }
                current = browser.navigate(current.uri().resolve(location));
            } else if (current.statusCode() == 200 && (current.body().contains("name=\"SAMLResponse\"")
                    || current.body().contains("name=\"SAMLRequest\""))) {
                String selector = current.body().contains("SAMLResponse") ? "form:has(input[name=SAMLResponse])"
                        : "form:has(input[name=SAMLRequest])";
                Element form = Jsoup.parse(current.body(), current.uri().toString()).selectFirst(selector);
                if (form != null && form.absUrl("action").startsWith(portal)) {
                    return current;
                }
                current = FrontChannel.submit(browser, current, selector, Map.of());
            } else {
                return current;
            }
        }
        return current;
    }

    public static Map<String, Object> user(String username, String first, String last, String email, String birthdate) {
        Map<String, Object> user = new LinkedHashMap<>(Map.of("username", username, "enabled", true, "firstName", first,
                "lastName", last, "attributes", Map.of("birthdate", List.of(birthdate)),
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false))));
        if (email != null) {
            user.put("email", email);
            user.put("emailVerified", true);
        }
        return user;
    }

    public static Map<String, Object> hardcoded(String name, String attribute, String value) {
        return Map.of("name", name, "protocol", "saml", "protocolMapper", "saml-hardcode-attribute-mapper",
                "config", Map.of("attribute.name", attribute, "attribute.nameformat", "URI Reference",
                        "attribute.value", value));
    }

    public static Map<String, Object> property(String name, String property, String attribute) {
        return Map.of("name", name, "protocol", "saml", "protocolMapper", "saml-user-property-mapper",
                "config", Map.of("user.attribute", property, "attribute.name", attribute,
                        "attribute.nameformat", "URI Reference"));
    }

    public static Map<String, Object> attribute(String name, String userAttribute, String attribute) {
        return Map.of("name", name, "protocol", "saml", "protocolMapper", "saml-user-attribute-mapper",
                "config", Map.of("user.attribute", userAttribute, "attribute.name", attribute,
                        "attribute.nameformat", "URI Reference"));
    }

    /** Our side: the partner's attribute into the account's user attribute, once (sync mode Import). */
    public static Map<String, Object> importer(String name, String attribute, String userAttribute) {
        return Map.of("name", name, "identityProviderMapper", "saml-user-attribute-idp-mapper",
                "config", Map.of("syncMode", "IMPORT", "attribute.name", attribute, "user.attribute", userAttribute));
    }

    @Override
    public void close() {
        server.admin().delete("/realms/servicekonto/identity-provider/instances/" + alias);
        server.admin().delete("/realms/" + realm);
    }
}
