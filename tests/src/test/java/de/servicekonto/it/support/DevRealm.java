package de.servicekonto.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a local run adds to the imported realm and the image does not: the demo relying parties of
 * {@code realm-config/dev/demo-clients.json}, through the admin REST API's partial import, as run.sh does with
 * {@code kcadm.sh create partialImport}.
 */
public final class DevRealm {

    /** {@code ${SK_NAME:default}}: the tests take the defaults, as run.sh does without those variables set. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{SK_[A-Z_]+:([^}]*)}");

    private DevRealm() {
    }

    public static Path demoClientsFile() {
        return TestPaths.projectDir().resolve("realm-config/dev/demo-clients.json");
    }

    /** Adds the demo portals (OIDC {@code demo-portal} and the SAML demo client) to the realm servicekonto. */
    public static void addDemoClients(AdminClient admin) {
        String json;
        try {
            json = Files.readString(demoClientsFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher placeholder = PLACEHOLDER.matcher(json);
        String filled = placeholder.replaceAll(match -> Matcher.quoteReplacement(match.group(1)));
        HttpResponse<String> imported = admin.post("/realms/servicekonto/partialImport", Json.parse(filled));
        if (imported.statusCode() != 200) {
            throw new IllegalStateException("demo clients not added: " + imported.statusCode() + " " + imported.body());
        }
    }
}
