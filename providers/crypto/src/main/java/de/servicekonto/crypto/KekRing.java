package de.servicekonto.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A realm's key-encryption keys (KEKs): 256-bit AES keys, each named by a key id (kid). The <em>current</em> key
 * wraps new data keys; the others only unwrap data keys wrapped before a rotation, until those are rewrapped.
 *
 * <p>The keys come from Keycloak's vault or keystore, never from the database, so a copy of the database alone
 * unwraps nothing. The vault secret's text form is read by {@link #parse(CharSequence)}:
 *
 * <pre>
 * kid:base64key[,kid:base64key...]
 * </pre>
 *
 * Entries are separated by commas or white space (line breaks in a vault file are fine). The <b>first entry is
 * current</b>. A kid is 1 to 32 of {@code A-Z a-z 0-9 . _ -}; a key is 32 bytes in standard base64 (for example
 * {@code openssl rand -base64 32}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the kids only; no message of this class contains key
 * material.
 */
public final class KekRing {

    public static final int KEY_BYTES = Gcm.KEY_BYTES;
    /** A ring holds a handful of keys during a rotation; many more means the secret is not what it should be. */
    static final int MAX_KEYS = 16;
    static final int MAX_KID_LENGTH = 32;
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_KID_LENGTH + "}");

    /** In order: the current key first. */
    private final Map<String, SecretKey> keys;

    private KekRing(Map<String, SecretKey> keys) {
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** A ring with one key, which is current. The key bytes are copied. */
    public static KekRing of(String kid, byte[] key) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        put(keys, kid, key);
        return new KekRing(keys);
    }

    /**
     * Reads a ring from its text form (see the class description). The text may be a {@link java.nio.CharBuffer}
     * from the vault; it is not copied into a {@link String}, so the caller can overwrite it afterwards.
     *
     * @throws IllegalArgumentException if the text is empty or malformed; the message names the entry, never its key
     */
    public static KekRing parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        int at = 0;
        int entry = 0;
        while (true) {
            while (at < text.length() && isSeparator(text.charAt(at))) {
                at++;
            }
            if (at == text.length()) {
                break;
            }
            int end = at;
            while (end < text.length() && !isSeparator(text.charAt(end))) {
                end++;
            }
            entry++;
            if (entry > MAX_KEYS) {
                throw new IllegalArgumentException("a key ring holds at most " + MAX_KEYS + " keys");
            }
            addEntry(keys, text, at, end, entry);
            at = end;
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the key ring is empty");
        }
        return new KekRing(keys);
    }

    /**
     * This ring with a new current key; the previous current key stays for unwrapping. This is the rotation step;
     * data keys are then {@link DataKeys#rewrap(String) rewrapped}.
     */
    public KekRing withCurrent(String kid, byte[] key) {
        Map<String, SecretKey> next = new LinkedHashMap<>();
        put(next, kid, key);
        next.putAll(keys);
        return new KekRing(next);
    }

    /** This ring with one more key for unwrapping only. */
    public KekRing withOlder(String kid, byte[] key) {
        Map<String, SecretKey> next = new LinkedHashMap<>(keys);
        put(next, kid, key);
        return new KekRing(next);
    }

    /** This ring without a retired key. The current key cannot be removed. */
    public KekRing without(String kid) {
        if (currentKid().equals(kid)) {
            throw new IllegalArgumentException("the current key cannot be removed");
        }
        Map<String, SecretKey> next = new LinkedHashMap<>(keys);
        next.remove(kid);
        return new KekRing(next);
    }

    /** The id of the key that wraps new data keys. */
    public String currentKid() {
        return keys.keySet().iterator().next();
    }

    /** All key ids, the current one first. */
    public List<String> kids() {
        return List.copyOf(keys.keySet());
    }

    public boolean contains(String kid) {
        return keys.containsKey(kid);
    }

    SecretKey currentKey() {
        return keys.get(currentKid());
    }

    SecretKey key(String kid) throws UnknownKeyException {
        SecretKey key = keys.get(kid);
        if (key == null) {
            throw new UnknownKeyException(kid);
        }
        return key;
    }

    @Override
    public String toString() {
        return "KekRing[current=" + currentKid() + ", kids=" + kids() + "]";
    }

    private static void addEntry(Map<String, SecretKey> keys, CharSequence text, int start, int end, int entry) {
        int colon = -1;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ':') {
                colon = i;
                break;
            }
        }
        if (colon < 0) {
            throw new IllegalArgumentException("entry " + entry + ": expected kid:base64key");
        }
        String kid = text.subSequence(start, colon).toString();
        if (!KID.matcher(kid).matches()) {
            // The text is not shown: a malformed entry may be a pasted key.
            throw new IllegalArgumentException("entry " + entry + ": the kid must be 1 to " + MAX_KID_LENGTH
                    + " of A-Z a-z 0-9 . _ -");
        }
        byte[] ascii = new byte[end - colon - 1];
        byte[] key = null;
        try {
            for (int i = 0; i < ascii.length; i++) {
                char c = text.charAt(colon + 1 + i);
                if (c > 0x7f) {
                    throw new IllegalArgumentException("entry " + entry + " (kid " + kid + "): the key is not base64");
                }
                ascii[i] = (byte) c;
            }
            try {
                key = Base64.getDecoder().decode(ascii);
            } catch (IllegalArgumentException e) {
                // Not chained: the decoder's message quotes the offending character of the key.
                throw new IllegalArgumentException("entry " + entry + " (kid " + kid + "): the key is not base64");
            }
            put(keys, kid, key);
        } finally {
            Arrays.fill(ascii, (byte) 0);
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    private static void put(Map<String, SecretKey> keys, String kid, byte[] key) {
        checkKid(kid);
        if (keys.containsKey(kid)) {
            throw new IllegalArgumentException("kid " + kid + " appears twice");
        }
        SecretKey aes = aesKey(key, "kid " + kid);
        for (Map.Entry<String, SecretKey> other : keys.entrySet()) {
            // The same key under two ids is a copy-and-paste mistake; it would make a rotation a no-op.
            if (MessageDigest.isEqual(other.getValue().getEncoded(), aes.getEncoded())) {
                throw new IllegalArgumentException("kid " + kid + " has the same key as kid " + other.getKey());
            }
        }
        keys.put(kid, aes);
    }

    private static String checkKid(String kid) {
        if (kid == null || !KID.matcher(kid).matches()) {
            throw new IllegalArgumentException("a kid must be 1 to " + MAX_KID_LENGTH + " of A-Z a-z 0-9 . _ -");
        }
        return kid;
    }

    private static SecretKey aesKey(byte[] key, String name) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException(name + ": a key-encryption key must have " + KEY_BYTES + " bytes (256 bit)");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static boolean isSeparator(char c) {
        return c == ',' || Character.isWhitespace(c);
    }
}
