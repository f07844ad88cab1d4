package de.servicekonto.onboarding;

import java.util.Map;

/**
 * What every SAML client of the realm gets, however it is created (admin console, admin API, realm file): a
 * persistent NameID unless one is set, and the algorithms of its encryption profile ({@value EncryptionProfile#ATTRIBUTE},
 * {@link EncryptionProfile#DEFAULT} for a new client that names neither a profile nor a key transport algorithm) in
 * Keycloak's own encryption settings.
 */
public final class SamlClientDefaults {

    private SamlClientDefaults() {
    }

    /**
     * Writes the defaults into a SAML client's attributes.
     *
     * @param created {@code true} when the client is being created: only then are a missing NameID format and
     *                profile filled in (an existing client keeps what its operator chose by hand)
     * @throws IllegalArgumentException when the attribute names no profile we know
     */
    public static void apply(Map<String, String> attributes, boolean created) {
        String named = attributes.get(EncryptionProfile.ATTRIBUTE);
        if (named == null || named.isBlank()) {
            if (!created) {
                return;
            }
            attributes.putIfAbsent(MetadataSettings.NAME_ID_FORMAT, "persistent");
            // Algorithms set by hand without a profile stay as they are.
            if (!attributes.containsKey(EncryptionProfile.KC_KEY_ALGORITHM)) {
                attributes.putAll(EncryptionProfile.DEFAULT.clientAttributes());
            }
            return;
        }
        EncryptionProfile profile = EncryptionProfile.byId(named.strip()).orElseThrow(() -> new IllegalArgumentException(
                EncryptionProfile.ATTRIBUTE + ": unknown encryption profile (known: bsi-tr-03116-4, compatible)"));
        if (created) {
            attributes.putIfAbsent(MetadataSettings.NAME_ID_FORMAT, "persistent");
        }
        attributes.putAll(profile.clientAttributes());
    }
}
