package de.servicekonto.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.servicekonto.it.support.ApacheOpenidc;
import de.servicekonto.it.support.ApacheSite;
import de.servicekonto.it.support.BrowserlessClient;
import de.servicekonto.it.support.Citizens;
import de.servicekonto.it.support.EidLogin;
import de.servicekonto.it.support.FrontChannel;
import de.servicekonto.it.support.Http;
import de.servicekonto.it.support.Json;
import de.servicekonto.it.support.RelyingParties;
import de.servicekonto.it.support.ServicekontoServer;
import de.servicekonto.it.support.ServicekontoServerTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Apache {@code mod_auth_openidc} as a real OpenID Connect relying party, configured with our discovery URL, its
 * client id and secret and nothing else. The client is created by the operator through the admin API with only its
 * redirect URI (and, for the logout test, its back-channel logout URL), or the module registers itself with the
 * initial access token the operator issued (issue #17), as relying-parties.md describes; the realm has no anonymous
 * dynamic client registration, each portal is the operator's decision.
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

    /**
     * Issue #17: the operator hands out a one-time initial access token and nothing else; the site registers itself
     * from its own client metadata, and the client it gets is what the registration policies allow.
     */
    @Test
    void givenOnlyAnInitialAccessTokenThenTheSiteRegistersItselfAndPasswordLoginReachesItWithAcrNiedrig(
            ServicekontoServer server) {
        try (ApacheOpenidc site = ApacheOpenidc.create()) {
            String token = initialAccessToken(server);
            site.startRegistering(discovery(server), token, Optional.empty());
            assertThat(site.registeredClient()).isEmpty();
            BrowserlessClient browser = new BrowserlessClient();

            HttpResponse<String> loginPage = FrontChannel.follow(browser, browser.navigate(site.loginUri()));
            assertThat(FrontChannel.isPasswordPage(loginPage)).as(loginPage.body() + site.log()).isTrue();
            HttpResponse<String> page = FrontChannel.password(browser, loginPage,
                    Citizens.erikaLike(server, "openidc-reg"), Citizens.PASSWORD);

            assertThat(page.statusCode()).as(page.body() + site.log()).isEqualTo(200);
            assertThat(page.body()).contains("angemeldet");
            assertThat(page.headers().firstValue(ApacheSite.TRUST_LEVEL_HEADER)).as(site.log()).contains(LOW);
            String clientId = site.registeredClient().orElseThrow().path("client_id").asText();
            JsonNode client = RelyingParties.client(server, clientId);
            assertThat(client.path("redirectUris")).extracting(JsonNode::asText)
                    .containsExactly(site.redirectUri().toString());
            assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
            assertThat(client.path("publicClient").asBoolean()).isFalse();
            for (String off : List.of("implicitFlowEnabled", "directAccessGrantsEnabled", "serviceAccountsEnabled",
                    "fullScopeAllowed")) {
                assertThat(client.path(off).asBoolean()).as(off + " in " + client).isFalse();
            }
            assertThat(client.path("protocolMappers").size()).as(client.toString()).isZero();
            assertThat(defaultScopes(server, client)).contains("acr", "basic", "sk-stammdaten", "sk-means");
            // The token was for one portal: it is spent.
            HttpResponse<String> again = register(token, REGISTRATION, Map.of("redirect_uris",
                    List.of("https://zweites-portal.example.de/callback")), server);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(401);
        }
    }

    /**
     * The registration policies refuse what a portal does not need (each with its reason for the developer), including
     * a scope the realm does not offer every portal, a registration without the operator's token is refused, and the
     * same token then still registers a portal that asks for no more than the code flow, which gets the realm's
     * default scopes although it named a {@code scope}, and cannot widen its grants later either.
     */
    @Test
    void givenRegistrationsAskingForMoreThanACodeFlowPortalThenThePoliciesRefuseEach(ServicekontoServer server) {
        String token = initialAccessToken(server);
        List<String> redirect = List.of("https://portal.example.de/callback");

        HttpResponse<String> serviceAccount = register(token, REGISTRATION, Map.of("redirect_uris", redirect,
                "grant_types", List.of("authorization_code", "client_credentials")), server);
        HttpResponse<String> implicit = register(token, REGISTRATION, Map.of("redirect_uris", redirect,
                "response_types", List.of("code", "id_token token"), "grant_types", List.of("authorization_code", "implicit")),
                server);
        HttpResponse<String> plainHttp = register(token, REGISTRATION, Map.of("redirect_uris",
                List.of("http://portal.example.de/callback")), server);
        String mapperClientId = "sk-mapper-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> mapper = register(token, "/clients-registrations/default", Map.of("clientId", mapperClientId,
                "redirectUris", redirect, "protocolMappers", List.of(Map.of("name", "rolle", "protocol", "openid-connect",
                        "protocolMapper", "oidc-hardcoded-claim-mapper", "config", Map.of("claim.name", "acr",
                                "claim.value", HIGH, "id.token.claim", "true")))), server);
        HttpResponse<String> postfachScope = register(token, REGISTRATION, Map.of("redirect_uris", redirect,
                "scope", "postfach:send"), server);
        HttpResponse<String> anonymous = register(null, REGISTRATION, Map.of("redirect_uris", redirect), server);

        assertThat(serviceAccount.statusCode()).as(serviceAccount.body()).isEqualTo(403);
        assertThat(serviceAccount.body()).contains("service account");
        assertThat(implicit.statusCode()).as(implicit.body()).isEqualTo(403);
        assertThat(implicit.body()).contains("implicit");
        assertThat(plainHttp.statusCode()).as(plainHttp.body()).isEqualTo(403);
        assertThat(plainHttp.body()).contains("http://portal.example.de/callback", "https");
        assertThat(mapper.statusCode()).as(mapper.body()).isEqualTo(403);
        assertThat(RelyingParties.client(server, mapperClientId).isMissingNode()).isTrue();
        assertThat(postfachScope.statusCode()).as(postfachScope.body()).isEqualTo(403);
        assertThat(anonymous.statusCode()).as(anonymous.body()).isIn(401, 403);

        HttpResponse<String> portal = register(token, REGISTRATION, Map.of("redirect_uris", redirect,
                "client_name", "Wohngeldstelle Musterstadt", "scope", "profile"), server);
        assertThat(portal.statusCode()).as(portal.body()).isEqualTo(201);
        JsonNode registered = Json.parse(portal.body());
        assertThat(registered.path("client_secret").asText()).isNotBlank();
        JsonNode client = RelyingParties.client(server, registered.path("client_id").asText());
        assertThat(defaultScopes(server, client)).contains("acr", "sk-stammdaten", "sk-means");

        // A later change with the registration access token (RFC 7592) meets the same rules.
        String clientId = registered.path("client_id").asText();
        HttpResponse<String> implicitLater = Http.send(HttpClient.newHttpClient(), HttpRequest.newBuilder(
                        URI.create(server.realmUri() + REGISTRATION + "/" + clientId))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + registered.path("registration_access_token").asText())
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("client_id", clientId, "redirect_uris", redirect,
                        "response_types", List.of("code", "id_token"), "grant_types",
                        List.of("authorization_code", "implicit"))))).build());
        assertThat(implicitLater.statusCode()).as(implicitLater.body()).isEqualTo(403);
        assertThat(implicitLater.body()).contains("implicit");
        assertThat(RelyingParties.client(server, clientId).path("implicitFlowEnabled").asBoolean()).isFalse();
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

    private static final String REGISTRATION = "/clients-registrations/openid-connect";

    private static URI discovery(ServicekontoServer server) {
        return URI.create(server.realmUri() + "/.well-known/openid-configuration");
    }

    /** What the operator issues (admin API "Initial access token"): good for one registration, for a day. */
    private static String initialAccessToken(ServicekontoServer server) {
        HttpResponse<String> created = server.admin().post("/realms/" + ServicekontoServer.REALM
                + "/clients-initial-access", Map.of("count", 1, "expiration", 86400));
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        String token = Json.parse(created.body()).path("token").asText();
        assertThat(token).isNotBlank();
        return token;
    }

    /** A registration request as a portal sends it, with the operator's token as bearer token ({@code null}: none). */
    private static HttpResponse<String> register(String token, String endpoint, Map<String, Object> metadata,
                                                 ServicekontoServer server) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.realmUri() + endpoint))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(metadata)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return Http.send(HttpClient.newHttpClient(), request.build());
    }

    private static List<String> defaultScopes(ServicekontoServer server, JsonNode client) {
        JsonNode scopes = server.admin().get("/realms/" + ServicekontoServer.REALM + "/clients/" + client.path("id").asText()
                + "/default-client-scopes");
        List<String> names = new ArrayList<>();
        scopes.forEach(scope -> names.add(scope.path("name").asText()));
        return names;
    }
}
