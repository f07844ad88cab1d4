package de.servicekonto.crypto.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.crypto.KekRing;
import java.lang.reflect.Proxy;
import java.nio.CharBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.vault.VaultCharSecret;
import org.keycloak.vault.VaultRawSecret;
import org.keycloak.vault.VaultStringSecret;
import org.keycloak.vault.VaultTranscriber;

class VaultKekRingTest {

    private static final String K1 = Base64.getEncoder().encodeToString(filled(1));
    private static final String K2 = Base64.getEncoder().encodeToString(filled(2));

    private final Map<String, String> vault = new HashMap<>();
    private final Map<String, CharBuffer> handedOut = new HashMap<>();

    @Test
    void givenVaultSecretThenRingWithFirstEntryCurrent() {
        vault.put("sk-postfach-kek", "k2:" + K2 + "\nk1:" + K1 + "\n");

        KekRing ring = VaultKekRing.read(session(), "${vault.sk-postfach-kek}");

        assertThat(ring.kids()).containsExactly("k2", "k1");
    }

    @Test
    void secretIsReadInCharFormAndClosedSoKeycloakCanOverwriteIt() {
        vault.put("sk-postfach-kek", "k1:" + K1);

        VaultKekRing.read(session(), "${vault.sk-postfach-kek}");

        // The fake overwrites on close, as Keycloak's DefaultVaultCharSecret does.
        assertThat(handedOut.get("sk-postfach-kek").array()).containsOnly('\0');
    }

