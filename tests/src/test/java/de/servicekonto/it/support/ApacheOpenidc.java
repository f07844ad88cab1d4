package de.servicekonto.it.support;

import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
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
        byte[] passphrase = new byte[24];
        new SecureRandom().nextBytes(passphrase);
        startHttpd(List.of("LoadModule auth_openidc_module " + MODULES.resolve("mod_auth_openidc.so")), """
                LogLevel info auth_openidc:debug
                OIDCProviderMetadataURL %1$s
                OIDCClientID %2$s
                OIDCClientSecret %3$s
                OIDCRedirectURI %4$s
                OIDCCryptoPassphrase %5$s
                OIDCScope openid
                OIDCPKCEMethod S256
                OIDCSessionType server-cache
                OIDCCacheType shm
                %6$s
                <Location />
                  AuthType openid-connect
                  Require valid-user
                  Header always set %7$s "%%{OIDC_CLAIM_acr}e"
                </Location>
                """.formatted(discovery, clientId, clientSecret, redirectUri(), HexFormat.of().formatHex(passphrase),
                authRequestParams.map(params -> "OIDCAuthRequestParams " + params).orElse(""), TRUST_LEVEL_HEADER));
    }
}
