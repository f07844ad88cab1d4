package de.servicekonto.postfach.spi;

import de.servicekonto.crypto.DataKeyStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.keycloak.provider.Provider;

/**
 * Persistence of the Postfach (SPI {@value PostfachStoreSpi#NAME}): immutable records out, writes named by what they
 * do. Every method is scoped by realm id, and message and attachment lookups and changes also by mailbox id, so a
 * caller can never reach another realm's or mailbox's rows by id. Values are stored as given: encryption happens
 * before ({@code MailboxCrypto}). Implementations: {@code JpaPostfachStore}; in memory for the unit tests.
 */
public interface PostfachStore extends Provider {

    String TRASH = "TRASH";
    String INBOX = "INBOX";

    // --- mailboxes ---

    /** The mailbox of an owner ({@code USER}, {@code ORGANISATION} or {@code AUTHORITY}), if it exists. */
    Optional<Mailbox> mailbox(String realmId, String kind, String ownerId);

    /** The owner's mailbox, created if missing; safe against a concurrent first creation. */
    Mailbox mailboxOrCreate(String realmId, String kind, String ownerId);

    /** Deletes the mailbox with its messages, attachments and the e-mails still pending for its owner. */
    void deleteMailbox(String realmId, Mailbox mailbox);

    // --- messages ---

    void add(StoredMessage message);

    /**
     * Messages of a folder strictly before ({@code beforeTime}, {@code beforeId}), newest first (keyset page), without
     * their bodies ({@code bodyEnc} null: a listing never shows one; {@link #message} reads it).
     */
    List<StoredMessage> page(String realmId, String mailboxId, String folder, long beforeTime, String beforeId, int max);

    /** The thread's messages in this mailbox, oldest first, without the trash; without their bodies, as {@link #page}. */
    List<StoredMessage> thread(String realmId, String mailboxId, String threadId, int max);

    Optional<StoredMessage> message(String realmId, String mailboxId, String id);

    /** The folder's messages (or its unread ones), counted up to {@code max}: the cost is bounded by {@code max}. */
    long countUpTo(String realmId, String mailboxId, String folder, boolean unreadOnly, int max);

    /** Marks the message read at {@code readAt}, or unread ({@code null}). */
    void markRead(String realmId, String mailboxId, String id, Long readAt);

    /** Moves the message to another folder (not the trash: {@link #trash}). */
    void move(String realmId, String mailboxId, String id, String folder);

    /** Moves the message to the trash at {@code deletedAt}, remembering its folder for {@link #restore}. */
    void trash(String realmId, String mailboxId, String id, long deletedAt);

    /** Moves a trashed message back to the folder it came from (the inbox if none is known). */
    void restore(String realmId, String mailboxId, String id);

    /** Deletes messages in the trash since before {@code before}, with their attachments; at most {@code limit}. */
    int purgeDeleted(String realmId, long before, int limit);

    // --- attachments ---

    /** Stores an attachment whose encrypted content ({@code length} bytes) is streamed from {@code ciphertext}. */
    StoredAttachment addAttachment(StoredAttachment attachment, InputStream ciphertext, long length);

    /** Attaches a staged attachment of the mailbox to a message copy of the same mailbox. */
    void attach(String realmId, String mailboxId, String attachmentId, String messageId);

    Optional<StoredAttachment> attachment(String realmId, String mailboxId, String id);

    /** Uploads of the mailbox not yet named in a sent message. */
    long stagedAttachments(String realmId, String mailboxId);

    /** The attachments of a message copy, in upload order. */
    List<StoredAttachment> attachments(String realmId, String messageId);

    /** The stored (encrypted) content; valid while the transaction lasts. */
    InputStream content(StoredAttachment attachment) throws IOException;

    /** Removes attachments uploaded before {@code before} and never sent; at most {@code limit}. */
    int removeStaleStaged(String realmId, long before, int limit);

    // --- notices ---

    void addNotice(Notice notice);

    Optional<Notice> notice(String realmId, String messageRef);

    List<NoticeEvent> noticeEvents(String noticeId);

    /** Records evidence of a type unless it exists (the first time stays), durably even if the caller fails later. */
    void recordOnce(String noticeId, String type, long time);

    /**
     * The realm's notices under {@code rule} (a {@code NoticeRule} name) provided before {@code providedBefore} and
     * never retrieved (no {@link NoticeEvent#RETRIEVED} event). One count over the realm's unretrieved notices: for
     * a periodic task, not for a request.
     */
    long countNotRetrieved(String realmId, String rule, long providedBefore);

    // --- outbox ---

    /** Notes that the e-mail about a delivered message is still to be accepted by a mail server (no attempt yet). */
    void addPendingMail(PendingMail mail);

    Optional<PendingMail> pendingMail(String realmId, String messageRef);

    /** E-mails of the realm due for another attempt at {@code now}, oldest first; at most {@code limit}. */
    List<PendingMail> duePendingMails(String realmId, long now, int limit);

    /** One more failed attempt of the message's e-mail; the next one at {@code nextAt}. */
    void mailAttemptFailed(String realmId, String messageRef, long nextAt);

    /** Nothing more to try for the message's e-mail (accepted, nobody to mail, or attempts used up). */
    void removePendingMail(String realmId, String messageRef);

    // --- realm ---

    /** Everything of a realm, with its data keys. */
    void deleteRealm(String realmId);

    /** Where the mailbox owners' wrapped data keys live (for the crypto module's {@code DataKeys}). */
    DataKeyStore dataKeyStore();

    @Override
    default void close() {
    }
}
