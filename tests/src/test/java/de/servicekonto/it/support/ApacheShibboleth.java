package de.servicekonto.it.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Apache httpd with the Shibboleth SP 3 (Debian packages {@code libapache2-mod-shib}, {@code shibboleth-sp-utils}:
 * {@code mod_shib} in httpd, {@code shibd} beside it, xml-security-c underneath) as a real SAML service provider.
 * shibd runs in the foreground with this site's own {@code shibboleth2.xml} and its own socket; nothing under
 * /etc/shibboleth is changed. The key pair is made with openssl, as {@code shib-keygen} would (one key for signing
 * and encryption, so the SP's metadata has one {@code KeyDescriptor} without {@code use}). The site is registered
 * from the metadata the SP serves itself at {@code /Shibboleth.sso/Metadata}.
 *
 * <p>Missing packages skip the test with a notice; {@code SK_REQUIRE_SHIBBOLETH=true} (set by .ci/run) makes that a
 * failure.
 */
public final class ApacheShibboleth extends ApacheSite {

    private static final Path SHIBD = Path.of("/usr/sbin/shibd");
    private static final Path SHIB_CONFIG = Path.of("/etc/shibboleth");

    private Path protocols = SHIB_CONFIG.resolve("protocols.xml");

    private ApacheShibboleth() {
        super("shibboleth");
    }

    public static ApacheShibboleth create() {
        requireInstalled("Apache httpd with the Shibboleth SP", "apache2 and libapache2-mod-shib",
                "SK_REQUIRE_SHIBBOLETH", MODULES.resolve("mod_shib.so"), SHIBD,
                SHIB_CONFIG.resolve("protocols.xml"), SHIB_CONFIG.resolve("security-policy.xml"));
        ApacheShibboleth shibboleth = new ApacheShibboleth();
        run(shibboleth.dir, List.of("openssl", "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-days", "30",
                "-subj", "/CN=127.0.0.1", "-keyout", "sp-key.pem", "-out", "sp-cert.pem"));
        return shibboleth;
    }

    public String entityId() {
        return baseUri() + "/shibboleth";
    }

    /** What the SP serves at its metadata handler, as an operator downloads it. */
    public String metadata() {
        HttpResponse<String> metadata = new BrowserlessClient().get(baseUri().resolve("/Shibboleth.sso/Metadata"));
        if (metadata.statusCode() != 200) {
            throw new IllegalStateException("Shibboleth metadata: " + metadata.statusCode() + "\n" + log());
        }
        return metadata.body();
    }

    /** Shibboleth's logout handler: SAML single logout at the IdP, then back to the site's page. */
    public URI logout() {
        return baseUri().resolve("/Shibboleth.sso/Logout?return="
                + URLEncoder.encode(protectedPage().toString(), StandardCharsets.UTF_8));
    }

    /**
     * Before {@link #start}: the SP offers single logout over SOAP only (Debian's {@code protocols.xml} with the
     * logout service's HTTP-Redirect, HTTP-POST and HTTP-Artifact bindings removed), so its metadata declares only
     * {@code /Shibboleth.sso/SLO/SOAP}, as an SP does whose operator wants logout on the back channel.
     */
    public void offerSoapLogoutOnly() {
        String declared = read(SHIB_CONFIG.resolve("protocols.xml"));
        String soapOnly = declared.replaceAll("\\s*<Binding id=\"[^\"]+\" path=\"/SLO/(Redirect|POST|Artifact)\" */>", "");
        if (soapOnly.equals(declared) || !soapOnly.contains("path=\"/SLO/SOAP\"")) {
            throw new IllegalStateException("protocols.xml has not the logout bindings expected:\n" + declared);
        }
        write("protocols.xml", soapOnly);
        protocols = dir.resolve("protocols.xml");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts shibd (waiting for its socket) and httpd, trusting the IdP described by {@code idpMetadata} and
     * mapping {@code trustLevelAttribute} to the environment variable the page's header is filled from; with
     * {@code authnContextClassRef} (a STORK level) every AuthnRequest asks for that level.
     */
    public void start(String idpMetadata, String idpEntityId, String trustLevelAttribute,
                      Optional<String> authnContextClassRef) {
        write("idp.xml", idpMetadata);
        write("attribute-map.xml", """
                <Attributes xmlns="urn:mace:shibboleth:2.0:attribute-map">
                  <Attribute name="%s" id="TRUST_LEVEL"/>
                </Attributes>
                """.formatted(trustLevelAttribute));
        // The defaults assume TLS (handlerSSL, cookieProps="https"); this site is plain HTTP on loopback.
        write("shibboleth2.xml", """
                <SPConfig xmlns="urn:mace:shibboleth:3.0:native:sp:config" clockSkew="180">
                  <OutOfProcess logger="%4$s/console.logger"/>
                  <InProcess logger="%4$s/console.logger"/>
                  <UnixListener address="%1$s/shibd.sock"/>
                  <RequestMapper type="Native">
                    <RequestMap>
                      <Host name="127.0.0.1" port="%2$d" scheme="http" authType="shibboleth" requireSession="true"/>
                    </RequestMap>
                  </RequestMapper>
                  <ApplicationDefaults entityID="%3$s" REMOTE_USER="persistent-id">
                    <Sessions lifetime="3600" timeout="1800" relayState="ss:mem" checkAddress="false"
                              handlerSSL="false" cookieProps="http">
                      <SSO entityID="%5$s">SAML2</SSO>
                      <Logout>SAML2 Local</Logout>
                      <Handler type="MetadataGenerator" Location="/Metadata" signing="false"/>
                    </Sessions>
                    <Errors supportContact="root@localhost"/>
                    <MetadataProvider type="XML" validate="true" path="%1$s/idp.xml"/>
                    <AttributeExtractor type="XML" validate="true" reloadChanges="false" path="%1$s/attribute-map.xml"/>
                    <CredentialResolver type="File" key="%1$s/sp-key.pem" certificate="%1$s/sp-cert.pem"/>
                  </ApplicationDefaults>
                  <SecurityPolicyProvider type="XML" validate="true" path="%4$s/security-policy.xml"/>
                  <ProtocolProvider type="XML" validate="true" reloadChanges="false" path="%6$s"/>
                </SPConfig>
                """.formatted(dir, port, entityId(), SHIB_CONFIG, idpEntityId, protocols));
        Process shibd = startForeground(List.of(SHIBD.toString(), "-F", "-c", dir.resolve("shibboleth2.xml").toString(),
                "-p", dir.resolve("shibd.pid").toString(), "-w", "30"), "shibd.log");
        waitUntil(() -> Files.exists(dir.resolve("shibd.sock")), shibd, Duration.ofSeconds(60),
                "shibd does not listen on its socket");
        startHttpd(List.of("LoadModule mod_shib " + MODULES.resolve("mod_shib.so")), """
                ShibConfig %1$s/shibboleth2.xml
                <Location />
                  AuthType shibboleth
                  ShibRequestSetting requireSession 1
                  Require shib-session
                  %3$s
                  Header always set %2$s "%%{TRUST_LEVEL}e"
                </Location>
                """.formatted(dir, TRUST_LEVEL_HEADER,
                authnContextClassRef.map(level -> "ShibRequestSetting authnContextClassRef " + level).orElse("")));
    }
}
