package de.servicekonto.eid;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What we store of the chip's RestrictedID (the card- and service-specific pseudonym): an HMAC-SHA256 under a realm
 * secret, never the value itself, so a copy of the database alone does not reveal or match pseudonyms.
 */
public final class Pseudonym {

    private static final String ALGORITHM = "HmacSHA256";
    /** Below this the key would be weaker than the hash. */
    static final int MIN_KEY_BYTES = 32;
    /** RestrictedIDs are 32-byte values; anything much longer is not one. */
    static final int MAX_RESTRICTED_ID_LENGTH = 256;

    private final SecretKeySpec key;

    public Pseudonym(byte[] realmSecret) {
        if (realmSecret == null || realmSecret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must have at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(realmSecret.clone(), ALGORITHM);
    }

    /** The keyed hash of a RestrictedID as the eID-Server returns it (hex), lower-case hex. */
    public String of(String restrictedIdHex) {
        if (restrictedIdHex == null || restrictedIdHex.isBlank() || restrictedIdHex.length() > MAX_RESTRICTED_ID_LENGTH) {
            throw new IllegalArgumentException("not a RestrictedID");
        }
        byte[] id;
        try {
            id = HexFormat.of().parseHex(restrictedIdHex.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a RestrictedID", e);
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(id));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
