package de.servicekonto.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Apache httpd with {@code mod_auth_mellon} (Debian packages {@code apache2}, {@code libapache2-mod-auth-mellon};
 * Lasso underneath) as a real SAML service provider. The SP's key pair and metadata come from mellon's own
 * {@code mellon_create_metadata}, as its operators make them. The whole site is protected; the page answers with
 * the header {@link #TRUST_LEVEL_HEADER} set from the environment variable mellon fills from our trust-level
 * attribute.
 *
 * <p>Missing packages skip the test with a notice; {@code SK_REQUIRE_MELLON=true} (set by .ci/run) makes that a
 * failure.
 */
public final class ApacheMellon extends ApacheSite {

    private static final Path CREATE_METADATA = Path.of("/usr/sbin/mellon_create_metadata");

    private final String entityId;

    private ApacheMellon() {
        super("mellon");
        this.entityId = baseUri() + "/mellon/metadata";
    }

    /** Creates the SP's key and metadata (not yet started: the IdP's metadata is needed first). */
    public static ApacheMellon create() {
        requireInstalled("Apache httpd with mod_auth_mellon", "apache2 and libapache2-mod-auth-mellon",
                "SK_REQUIRE_MELLON", MODULES.resolve("mod_auth_mellon.so"), CREATE_METADATA);
        ApacheMellon mellon = new ApacheMellon();
        run(mellon.dir, List.of(CREATE_METADATA.toString(), mellon.entityId, mellon.baseUri() + "/mellon"));
        // mellon_create_metadata names its files after the entity id.
        String stem = mellon.entityId.replaceAll("[^0-9A-Za-z.]", "_").replaceAll("__+", "_");
        try {
            Files.move(mellon.dir.resolve(stem + ".key"), mellon.dir.resolve("sp.key"));
            Files.move(mellon.dir.resolve(stem + ".cert"), mellon.dir.resolve("sp.cert"));
            Files.move(mellon.dir.resolve(stem + ".xml"), mellon.dir.resolve("sp.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mellon;
    }

    public String entityId() {
        return entityId;
    }

    public String metadata() {
        return read("sp.xml");
    }

    /** mellon's logout endpoint: SAML single logout at the IdP, then back to the site's page. */
    public URI logout() {
        return baseUri().resolve("/mellon/logout?ReturnTo="
                + URLEncoder.encode(protectedPage().toString(), StandardCharsets.UTF_8));
    }

    /**
     * Starts httpd with the IdP's metadata, asking for {@code authnContextClassRef} (a STORK level) in every
     * AuthnRequest.
     */
    public void start(String idpMetadata, String trustLevelAttribute, String authnContextClassRef) {
        write("idp.xml", idpMetadata);
        startHttpd(List.of("LoadModule auth_mellon_module " + MODULES.resolve("mod_auth_mellon.so")), """
                LogLevel info auth_mellon:debug
                <Location />
                  MellonEnable auth
                  AuthType Mellon
                  Require valid-user
                  MellonEndpointPath /mellon
                  MellonSPPrivateKeyFile %1$s/sp.key
                  MellonSPCertFile %1$s/sp.cert
                  MellonSPMetadataFile %1$s/sp.xml
                  MellonIdPMetadataFile %1$s/idp.xml
                  MellonSecureCookie Off
                  MellonAuthnContextClassRef %4$s
                  MellonSetEnvNoPrefix TRUST_LEVEL %2$s
                  Header always set %3$s "%%{TRUST_LEVEL}e"
                </Location>
                """.formatted(dir, trustLevelAttribute, TRUST_LEVEL_HEADER, authnContextClassRef));
    }
}
