package de.servicekonto.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;

/**
 * A data key encrypted ("wrapped") with AES-256-GCM under one of the realm's key-encryption keys: the form in which
 * a {@link DataKeyStore} keeps it. Not secret without the ring, but bound to its owner: the realm id and owner id are
 * associated data, so a wrapped key copied to another owner's row does not unwrap there.
 *
 * <p>Why GCM and not AES key wrap (RFC 3394): key wrap takes no associated data, and the binding to the owner is the
 * point. A random 96-bit nonce per wrap keeps collisions negligible far beyond any realm's number of owners and
 * rotations (NIST SP 800-38D §8.3 bounds one key to 2^32 random nonces).
 *
 * <p>Serialised form, version 1 ({@link #toBytes()}):
 *
 * <pre>
 * 0x01 | kid length (1 byte, 1..32) | kid (ASCII) | nonce (12 bytes) | encrypted key and tag (32 + 16 bytes)
 * </pre>
 *
 * The GCM associated data is a fixed label, the header (version, kid length, kid) and the owner (realm id, owner id),
 * so neither the header nor the owner can be changed without failing.
 */
public final class WrappedDataKey {

    static final byte VERSION = 1;
    private static final byte[] LABEL = "servicekonto data key".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1," + KekRing.MAX_KID_LENGTH + "}");
    private static final int SEALED_BYTES = Gcm.KEY_BYTES + Gcm.TAG_BYTES;

    private final byte[] encoded;
    private final String kid;

    private WrappedDataKey(byte[] encoded, String kid) {
        this.encoded = encoded;
        this.kid = kid;
    }

    /** Wraps the key for this owner under the ring's current key. */
    public static WrappedDataKey wrap(DataKey key, KekRing ring, KeyOwner owner) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        String kid = ring.currentKid();
        byte[] header = header(kid);
        byte[] nonce = Gcm.random(Gcm.NONCE_BYTES);
        byte[] plain = key.bytes();
        try {
            Cipher cipher = Gcm.encryptor(ring.currentKey(), nonce, aad(header, owner));
            byte[] sealed = cipher.doFinal(plain);
            return new WrappedDataKey(Gcm.concat(header, nonce, sealed), kid);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The data key, for this owner only.
     *
     * @throws UnknownKeyException if the ring lacks the key it was wrapped with
     * @throws DecryptionException if it was changed, belongs to another owner or realm, or the ring's key of that id
     *                             is not the one it was wrapped with
     */
    public DataKey unwrap(KekRing ring, KeyOwner owner) throws DecryptionException {
        Objects.requireNonNull(owner, "owner");
        SecretKey kek = ring.key(kid);
        int headerLength = 2 + kid.length();
        byte[] header = Arrays.copyOfRange(encoded, 0, headerLength);
        byte[] nonce = Arrays.copyOfRange(encoded, headerLength, headerLength + Gcm.NONCE_BYTES);
        Cipher cipher = Gcm.decryptor(kek, nonce, aad(header, owner));
        byte[] plain = null;
        try {
            plain = cipher.doFinal(encoded, headerLength + Gcm.NONCE_BYTES, SEALED_BYTES);
            return DataKey.of(plain);
        } catch (AEADBadTagException e) {
            throw new DecryptionException("the wrapped data key does not open for this owner under key " + kid);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * The same data key wrapped under the ring's current key; this object itself if it already is. Content encrypted
     * with the data key stays as it is: rotation touches only the wrapped keys.
     */
    public WrappedDataKey rewrap(KekRing ring, KeyOwner owner) throws DecryptionException {
        if (kid.equals(ring.currentKid())) {
            return this;
        }
        return wrap(unwrap(ring, owner), ring, owner);
    }

    /** The id of the key-encryption key it is wrapped with (stored alongside, to find keys still to rewrap). */
    public String kid() {
        return kid;
    }

    public byte[] toBytes() {
        return encoded.clone();
    }

    public String toBase64() {
        return Base64.getEncoder().encodeToString(encoded);
    }

    /**
     * Reads the serialised form. Only the structure is checked here; whether it is authentic shows at
     * {@link #unwrap}.
     *
     * @throws DecryptionException if it is not a wrapped data key of a known version
     */
    public static WrappedDataKey fromBytes(byte[] bytes) throws DecryptionException {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < 2 || bytes[0] != VERSION) {
            throw new DecryptionException("not a wrapped data key of version " + VERSION);
        }
        int kidLength = bytes[1] & 0xff;
        if (kidLength < 1 || kidLength > KekRing.MAX_KID_LENGTH
                || bytes.length != 2 + kidLength + Gcm.NONCE_BYTES + SEALED_BYTES) {
            throw new DecryptionException("malformed wrapped data key");
        }
        String kid = new String(bytes, 2, kidLength, StandardCharsets.US_ASCII);
        if (!KID.matcher(kid).matches()) {
            throw new DecryptionException("malformed wrapped data key");
        }
        return new WrappedDataKey(bytes.clone(), kid);
    }

    public static WrappedDataKey fromBase64(String base64) throws DecryptionException {
        Objects.requireNonNull(base64, "base64");
        try {
            return fromBytes(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new DecryptionException("malformed wrapped data key (not base64)");
        }
    }

    private static byte[] header(String kid) {
        byte[] id = kid.getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[2 + id.length];
        header[0] = VERSION;
        header[1] = (byte) id.length;
        System.arraycopy(id, 0, header, 2, id.length);
        return header;
    }

    private static byte[] aad(byte[] header, KeyOwner owner) {
        return Gcm.concat(LABEL, header, AssociatedData.of(owner.realmId(), owner.ownerId()).encoded());
    }

    /** Equal when the serialised forms are equal (used by stores to replace a key only if it is unchanged). */
    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedDataKey that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "WrappedDataKey[kid=" + kid + "]";
    }
}
