package de.servicekonto.dokumentensafe;

import de.servicekonto.crypto.AssociatedData;
import de.servicekonto.crypto.ContentCipher;
import de.servicekonto.crypto.DataKey;
import de.servicekonto.crypto.DataKeyStore;
import de.servicekonto.crypto.DataKeys;
import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.crypto.KekRing;
import de.servicekonto.crypto.Rewrap;
import de.servicekonto.crypto.StreamCipher;
import de.servicekonto.rest.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * The safe's encryption convention (docs/crypto.md, docs/dokumentensafe.md). Each owner has a data key, wrapped by
 * the realm's key ring and kept with the safe; names and content are encrypted with it, and the associated data
 * binds each value to realm, owner, record and field, so a value copied to another row, field, safe or realm fails
 * authentication:
 * <ul>
 *   <li>a document's or folder's name: {@code sk-dokumentensafe, realm, owner, document|folder, id, "name"}, for a
 *   document above the lowest trust level followed by {@code "loa", level} ({@link SafeLevel});</li>
 *   <li>a document's content, as an ordered list of segments (each in the crypto module's stream format):
 *   {@code sk-dokumentensafe, realm, owner, "document", id, "content", index, "last"|"more"}. The index and the flag
 *   are part of the key each segment is encrypted with, so a segment moved to another position or document, a
 *   dropped final segment (the new final one was sealed "more") or a segment appended after the final one fails
 *   ({@link SafeContent}).</li>
 * </ul>
 */
public final class SafeCrypto {

    /**
     * The realm's key-encryption key ring: the one the Postfach uses too (docs/crypto.md), so an operator keeps and
     * rotates one vault secret per realm. Each owner's data key is the safe's own.
     */
    public static final String KEK_REFERENCE = "${vault.sk-postfach-kek}";
    private static final String DOMAIN = "sk-dokumentensafe";

    private final String realmId;
    private final DataKeyStore keyStore;
    private final Supplier<KekRing> ring;
    private DataKeys dataKeys;

    /** @param ring the realm's key ring, read on first use; throws {@link IllegalStateException} when there is none */
    public SafeCrypto(String realmId, DataKeyStore keyStore, Supplier<KekRing> ring) {
        this.realmId = realmId;
        this.keyStore = keyStore;
        this.ring = ring;
    }

    private DataKeys dataKeys() {
        if (dataKeys == null) {
            try {
                dataKeys = new DataKeys(realmId, ring.get(), keyStore);
            } catch (IllegalStateException e) {
                throw new ApiException(503, "temporarily_unavailable", "the Dokumentensafe is not configured in this realm");
            }
        }
        return dataKeys;
    }

    /** The owner's key, if the safe has one (none: nothing stored yet, or shredded). */
    Optional<DataKey> key(Owner owner) {
        try {
            return dataKeys().find(owner.keyOwner());
        } catch (DecryptionException e) {
            throw new IllegalStateException("data key of a safe does not unwrap (key ring incomplete?)", e);
        }
    }

    /** The owner's key, created with the first document or folder (the safe must exist). */
    DataKey keyForWriting(Owner owner) {
        try {
            return dataKeys().getOrCreate(owner.keyOwner());
        } catch (DecryptionException e) {
            throw new IllegalStateException("data key of a safe does not unwrap (key ring incomplete?)", e);
        }
    }

    /**
     * After a rotation of the realm's key ring: rewraps up to {@code limit} owners' data keys still wrapped with an
     * older key (content and names stay as they are). A realm without safes is not even asked for its ring.
     */
    Rewrap.Result rewrap(int limit) {
        return Rewrap.batch(realmId, keyStore, ring, limit);
    }

    String sealName(DataKey key, Owner owner, String record, String id, String name) {
        return sealName(key, owner, record, id, name, SafeLevel.LOWEST);
    }

    /** A document's name, bound to the level it needs ({@code minLoa}). */
    String sealName(DataKey key, Owner owner, String record, String id, String name, int minLoa) {
        return ContentCipher.encryptString(key, name, nameAad(owner, record, id, minLoa));
    }

    String openName(DataKey key, Owner owner, String record, String id, String nameEnc) {
        return openName(key, owner, record, id, nameEnc, SafeLevel.LOWEST);
    }

    String openName(DataKey key, Owner owner, String record, String id, String nameEnc, int minLoa) {
        try {
            return ContentCipher.decryptString(key, nameEnc, nameAad(owner, record, id, minLoa));
        } catch (DecryptionException | IllegalArgumentException e) {
            throw new ApiException(409, "content_integrity", "a stored name failed its integrity check (logged for the operator)");
        }
    }

    /** Encrypts one segment into {@code out}, refusing more than {@code maxBytes} while it streams; returns its size. */
    long encryptSegment(InputStream in, OutputStream out, DataKey key, Owner owner, String documentId, int index,
                        boolean last, long maxBytes, LongFunction<? extends RuntimeException> tooLarge) throws IOException {
        return StreamCipher.encryptBounded(in, out, key, segmentAad(owner, documentId, index, last), maxBytes, tooLarge);
    }

    /**
     * The lowest level keeps the associated data names had before levels existed (stored names stay readable); any
     * higher level is appended, so a row whose level was lowered in the database no longer authenticates.
     */
    private AssociatedData nameAad(Owner owner, String record, String id, int minLoa) {
        return minLoa <= SafeLevel.LOWEST
                ? AssociatedData.of(DOMAIN, realmId, owner.keyOwner(), record, id, "name")
                : AssociatedData.of(DOMAIN, realmId, owner.keyOwner(), record, id, "name", "loa", Integer.toString(minLoa));
    }

    AssociatedData segmentAad(Owner owner, String documentId, int index, boolean last) {
        return AssociatedData.of(DOMAIN, realmId, owner.keyOwner(), "document", documentId, "content",
                Integer.toString(index), last ? "last" : "more");
    }
}
