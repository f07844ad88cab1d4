package de.servicekonto.stammdaten;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pairwise pseudonymous identifiers (like BundID's bPK2): the same for one account at one portal every time,
 * unrelated between portals, and not computable without the realm's secret. HMAC-SHA256 over realm, account and
 * portal, with a purpose label so the key can serve other derivations too.
 */
public final class PairwiseIds {

    static final int MIN_KEY_BYTES = 32;
    private static final String PURPOSE = "servicekonto-pairwise-id-v1";

    private PairwiseIds() {
    }

    /** The identifier (base64url, 43 characters) of {@code userId} in {@code realmId} for the portal {@code audience}. */
    public static String of(byte[] key, String realmId, String userId, String audience) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (String part : new String[] {PURPOSE, realmId, userId, audience}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update((byte) (bytes.length >>> 8));
                mac.update((byte) bytes.length);
                mac.update(bytes);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
