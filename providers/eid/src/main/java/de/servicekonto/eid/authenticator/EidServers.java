package de.servicekonto.eid.authenticator;

import de.servicekonto.eid.Pseudonym;
import de.servicekonto.eid.server.EidServer;
import de.servicekonto.eid.server.EidServerSettings;
import de.servicekonto.eid.server.SoapEidServerClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultStringSecret;

/**
 * The eID-Server clients of all realms, one per distinct configuration, so TLS contexts are built once and not per
 * login. A changed setting, secret or keystore file gives a new client; the old one is dropped.
 */
final class EidServers {

    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\.[A-Za-z0-9_.\\-]{1,200}}$");
    private static final int MAX_CACHED = 64;

    private final Map<String, EidServer> clients = new ConcurrentHashMap<>();

    /** The client for these settings; secrets are read from the realm's vault. */
    EidServer client(KeycloakSession session, EidSettings settings, Map<String, String> config) {
        char[] keyPassword = secret(session, config, EidSettings.KEYSTORE_PASSWORD).toCharArray();
        String trustPasswordText = secret(session, config, EidSettings.TRUSTSTORE_PASSWORD);
        String key = fingerprint(settings, new String(keyPassword), trustPasswordText);
        EidServer cached = clients.get(key);
        if (cached != null) {
            return cached;
        }
        KeyStore keys = EidServerSettings.loadKeyStore(settings.keyStore(), settings.keyStoreType(), keyPassword);
        KeyStore trust = EidServerSettings.loadKeyStore(settings.trustStore(), settings.keyStoreType(),
                trustPasswordText.toCharArray());
        EidServer client = new SoapEidServerClient(EidServerSettings.of(settings.serverUrl(), keys, keyPassword, trust));
        if (clients.size() >= MAX_CACHED) {
            clients.clear();
        }
        clients.put(key, client);
        return client;
    }

    /** The realm's pseudonym hasher; the key comes from the vault only. */
    static Pseudonym pseudonym(KeycloakSession session, Map<String, String> config) {
        return new Pseudonym(secret(session, config, EidSettings.PSEUDONYM_KEY).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A secret setting. Only vault references ({@code ${vault.name}}) are accepted, so no secret is kept in the
     * realm's database or export.
     */
    static String secret(KeycloakSession session, Map<String, String> config, String name) {
        String reference = config.get(name);
        if (reference == null || !VAULT_REFERENCE.matcher(reference.strip()).matches()) {
            throw new IllegalArgumentException(name + " must be a vault reference such as ${vault.sk-eid-secret}");
        }
        try (VaultStringSecret secret = session.vault().getStringSecret(reference.strip())) {
            return secret.get().orElseThrow(() -> new IllegalArgumentException(name + ": the vault has no such secret"));
        }
    }

    private static String fingerprint(EidSettings settings, String keyPassword, String trustPassword) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {settings.serverUrl().toString(), settings.keyStore().toString(),
                    settings.keyStoreType(), String.valueOf(settings.trustStore()), keyPassword, trustPassword,
                    modified(settings.keyStore()), modified(settings.trustStore())}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String modified(java.nio.file.Path file) {
        try {
            return Files.getLastModifiedTime(file).toString();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file.getFileName(), e);
        }
    }
}
