package de.servicekonto.postfach.spi;

import de.servicekonto.crypto.DataKeyStore;
import de.servicekonto.postfach.jpa.AttachmentEntity;
import de.servicekonto.postfach.jpa.MailboxEntity;
import de.servicekonto.postfach.jpa.MessageEntity;
import de.servicekonto.postfach.jpa.NoticeEntity;
import de.servicekonto.postfach.jpa.NoticeEventEntity;
import de.servicekonto.postfach.jpa.PendingMailEntity;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.keycloak.provider.Provider;

/**
 * Persistence of the Postfach (SPI {@value PostfachStoreSpi#NAME}). Every method is scoped by realm id, and message
 * and attachment lookups also by mailbox id, so a caller can never reach another realm's or mailbox's rows by id.
 * Values are stored as given: encryption happens before (see {@code PostfachService}).
 */
public interface PostfachStore extends Provider {

    /** The mailbox of an owner ({@code USER} or {@code AUTHORITY}), if it exists. */
    Optional<MailboxEntity> mailbox(String realmId, String kind, String ownerId);

    /** The owner's mailbox, created if missing; safe against a concurrent first creation. */
    MailboxEntity mailboxOrCreate(String realmId, String kind, String ownerId);

    /** Deletes the mailbox with its messages and attachments. */
    void deleteMailbox(String realmId, MailboxEntity mailbox);

    void add(MessageEntity message);

    /** Messages of a folder strictly before ({@code beforeTime}, {@code beforeId}), newest first (keyset page). */
    List<MessageEntity> page(String realmId, String mailboxId, String folder, long beforeTime, String beforeId, int max);

    /** The thread's messages in this mailbox, oldest first, without the trash. */
    List<MessageEntity> thread(String realmId, String mailboxId, String threadId, int max);

    Optional<MessageEntity> message(String realmId, String mailboxId, String id);

    /** Both copies (sender's and recipient's) of a message. */
    List<MessageEntity> copies(String realmId, String messageRef);

    /** The folder's messages (or its unread ones), counted up to {@code max}: the cost is bounded by {@code max}. */
    long countUpTo(String realmId, String mailboxId, String folder, boolean unreadOnly, int max);

    /** Deletes messages in the trash since before {@code before}, with their attachments; at most {@code limit}. */
    int purgeDeleted(String realmId, long before, int limit);

    /** Stores an attachment whose encrypted content ({@code length} bytes) is streamed from {@code ciphertext}. */
    AttachmentEntity addAttachment(String id, String realmId, String mailboxId, String filenameEnc, String mimeType,
                                   long size, InputStream ciphertext, long length);

    Optional<AttachmentEntity> attachment(String realmId, String mailboxId, String id);

    /** Uploads of the mailbox not yet named in a sent message. */
    long stagedAttachments(String realmId, String mailboxId);

    List<AttachmentEntity> attachments(String realmId, String messageId);

    /** The stored (encrypted) content; valid while the transaction lasts. */
    InputStream content(AttachmentEntity attachment) throws IOException;

    /** Removes attachments uploaded before {@code before} and never sent; at most {@code limit}. */
    int removeStaleStaged(String realmId, long before, int limit);

    void addNotice(NoticeEntity notice);

    Optional<NoticeEntity> notice(String realmId, String messageRef);

    List<NoticeEventEntity> noticeEvents(String noticeId);

    /** Records evidence of a kind unless it exists (the first time stays), durably even if the caller fails later. */
    void recordOnce(String noticeId, String type, long time);

    /** Notes that the e-mail about a delivered message is still to be accepted by a mail server. */
    void addPendingMail(PendingMailEntity mail);

    Optional<PendingMailEntity> pendingMail(String realmId, String messageRef);

    /** E-mails of the realm due for another attempt at {@code now}, oldest first; at most {@code limit}. */
    List<PendingMailEntity> duePendingMails(String realmId, long now, int limit);

    /** Nothing more to try for the message's e-mail (accepted, nobody to mail, or attempts used up). */
    void removePendingMail(String realmId, String messageRef);

    /** Everything of a realm, with its data keys. */
    void deleteRealm(String realmId);

    /** Where the mailbox owners' wrapped data keys live (for the crypto module's {@code DataKeys}). */
    DataKeyStore dataKeyStore();

    @Override
    default void close() {
    }
}
