package de.servicekonto.crypto.keycloak;

import de.servicekonto.crypto.KekRing;
import java.nio.CharBuffer;
import java.util.Optional;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.vault.VaultCharSecret;

/**
 * Reads a realm's {@link KekRing} from Keycloak's vault. The vault resolves names against the session's realm (the
 * file vault reads {@code <vault dir>/<realm>_<name>}), so the session's context realm must be set.
 *
 * <p>Only vault references ({@code ${vault.name}}) are accepted: Keycloak's vault transcriber returns any other text
 * unchanged, and a key-encryption key must never be a value in the realm's configuration or database.
 */
public final class VaultKekRing {

    /** The same form {@code DefaultVaultTranscriber} of Keycloak 26.7 recognises, with a bounded name. */
    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\.[A-Za-z0-9_.\\-]{1,200}}$");

    private VaultKekRing() {
    }

    /**
     * The ring in the vault secret {@code reference}, for example {@code ${vault.sk-postfach-kek}}.
     *
     * @throws IllegalArgumentException if {@code reference} is not a vault reference
     * @throws IllegalStateException    if the vault has no such secret or it is not a valid ring (the message names
     *                                  the problem, never the secret)
     */
    public static KekRing read(KeycloakSession session, String reference) {
        if (reference == null || !VAULT_REFERENCE.matcher(reference).matches()) {
            throw new IllegalArgumentException("the key ring must be a vault reference such as ${vault.sk-postfach-kek}");
        }
        // The char form: Keycloak overwrites its buffer on close, which a String cannot offer.
        try (VaultCharSecret secret = session.vault().getCharSecret(reference)) {
            Optional<CharBuffer> chars = secret.get();
            if (chars.isEmpty()) {
                throw new IllegalStateException("the vault has no secret " + reference);
            }
            try {
                return KekRing.parse(chars.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("vault secret " + reference + " is not a key ring: " + e.getMessage());
            }
        }
    }
}
