package de.servicekonto.crypto.keycloak;

import de.servicekonto.crypto.KekRing;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultCharSecret;

/**
 * Reads a realm's {@link KekRing} from Keycloak's vault. The vault resolves names against the session's realm (the
 * file vault reads {@code <vault dir>/<realm>_<name>}), so the session's context realm must be set.
 *
 * <p>Only vault references ({@code ${vault.name}}) are accepted: Keycloak's vault transcriber returns any other text
 * unchanged, and a key-encryption key must never be a value in the realm's configuration or database.
 *
 * <p>Requests take the ring from {@link #cached}: reading the vault file on every Postfach or Dokumentensafe call cost
 * 1–2 % of a request's CPU (docs/benchmarks.md), and a ring changes only when an operator rotates it.
 */
public final class VaultKekRing {

    /**
     * How long {@link #cached} keeps a ring before reading the vault again: a rotated vault file is in use within
     * this time on every node (docs/crypto.md, "Rotating the KEK").
     */
    public static final Duration CACHE_LIFETIME = Duration.ofSeconds(10);

    /** The same form {@code DefaultVaultTranscriber} of Keycloak 26.7 recognises, with a bounded name. */
    private static final Pattern VAULT_REFERENCE = Pattern.compile("^\\$\\{vault\\.[A-Za-z0-9_.\\-]{1,200}}$");

    private static final Cache CACHE = new Cache(System::nanoTime, CACHE_LIFETIME);

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

    /**
     * The ring in the vault secret {@code reference} of the session's realm, as {@link #read} returns it, read at
     * most {@link #CACHE_LIFETIME} ago. A failed read is not kept: the next call reads the vault again.
     */
    public static KekRing cached(KeycloakSession session, String reference) {
        RealmModel realm = session.getContext().getRealm();
        if (realm == null) {
            throw new IllegalStateException("the key ring is read for the session's realm, and the session has none");
        }
        // The vault resolves names by the realm's name; the id keeps a new realm of an old name apart.
        return CACHE.get(realm.getId() + "/" + realm.getName() + "/" + reference, () -> read(session, reference));
    }

    /** Rings by key, each used until it is {@code lifetime} old; expired ones are dropped on the next read. */
    static final class Cache {

        private record Entry(KekRing ring, long readAt) {
        }

        private final LongSupplier nanoTime;
        private final long lifetimeNanos;
        private final Map<String, Entry> entries = new ConcurrentHashMap<>();

        Cache(LongSupplier nanoTime, Duration lifetime) {
            this.nanoTime = nanoTime;
            this.lifetimeNanos = lifetime.toNanos();
        }

        KekRing get(String key, Supplier<KekRing> reader) {
            long now = nanoTime.getAsLong();
            Entry entry = entries.get(key);
            if (entry != null && fresh(entry, now)) {
                return entry.ring();
            }
            // Expired rings hold keys an operator may have retired: do not keep them past their lifetime.
            entries.values().removeIf(old -> !fresh(old, now));
            // Two requests may both read the vault here; either ring is current, so no lock is worth it.
            KekRing ring = reader.get();
            entries.put(key, new Entry(ring, now));
            return ring;
        }

        private boolean fresh(Entry entry, long now) {
            return now - entry.readAt() < lifetimeNanos;
        }
    }
}
