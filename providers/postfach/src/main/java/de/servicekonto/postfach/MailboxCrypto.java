package de.servicekonto.postfach;

import de.servicekonto.crypto.AssociatedData;
import de.servicekonto.crypto.ContentCipher;
import de.servicekonto.crypto.DataKey;
import de.servicekonto.crypto.DataKeyStore;
import de.servicekonto.crypto.DataKeys;
import de.servicekonto.crypto.DecryptionException;
import de.servicekonto.crypto.KekRing;
import de.servicekonto.crypto.KeyOwner;
import de.servicekonto.crypto.Rewrap;
import de.servicekonto.crypto.StreamCipher;
import de.servicekonto.postfach.spi.StoredMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one home of the Postfach's encryption convention (docs/crypto.md). Every value stored for a mailbox is
 * encrypted under its owner's data key, wrapped by the realm's key ring; the associated data binds realm, owner,
 * record and field, so a value moved to another row, field, mailbox or realm fails authentication:
 * <ul>
 *   <li>message subject, body, sender name: {@link MessageContentAad} by the row's content format;</li>
 *   <li>an attachment's file name: {@code sk-postfach, realm, owner, attachment id, "filename"};</li>
 *   <li>an attachment's content (stream format): {@code sk-postfach, realm, owner, "attachment", id, "content"}.</li>
 * </ul>
 */
public final class MailboxCrypto {

    /** The realm's key-encryption key ring, a vault secret per realm (see docs/crypto.md). */
    public static final String KEK_REFERENCE = "${vault.sk-postfach-kek}";
    private static final Logger LOG = Logger.getLogger(MailboxCrypto.class);

    private final String realmId;
    private final String realmName;
    private final DataKeyStore keyStore;
    private final Supplier<KekRing> ring;
    private DataKeys dataKeys;
    /** Keys unwrapped in this request, by key owner: a send uses the sender's key twice (write, then view). */
    private final Map<String, DataKey> unwrapped = new HashMap<>();

    /**
     * @param ring the realm's key ring, read on first use; throws {@link IllegalStateException} when the realm has
     *             none (then every use but {@link #destroy} is a 503)
     */
    public MailboxCrypto(String realmId, String realmName, DataKeyStore keyStore, Supplier<KekRing> ring) {
        this.realmId = realmId;
        this.realmName = realmName;
        this.keyStore = keyStore;
        this.ring = ring;
    }

    /** Refuses (503) before anything is written when the realm has no key ring. */
    void requireKeyRing() {
        dataKeys();
    }

    private DataKeys dataKeys() {
        if (dataKeys == null) {
            KekRing kek;
            try {
                kek = ring.get();
            } catch (IllegalStateException e) {
                throw new PostfachException(503, "temporarily_unavailable", "the Postfach is not configured in this realm");
            }
            dataKeys = new DataKeys(realmId, kek, keyStore);
        }
        return dataKeys;
    }

    /** The owner's data key, if the owner has one (none: never written to, or shredded). */
    Optional<DataKey> key(Party owner) {
        DataKey known = unwrapped.get(owner.keyOwner());
        if (known != null) {
            return Optional.of(known);
        }
        try {
            Optional<DataKey> key = dataKeys().find(owner.keyOwner());
            key.ifPresent(k -> unwrapped.put(owner.keyOwner(), k));
            return key;
        } catch (DecryptionException e) {
            throw new IllegalStateException("data key of a mailbox does not unwrap (key ring incomplete?)", e);
        }
    }

    DataKey keyForWriting(Party owner) {
        DataKey known = unwrapped.get(owner.keyOwner());
        if (known != null) {
            return known;
        }
        try {
            DataKey key = dataKeys().getOrCreate(owner.keyOwner());
            unwrapped.put(owner.keyOwner(), key);
            return key;
        } catch (DecryptionException e) {
            throw new IllegalStateException("data key of a mailbox does not unwrap (key ring incomplete?)", e);
        }
    }

    // --- messages ---

    /** The row with its subject, body and sender name encrypted in the current content format. */
    StoredMessage seal(StoredMessage row, DataKey key, Party owner, String subject, String body, String senderName) {
        StoredMessage framed = withContent(row, null, null, null, MessageContentAad.CURRENT);
        return withContent(framed,
                ContentCipher.encryptString(key, senderName, messageAad(owner, framed, "senderName")),
                ContentCipher.encryptString(key, subject, messageAad(owner, framed, "subject")),
                ContentCipher.encryptString(key, body, messageAad(owner, framed, "body")),
                MessageContentAad.CURRENT);
    }

