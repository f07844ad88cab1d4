package de.servicekonto.crypto.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.servicekonto.crypto.KekRing;
import java.lang.reflect.Proxy;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
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
