package de.servicekonto.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A municipality's tenant made as an operator makes one: the shipped command {@code bin/sk-tenant.sh} of the assembled
 * server against the shared server, with the new realm's vault secrets written first.
 */
public final class Tenants {

    private Tenants() {
    }

    /** Runs {@code sk-tenant.sh create} with {@code parameters}, the test server's address, vault and placeholders. */
    public static Script.Result command(ServicekontoServer server, String... parameters) {
        List<String> command = new ArrayList<>(List.of("bash",
                TestPaths.serverDir().resolve("bin/sk-tenant.sh").toString(), "create"));
        command.addAll(List.of(parameters));
        command.addAll(List.of("--server", server.baseUri().toString(), "--vault-dir", vault().toString()));
        Map<String, String> env = new HashMap<>();
        env.put("SK_ADMIN_USERNAME", ServicekontoServer.ADMIN_USERNAME);
        env.put("SK_ADMIN_PASSWORD", server.adminPassword());
        // The same placeholders the shared server's realm was imported with (ServicekontoServer).
        env.put("SK_SMTP_HOST", "127.0.0.1");
        env.put("SK_SMTP_PORT", String.valueOf(server.mail().getSmtp().getPort()));
        env.put("SK_EID_SERVER_URL", server.eid().serverUrl().toString());
        env.put("SK_EID_KEYSTORE", server.eid().spKeyStore().toString());
        env.put("SK_EID_TRUSTSTORE", server.eid().spTrustStore().toString());
        env.put("SK_EID_CLIENT_URL", server.eid().clientUrl().toString());
        // Each kcadm.sh call starts a JVM: minutes on a busy test machine.
        return Script.run(TestPaths.workDir(), env, Duration.ofMinutes(10), command.toArray(String[]::new));
    }

    /** The new realm's secrets, as an operator would add them before running the command. */
    public static void writeSecrets(ServicekontoServer server, String realm) throws IOException {
        for (String name : List.of("sk-postfach-kek", "sk-eid-keystore-password", "sk-eid-truststore-password",
                "sk-eid-pseudonym-key")) {
            Files.writeString(vault().resolve(realm + "_" + name), server.vaultSecret(name));
        }
    }

    private static Path vault() {
        return TestPaths.workDir().resolve("server").resolve("vault");
    }
}
