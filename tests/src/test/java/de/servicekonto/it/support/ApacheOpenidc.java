package de.servicekonto.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Apache httpd with {@code mod_auth_openidc} (Debian packages {@code apache2}, {@code libapache2-mod-auth-openidc})
 * as a real OpenID Connect relying party, configured with nothing about the provider but its discovery URL, the
 * client id and the secret. The page answers with the header {@link #TRUST_LEVEL_HEADER} set from the ID token's
 * {@code acr} claim, which the module passes to the site as {@code OIDC_CLAIM_acr}. Sessions are kept in the
 * module's server-side cache, which is what lets a back-channel logout find and end them.
 *
 * <p>Missing packages skip the test with a notice; {@code SK_REQUIRE_OPENIDC=true} (set by .ci/run) makes that a
 * failure.
 */
public final class ApacheOpenidc extends ApacheSite {

    /** Our issuer, in the registering mode (the {@code issuer} of the discovery document). */
    private String issuer;

    private ApacheOpenidc() {
        super("openidc");
    }

    /** Picks the site's port, so its redirect URI is known before the client is registered. */
    public static ApacheOpenidc create() {
        requireInstalled("Apache httpd with mod_auth_openidc", "apache2 and libapache2-mod-auth-openidc",
                "SK_REQUIRE_OPENIDC", MODULES.resolve("mod_auth_openidc.so"));
        return new ApacheOpenidc();
    }

    /** The module's own endpoint: the redirect URI, and with {@code ?logout=backchannel} the back-channel logout. */
    public URI redirectUri() {
        return baseUri().resolve("/redirect_uri");
    }

    public URI backchannelLogoutUri() {
        return URI.create(redirectUri() + "?logout=backchannel");
    }

    /**
     * Starts httpd; {@code authRequestParams} (e.g. {@code acr_values=…}, URL-encoded) is added to every
     * authorization request when present.
     */
    public void start(URI discovery, String clientId, String clientSecret, Optional<String> authRequestParams) {
        startWith("""
                OIDCProviderMetadataURL %s
                OIDCClientID %s
                OIDCClientSecret %s
                """.formatted(discovery, clientId, clientSecret), authRequestParams);
    }

    /**
     * Starts httpd in the module's multi-provider mode, where it registers itself (OpenID Connect Dynamic Client
     * Registration): the folder {@code OIDCMetadataDir} holds our discovery document as
     * {@code <issuer>.provider} (as the site's operator downloads it) and {@code <issuer>.conf} with the
     * operator's initial access token as {@code registration_token}, and no {@code <issuer>.client}. At the first
     * login the module posts its client metadata to our registration endpoint with that token and keeps the answer
     * (client id and secret) as {@code <issuer>.client}.
     *
     * <p>mod_auth_openidc 2.4.12 asks for every response type and the grant {@code implicit} unless told
     * otherwise; {@code registration_endpoint_json} (merged over its request) narrows that to the code flow, which
     * is all our registration policy allows. {@code OIDCTokenBindingPolicy disabled} keeps a field out of the
     * request that Keycloak does not know.
     */
    public void startRegistering(URI discovery, String initialAccessToken, Optional<String> authRequestParams) {
        HttpResponse<String> metadata = new BrowserlessClient().get(discovery);
        if (metadata.statusCode() != 200) {
            throw new IllegalStateException("discovery " + discovery + ": " + metadata.statusCode() + " " + metadata.body());
        }
        issuer = Json.parse(metadata.body()).path("issuer").asText();
        try {
            Path metadataDir = Files.createDirectories(dir.resolve("metadata"));
            // The module (as www-data) writes the .client file here after registering.
            Files.setPosixFilePermissions(metadataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.writeString(metadataFile("provider"), metadata.body());
            Files.writeString(metadataFile("conf"), Json.write(Map.of(
                    "registration_token", initialAccessToken,
                    "client_name", "mod_auth_openidc " + port,
                    "registration_endpoint_json", Json.write(Map.of(
                            "response_types", List.of("code"),
                            "grant_types", List.of("authorization_code", "refresh_token"))))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Token binding (RFC 8471, which no browser implements any more) is "optional" by default, and the module
        // then registers id_token_token_binding_cnf, a field Keycloak 26.7.3 refuses as unknown (400).
        startWith("OIDCMetadataDir " + dir.resolve("metadata") + "\nOIDCTokenBindingPolicy disabled\n",
                authRequestParams);
    }

    /**
     * Where a login starts in multi-provider mode (a "login from a third party", OpenID Connect Core §4): the
     * issuer and the page to return to. The module's own provider list would do in production, but it derives
     * {@code https://…} issuers from the file names only, so it cannot offer our plain-http test server.
     */
    public URI loginUri() {
        return URI.create(redirectUri() + "?iss=" + URLEncoder.encode(issuer, StandardCharsets.UTF_8)
                + "&target_link_uri=" + URLEncoder.encode(protectedPage().toString(), StandardCharsets.UTF_8));
    }

    /** What the module stored after registering ({@code <issuer>.client}: our answer), empty before. */
    public Optional<JsonNode> registeredClient() {
        Path client = metadataFile("client");
        return Files.exists(client) ? Optional.of(Json.parse(read("metadata/" + client.getFileName()))) : Optional.empty();
    }

    /** The module's file name for the issuer: without scheme and trailing slash, URL-encoded (its metadata.c). */
    private Path metadataFile(String suffix) {
        String name = issuer.replaceFirst("^https?://", "").replaceFirst("/$", "");
        return dir.resolve("metadata").resolve(URLEncoder.encode(name, StandardCharsets.UTF_8) + "." + suffix);
    }

    private void startWith(String providerSettings, Optional<String> authRequestParams) {
        byte[] passphrase = new byte[24];
        new SecureRandom().nextBytes(passphrase);
        startHttpd(List.of("LoadModule auth_openidc_module " + MODULES.resolve("mod_auth_openidc.so")), """
                LogLevel info auth_openidc:debug
                %1$s
                OIDCRedirectURI %2$s
                OIDCCryptoPassphrase %3$s
                OIDCScope openid
                OIDCPKCEMethod S256
                OIDCSessionType server-cache
                OIDCCacheType shm
                %4$s
                <Location />
                  AuthType openid-connect
                  Require valid-user
                  Header always set %5$s "%%{OIDC_CLAIM_acr}e"
                </Location>
                """.formatted(providerSettings, redirectUri(), HexFormat.of().formatHex(passphrase),
                authRequestParams.map(params -> "OIDCAuthRequestParams " + params).orElse(""), TRUST_LEVEL_HEADER));
    }
}