    /**
     * Decrypts a message's value with the associated data of the row's content format. A value that fails
     * authentication (a changed minimum level, notice flag or mailbox, or altered ciphertext) is a 409
     * {@code content_integrity}: nothing of the message is shown, and the log names the row, never content.
     */
    String open(DataKey key, StoredMessage row, Party owner, String field) {
        String value = switch (field) {
            case "subject" -> row.subjectEnc();
            case "body" -> row.bodyEnc();
            case "senderName" -> row.senderNameEnc();
            default -> throw new IllegalArgumentException("no such message field");
        };
        if (value == null && "body".equals(field)) {
            // A listing's row (read without its body) reached a reader of the body: a bug, not a changed row.
            throw new IllegalStateException("message " + row.id() + " was read without its body");
        }
        try {
            return ContentCipher.decryptString(key, value, messageAad(owner, row, field));
        } catch (DecryptionException | IllegalArgumentException e) {
            LOG.warnf("Postfach message %s of realm %s failed authentication (field %s): row or ciphertext changed",
                    row.id(), realmName, field);
            throw new PostfachException(409, "content_integrity",
                    "the stored content of this message failed its integrity check (logged for the operator)");
        }
    }

    private AssociatedData messageAad(Party owner, StoredMessage row, String field) {
        return MessageContentAad.of(MessageContentAad.formatOf(row.contentFormat()), realmId, owner.keyOwner(),
                row.id(), row.mailboxId(), row.minLoa(), row.notice(), field);
    }

    private static StoredMessage withContent(StoredMessage m, String senderNameEnc, String subjectEnc, String bodyEnc,
                                             Integer format) {
        return new StoredMessage(m.id(), m.realmId(), m.mailboxId(), m.messageRef(), m.threadId(), m.folder(),
                m.previousFolder(), m.deletedAt(), m.direction(), m.senderKind(), m.senderId(), m.recipientKind(),
                m.recipientId(), senderNameEnc, subjectEnc, bodyEnc, m.createdAt(), m.readAt(), m.minLoa(), m.notice(),
                m.attachments(), format);
    }

    // --- attachments ---

    String encryptFilename(DataKey key, String filename, Party owner, String attachmentId) {
        return ContentCipher.encryptString(key, filename, filenameAad(owner, attachmentId));
    }

    String decryptFilename(DataKey key, String value, Party owner, String attachmentId) {
        try {
            return ContentCipher.decryptString(key, value, filenameAad(owner, attachmentId));
        } catch (DecryptionException e) {
            throw new IllegalStateException("stored Postfach value failed authentication", e);
        }
    }

    /** Binds a value to realm, mailbox owner, record and field (docs/crypto.md: one associated data per field). */
    private AssociatedData filenameAad(Party owner, String attachmentId) {
        return AssociatedData.of("sk-postfach", realmId, owner.keyOwner(), attachmentId, "filename");
    }

    AssociatedData contentAad(Party owner, String attachmentId) {
        return AssociatedData.of("sk-postfach", realmId, owner.keyOwner(), "attachment", attachmentId, "content");
    }

    OutputStream encrypting(OutputStream out, DataKey key, Party owner, String attachmentId) throws IOException {
        return StreamCipher.encryptingStream(out, key, contentAad(owner, attachmentId));
    }

    InputStream decrypting(InputStream in, DataKey key, Party owner, String attachmentId) throws IOException {
        return StreamCipher.decryptingStream(in, key, contentAad(owner, attachmentId));
    }

    // --- key lifecycle ---

    /** Crypto-shredding: the owner's data key goes. Needs no key ring: works in a realm without the vault secret. */
    void destroy(Party owner) {
        unwrapped.remove(owner.keyOwner());
        keyStore.destroy(new KeyOwner(realmId, owner.keyOwner()));
    }

    /**
     * After a rotation of the realm's key ring: rewraps up to {@code limit} data keys still wrapped with an older key
     * (content stays as it is); returns how many. A realm without Postfach data is not even asked for its ring.
     */
    int rewrap(int limit) {
        Rewrap.Result result = Rewrap.batch(realmId, keyStore, ring, limit);
        if (result.unreadable() > 0) {
            // Their key is no longer in the ring: nothing can open these mailboxes; the operator must restore the key.
            LOG.warnf("%d data keys of Postfach mailboxes in realm %s do not unwrap with the key ring",
                    result.unreadable(), realmName);
        }
        return result.rewrapped();
    }
}
