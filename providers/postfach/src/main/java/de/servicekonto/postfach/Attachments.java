package de.servicekonto.postfach;

import de.servicekonto.crypto.AssociatedData;
import de.servicekonto.crypto.DataKey;
import de.servicekonto.crypto.SpooledCiphertext;
import de.servicekonto.crypto.StreamCipher;
import de.servicekonto.postfach.spi.Mailbox;
import de.servicekonto.postfach.spi.StoredAttachment;
import de.servicekonto.postfach.spi.StoredMessage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Attachments: staged (uploaded, checked, encrypted) in the sender's mailbox, re-encrypted for the recipient when
 * the message goes, downloaded by either side. Plaintext never touches disk: temporary files hold ciphertext only,
 * and content is encrypted and decrypted one segment at a time.
 */
public final class Attachments {

    private final PostfachContext context;
    private final MailboxAccess access;
    private final Notices notices;

    Attachments(PostfachContext context, MailboxAccess access, Notices notices) {
        this.context = context;
        this.access = access;
        this.notices = notices;
    }

    /**
     * Stages an attachment in the sender's mailbox: checks the declared type, sniffs the leading bytes, encrypts the
     * stream into a temporary file (ciphertext only) while counting the size, then streams the ciphertext into the
     * database. Nothing is stored if any check fails.
     */
    public Map<String, Object> stage(Party owner, String filename, String declaredType, long declaredLength, InputStream body)
            throws IOException {
        PostfachSettings settings = context.settings();
        if (filename == null || filename.isBlank() || filename.length() > PostfachSettings.MAX_FILENAME
                || filename.chars().anyMatch(c -> c < 0x20 || c == '/' || c == '\\')) {
            throw PostfachException.invalid("filename: 1 to " + PostfachSettings.MAX_FILENAME + " characters, no path");
        }
        if (InvisibleCharacters.containsAny(filename)) {
            throw new PostfachException(400, "invisible_characters",
                    "the file name must not contain bidirectional controls or zero-width characters");
        }
        requireStageable(declaredType, declaredLength);
        BufferedInputStream in = new BufferedInputStream(body, ContentType.SNIFF_BYTES * 2);
        in.mark(ContentType.SNIFF_BYTES);
        byte[] head = in.readNBytes(ContentType.SNIFF_BYTES);
        in.reset();
        if (head.length == 0) {
            throw PostfachException.invalid("the attachment is empty");
        }
        ContentType type = ContentType.match(declaredType, head, head.length).orElseThrow(() ->
                new PostfachException(415, "attachment_type_not_allowed", "the content is not of the declared type"));

        // Counted before the mailbox is created on first use, so a refused upload leaves no row behind. (Only a body
        // without Content-Length that turns out too large or empty is refused after the mailbox and its key exist.)
        long waiting = context.mailbox(owner)
                .map(existing -> context.store().stagedAttachments(context.realmId(), existing.id())).orElse(0L);
        if (waiting >= settings.maxStagedAttachments()) {
            throw new PostfachException(429, "too_many_staged_attachments", "at most " + settings.maxStagedAttachments()
                    + " uploads may wait to be sent; send or let them expire first");
        }
        Mailbox mailbox = context.mailboxOrCreate(owner);
        DataKey key = context.crypto().keyForWriting(owner);
        String id = UUID.randomUUID().toString();
        Path temp = Files.createTempFile("sk-postfach-", ".enc");
        try {
            long size = StreamCipher.encryptBounded(in, Files.newOutputStream(temp), key,
                    context.crypto().contentAad(owner, id), settings.maxAttachmentBytes(), n -> tooLarge());
            if (size == 0) {
                throw PostfachException.invalid("the attachment is empty");
            }
            try (InputStream ciphertext = Files.newInputStream(temp)) {
                context.store().addAttachment(new StoredAttachment(id, context.realmId(), mailbox.id(), null,
                        context.crypto().encryptFilename(key, filename, owner, id), type.mimeType(), size, context.now()),
                        ciphertext, Files.size(temp));
            }
            return Views.attachment(id, filename, type.mimeType(), size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Refuses, before any content is read, what {@link #stage} would refuse by type and length: 415
     * {@code attachment_type_not_allowed}, 413 {@code attachment_too_large}, 400 for an empty one ({@code length} -1:
     * not known yet). A copy from the Dokumentensafe is checked with this before the safe spools it.
     */
    public void requireStageable(String declaredType, long length) {
        if (!ContentType.isAllowed(declaredType)) {
            throw new PostfachException(415, "attachment_type_not_allowed", "allowed types: " + ContentType.allowedMimeTypes());
        }
        if (length > context.settings().maxAttachmentBytes()) {
            throw tooLarge();
        }
        if (length == 0) {
            throw PostfachException.invalid("the attachment is empty");
        }
    }

    /** Encrypted content of one attachment copied to a temporary file, to be decrypted while the response streams. */
    /** {@code minLoa}: the trust level of the message it belongs to (a copy elsewhere keeps it). */
    public record Download(SpooledCiphertext spooled, DataKey key, AssociatedData aad, String filename, String mimeType,
                           long size, int minLoa) {

        /** Decrypts into {@code out}; deletes the temporary file in any case. */
        public void writeTo(OutputStream out) throws IOException {
            spooled.decryptTo(out, key, aad);
        }

        /** The temporary file (ciphertext only). */
        public Path ciphertext() {
            return spooled.file();
        }

        /**
         * The plaintext as a stream, decrypted a segment at a time while it is read (for another store, such as the
         * Dokumentensafe); closing it deletes the temporary file.
         */
        public InputStream plaintext() throws IOException {
            return StreamCipher.decryptingStream(Files.newInputStream(spooled.file(), StandardOpenOption.DELETE_ON_CLOSE),
                    key, aad);
        }

        /** Removes the temporary file without reading it. */
        public void discard() throws IOException {
            Files.deleteIfExists(spooled.file());
        }
    }

    /** An attachment of a message the caller reaches; downloading a notice's attachment is retrieving the notice. */
    public Download download(Caller caller, Party owner, String messageId, String attachmentId) throws IOException {
        StoredMessage row = access.reachable(caller, owner, messageId);
        StoredAttachment attachment = Party.isId(attachmentId)
                ? context.store().attachment(context.realmId(), row.mailboxId(), attachmentId).orElse(null) : null;
        if (attachment == null || !row.id().equals(attachment.messageId())) {
            throw PostfachException.notFound();
        }
        Download download = spool(owner, attachment, row.minLoa());
        // Even without opening the message first.
        notices.retrieved(row);
        return download;
    }

    /** Every attachment of a message the caller reaches, in upload order; for a notice that is its retrieval. */
    public List<Download> downloadAll(Caller caller, Party owner, String messageId) throws IOException {
        StoredMessage row = access.reachable(caller, owner, messageId);
        List<Download> downloads = spoolAll(owner, row);
        try {
            notices.retrieved(row);
        } catch (RuntimeException e) {
            discardAll(downloads);
            throw e;
        }
        return downloads;
    }

    /** The attachments of a message just sent, from the sender's copy (no level check: the sender wrote them). */
    public List<Download> delivered(Delivery.Sent sent) throws IOException {
        return spoolAll(sent.from(), sent.senderCopy());
    }

    /** Every attachment spooled, or none: a failure on the n-th removes the files of those before it. */
    private List<Download> spoolAll(Party owner, StoredMessage row) throws IOException {
        List<Download> downloads = new ArrayList<>();
        try {
            for (StoredAttachment attachment : context.store().attachments(context.realmId(), row.id())) {
                downloads.add(spool(owner, attachment, row.minLoa()));
            }
        } catch (IOException | RuntimeException e) {
            discardAll(downloads);
            throw e;
        }
        return downloads;
    }

    /** Removes the temporary files of these downloads, read or not; never throws (it runs on failure paths). */
    public static void discardAll(List<Download> downloads) {
        for (Download download : downloads) {
            try {
                download.discard();
            } catch (IOException ignored) {
                // nothing more can be done for this file; the others are still removed
            }
        }
    }

    private Download spool(Party owner, StoredAttachment attachment, int minLoa) throws IOException {
        DataKey key = context.crypto().key(owner).orElseThrow(PostfachException::notFound);
        String filename = context.crypto().decryptFilename(key, attachment.filenameEnc(), owner, attachment.id());
        // The database stream lives only as long as this transaction, and the response is written after it: copy the
        // ciphertext (never the plaintext) to a temporary file first.
        SpooledCiphertext spooled = SpooledCiphertext.copy(context.store().content(attachment), "sk-postfach-");
        return new Download(spooled, key, context.crypto().contentAad(owner, attachment.id()), filename,
                attachment.mimeType(), attachment.size(), minLoa);
    }

    /** Staged attachments of the sender named in a draft, each once; checked before anything is written. */
    List<StoredAttachment> staged(Party from, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of(); // no lookup: most messages have no attachment
        }
        Optional<Mailbox> box = context.mailbox(from);
        List<StoredAttachment> staged = new ArrayList<>();
        for (String id : ids) {
            StoredAttachment attachment = Party.isId(id) && box.isPresent()
                    ? context.store().attachment(context.realmId(), box.get().id(), id).orElse(null) : null;
            if (attachment == null || !attachment.staged() || staged.contains(attachment)) {
                throw new PostfachException(400, "unknown_attachment", "attachment " + (Party.isId(id) ? id : "")
                        + " is not an uploaded, unsent attachment of this mailbox");
            }
            staged.add(attachment);
        }
        return staged;
    }

    /**
     * Sends a staged attachment: it now belongs to the sender's copy, and a copy re-encrypted for the recipient
     * (their key, their mailbox) to the recipient's, streamed through a temporary file.
     */
    void deliver(StoredAttachment source, Party from, DataKey fromKey, String fromMessageId, Mailbox toBox, Party to,
                 DataKey toKey, String toMessageId) {
        context.store().attach(context.realmId(), source.mailboxId(), source.id(), fromMessageId);
        String id = UUID.randomUUID().toString();
        MailboxCrypto crypto = context.crypto();
        try {
            Path temp = Files.createTempFile("sk-postfach-", ".enc");
            try {
                try (InputStream plain = crypto.decrypting(context.store().content(source), fromKey, from, source.id());
                     OutputStream encrypting = crypto.encrypting(Files.newOutputStream(temp), toKey, to, id)) {
                    plain.transferTo(encrypting);
                }
                String filename = crypto.decryptFilename(fromKey, source.filenameEnc(), from, source.id());
                try (InputStream ciphertext = Files.newInputStream(temp)) {
                    context.store().addAttachment(new StoredAttachment(id, context.realmId(), toBox.id(), toMessageId,
                            crypto.encryptFilename(toKey, filename, to, id), source.mimeType(), source.size(),
                            context.now()), ciphertext, Files.size(temp));
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("attachment could not be delivered", e);
        }
    }

    private PostfachException tooLarge() {
        return new PostfachException(413, "attachment_too_large", "at most " + context.settings().maxAttachmentBytes() + " bytes");
    }
}