    @Test
    void givenPlainValueInsteadOfVaultReferenceThenRefused() {
        assertThatThrownBy(() -> VaultKekRing.read(session(), "k1:" + K1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(K1);
        assertThatThrownBy(() -> VaultKekRing.read(session(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VaultKekRing.read(session(), "${vault.}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenMissingSecretThenClearError() {
        assertThatThrownBy(() -> VaultKekRing.read(session(), "${vault.sk-missing}")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no secret ${vault.sk-missing}");
    }

    @Test
    void givenMalformedSecretThenErrorNamesTheProblemButNotTheSecret() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[16]);
        vault.put("sk-postfach-kek", "k1:" + tooShort);

        assertThatThrownBy(() -> VaultKekRing.read(session(), "${vault.sk-postfach-kek}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes").hasMessageNotContaining(tooShort)
                .hasNoCause();
    }

    // --- the cache ---

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger reads = new AtomicInteger();
    private final VaultKekRing.Cache cache = new VaultKekRing.Cache(nanos::get, Duration.ofSeconds(10));

    private KekRing readCounting(String kid, int key) {
        reads.incrementAndGet();
        return KekRing.of(kid, filled(key));
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void givenARingReadLessThanItsLifetimeAgoThenTheVaultIsNotReadAgain() {
        assertThat(cache.get("r1/sk/${vault.kek}", () -> readCounting("k1", 1)).kids()).containsExactly("k1");
        advance(Duration.ofMillis(9_999));

        KekRing again = cache.get("r1/sk/${vault.kek}", () -> readCounting("k2", 2));

        assertThat(again.kids()).containsExactly("k1");
        assertThat(reads).hasValue(1);
    }

    @Test
    void givenTheLifetimeIsOverThenARotatedRingIsReadAndKept() {
        cache.get("r1/sk/${vault.kek}", () -> readCounting("k1", 1));
        advance(Duration.ofSeconds(10));

        assertThat(cache.get("r1/sk/${vault.kek}", () -> readCounting("k2", 2)).kids()).containsExactly("k2");
        advance(Duration.ofSeconds(5));
        assertThat(cache.get("r1/sk/${vault.kek}", () -> readCounting("k3", 3)).kids()).containsExactly("k2");
        assertThat(reads).hasValue(2);
    }

    @Test
    void givenAnotherKeyThenItsOwnRing() {
        cache.get("r1/sk/${vault.kek}", () -> readCounting("k1", 1));

        assertThat(cache.get("r2/other/${vault.kek}", () -> readCounting("k9", 9)).kids()).containsExactly("k9");
        assertThat(cache.get("r1/sk/${vault.kek}", () -> readCounting("k2", 2)).kids()).containsExactly("k1");
    }

    @Test
    void givenAFailedReadThenNothingIsKeptAndTheNextCallReadsAgain() {
        assertThatThrownBy(() -> cache.get("r1/sk/${vault.kek}", () -> {
            reads.incrementAndGet();
            throw new IllegalStateException("the vault has no secret ${vault.kek}");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(cache.get("r1/sk/${vault.kek}", () -> readCounting("k1", 1)).kids()).containsExactly("k1");
        assertThat(reads).hasValue(2);
    }

    @Test
    void givenAnExpiredRingThenARemovedSecretIsAnErrorNotTheOldRing() {
        cache.get("r1/sk/${vault.kek}", () -> readCounting("k1", 1));
        advance(Duration.ofSeconds(11));

        assertThatThrownBy(() -> cache.get("r1/sk/${vault.kek}", () -> {
            throw new IllegalStateException("the vault has no secret ${vault.kek}");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenTheSessionsRealmThenCachedReadsItsVaultOnceAndEachRealmItsOwn() {
        String first = "realm-" + UUID.randomUUID();
        String second = "realm-" + UUID.randomUUID();
        vault.put("sk-postfach-kek", "k1:" + K1);
        KekRing ring = VaultKekRing.cached(session(first), "${vault.sk-postfach-kek}");
        // Rotated in the vault: within the lifetime, the realm keeps its ring; another realm reads the vault.
        vault.put("sk-postfach-kek", "k2:" + K2 + ",k1:" + K1);

        assertThat(VaultKekRing.cached(session(first), "${vault.sk-postfach-kek}")).isSameAs(ring);
        assertThat(VaultKekRing.cached(session(second), "${vault.sk-postfach-kek}").kids()).containsExactly("k2", "k1");
        assertThatThrownBy(() -> VaultKekRing.cached(session(first), "k1:" + K1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(K1);
    }

    private KeycloakSession session(String realmName) {
        RealmModel realm = (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(),
                new Class<?>[] {RealmModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> "id-" + realmName;
                    case "getName" -> realmName;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        KeycloakContext context = (KeycloakContext) Proxy.newProxyInstance(KeycloakContext.class.getClassLoader(),
                new Class<?>[] {KeycloakContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getRealm")) {
                        return realm;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        KeycloakSession vaultOnly = session();
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> method.getName().equals("getContext")
                        ? context : method.invoke(vaultOnly, args));
    }

    private KeycloakSession session() {
        VaultTranscriber transcriber = new VaultTranscriber() {
            @Override
            public VaultRawSecret getRawSecret(String reference) {
                throw new UnsupportedOperationException();
            }

            @Override
            public VaultStringSecret getStringSecret(String reference) {
                throw new UnsupportedOperationException("keys are read in char form");
            }

            @Override
            public VaultCharSecret getCharSecret(String reference) {
                String name = reference.substring("${vault.".length(), reference.length() - 1);
                String value = vault.get(name);
                CharBuffer buffer = value == null ? null : CharBuffer.wrap(value.toCharArray());
                if (buffer != null) {
                    handedOut.put(name, buffer);
                }
                return new VaultCharSecret() {
                    @Override
                    public Optional<CharBuffer> get() {
                        return Optional.ofNullable(buffer);
                    }

                    @Override
                    public Optional<char[]> getAsArray() {
                        return get().map(CharBuffer::array);
                    }

                    @Override
                    public void close() {
                        if (buffer != null) {
                            Arrays.fill(buffer.array(), '\0');
                        }
                    }
                };
            }
        };
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(),
                new Class<?>[] {KeycloakSession.class}, (proxy, method, args) -> {
                    if (method.getName().equals("vault")) {
                        return transcriber;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
