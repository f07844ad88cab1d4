package de.servicekonto.postfach;

import de.servicekonto.crypto.DataKeyStore;
import de.servicekonto.crypto.InMemoryDataKeyStore;
import de.servicekonto.crypto.KeyOwner;
import de.servicekonto.crypto.WrappedDataKey;
import de.servicekonto.postfach.spi.Mailbox;
import de.servicekonto.postfach.spi.Notice;
import de.servicekonto.postfach.spi.NoticeEvent;
import de.servicekonto.postfach.spi.PendingMail;
import de.servicekonto.postfach.spi.PostfachStore;
import de.servicekonto.postfach.spi.StoredAttachment;
import de.servicekonto.postfach.spi.StoredMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The {@link PostfachStore} contract in memory, as {@code JpaPostfachStore} fulfils it with its named queries: the
 * same scoping by realm and mailbox, the same orders, cursor and count bounds. Not thread-safe; for unit tests.
 */
public final class InMemoryPostfachStore implements PostfachStore {

    final Map<String, Mailbox> mailboxes = new LinkedHashMap<>();
    final Map<String, StoredMessage> messages = new LinkedHashMap<>();
    final Map<String, StoredAttachment> attachments = new LinkedHashMap<>();
    final Map<String, byte[]> contents = new LinkedHashMap<>();
    final Map<String, Notice> notices = new LinkedHashMap<>();
    final Map<String, NoticeEvent> events = new LinkedHashMap<>();
    final Map<String, PendingMail> pendingMails = new LinkedHashMap<>();
    /** Wrapped data keys, first key wins, as the primary key of SK_PF_DATA_KEY makes it: crypto's in-memory store. */
    private final InMemoryDataKeyStore dataKeyStore = new InMemoryDataKeyStore();
    final Map<KeyOwner, WrappedDataKey> keys = dataKeyStore.keys();

    // --- mailboxes ---

    @Override
    public Optional<Mailbox> mailbox(String realmId, String kind, String ownerId) {
        return mailboxes.values().stream().filter(m -> m.realmId().equals(realmId) && m.ownerKind().equals(kind)
                && m.ownerId().equals(ownerId)).findFirst();
    }

    @Override
    public Mailbox mailboxOrCreate(String realmId, String kind, String ownerId) {
        return mailbox(realmId, kind, ownerId).orElseGet(() -> {
            Mailbox created = new Mailbox(UUID.randomUUID().toString(), realmId, kind, ownerId, System.currentTimeMillis());
            mailboxes.put(created.id(), created);
            return created;
        });
    }

    @Override
    public void deleteMailbox(String realmId, Mailbox mailbox) {
        pendingMails.values().removeIf(p -> p.realmId().equals(realmId) && p.recipientKind().equals(mailbox.ownerKind())
                && p.recipientId().equals(mailbox.ownerId()));
        removeAttachments(a -> a.realmId().equals(realmId) && a.mailboxId().equals(mailbox.id()));
        messages.values().removeIf(m -> m.realmId().equals(realmId) && m.mailboxId().equals(mailbox.id()));
        mailboxes.values().removeIf(m -> m.realmId().equals(realmId) && m.id().equals(mailbox.id()));
    }

    // --- messages ---

    @Override
    public void add(StoredMessage message) {
        if (messages.putIfAbsent(message.id(), message) != null) {
            throw new IllegalStateException("duplicate message id");
        }
    }

    /** Newest first, by (createdAt, id) descending, strictly before the cursor: the order of IDX_SK_PF_MSG_FOLDER. */
    @Override
    public List<StoredMessage> page(String realmId, String mailboxId, String folder, long beforeTime, String beforeId,
                                    int max) {
        return inFolder(realmId, mailboxId, folder)
                .filter(m -> m.createdAt() < beforeTime || (m.createdAt() == beforeTime && m.id().compareTo(beforeId) < 0))
                .sorted(NEWEST_FIRST).limit(max).map(InMemoryPostfachStore::listed).toList();
    }

    /** As the JPA store lists a row: without its body. */
    private static StoredMessage listed(StoredMessage m) {
        return new StoredMessage(m.id(), m.realmId(), m.mailboxId(), m.messageRef(), m.threadId(), m.folder(),
                m.previousFolder(), m.deletedAt(), m.direction(), m.senderKind(), m.senderId(), m.recipientKind(),
                m.recipientId(), m.senderNameEnc(), m.subjectEnc(), null, m.createdAt(), m.readAt(), m.minLoa(),
                m.notice(), m.attachments(), m.contentFormat());
    }

    private static final Comparator<StoredMessage> NEWEST_FIRST =
            Comparator.comparingLong(StoredMessage::createdAt).thenComparing(StoredMessage::id).reversed();

    @Override
    public List<StoredMessage> thread(String realmId, String mailboxId, String threadId, int max) {
        return messages.values().stream().filter(m -> m.realmId().equals(realmId) && m.mailboxId().equals(mailboxId)
                        && m.threadId().equals(threadId) && !TRASH.equals(m.folder()))
                .sorted(NEWEST_FIRST.reversed()).limit(max).map(InMemoryPostfachStore::listed).toList();
    }

    @Override
    public Optional<StoredMessage> message(String realmId, String mailboxId, String id) {
        return Optional.ofNullable(messages.get(id)).filter(m -> m.realmId().equals(realmId) && m.mailboxId().equals(mailboxId));
    }

    @Override
    public long countUpTo(String realmId, String mailboxId, String folder, boolean unreadOnly, int max) {
        return inFolder(realmId, mailboxId, folder).filter(m -> !unreadOnly || m.readAt() == null).limit(max).count();
    }

    private java.util.stream.Stream<StoredMessage> inFolder(String realmId, String mailboxId, String folder) {
        return messages.values().stream().filter(m -> m.realmId().equals(realmId) && m.mailboxId().equals(mailboxId)
                && m.folder().equals(folder));
    }

    @Override
    public void markRead(String realmId, String mailboxId, String id, Long readAt) {
        change(realmId, mailboxId, id, m -> with(m, m.folder(), m.previousFolder(), m.deletedAt(), readAt));
    }

    @Override
    public void move(String realmId, String mailboxId, String id, String folder) {
        change(realmId, mailboxId, id, m -> with(m, folder, m.previousFolder(), m.deletedAt(), m.readAt()));
    }

    @Override
    public void trash(String realmId, String mailboxId, String id, long deletedAt) {
        change(realmId, mailboxId, id, m -> TRASH.equals(m.folder()) ? m : with(m, TRASH, m.folder(), deletedAt, m.readAt()));
    }

    @Override
    public void restore(String realmId, String mailboxId, String id) {
        change(realmId, mailboxId, id, m -> !TRASH.equals(m.folder()) ? m
                : with(m, m.previousFolder() == null ? INBOX : m.previousFolder(), null, null, m.readAt()));
    }

    private void change(String realmId, String mailboxId, String id, UnaryOperator<StoredMessage> change) {
        message(realmId, mailboxId, id).ifPresent(m -> messages.put(id, change.apply(m)));
    }

    private static StoredMessage with(StoredMessage m, String folder, String previousFolder, Long deletedAt, Long readAt) {
        return new StoredMessage(m.id(), m.realmId(), m.mailboxId(), m.messageRef(), m.threadId(), folder, previousFolder,
                deletedAt, m.direction(), m.senderKind(), m.senderId(), m.recipientKind(), m.recipientId(),
                m.senderNameEnc(), m.subjectEnc(), m.bodyEnc(), m.createdAt(), readAt, m.minLoa(), m.notice(),
                m.attachments(), m.contentFormat());
    }

    /** Replaces a stored row as it is, e.g. to play an attacker with database access. */
    void replace(StoredMessage message) {
        messages.put(message.id(), message);
    }

    @Override
    public int purgeDeleted(String realmId, long before, int limit) {
        List<String> ids = messages.values().stream().filter(m -> m.realmId().equals(realmId) && TRASH.equals(m.folder())
                && m.deletedAt() != null && m.deletedAt() < before).map(StoredMessage::id).limit(limit).toList();
        for (String id : ids) {
            removeAttachments(a -> a.realmId().equals(realmId) && id.equals(a.messageId()));
            messages.remove(id);
        }
        return ids.size();
    }

    // --- attachments ---

    @Override
    public StoredAttachment addAttachment(StoredAttachment attachment, InputStream ciphertext, long length) {
        try {
            byte[] bytes = ciphertext.readAllBytes();
            if (bytes.length != length) {
                throw new IllegalStateException("length does not match the stream");
            }
            contents.put(attachment.id(), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        attachments.put(attachment.id(), attachment);
        return attachment;
    }

    @Override
    public void attach(String realmId, String mailboxId, String attachmentId, String messageId) {
        attachment(realmId, mailboxId, attachmentId).ifPresent(a -> attachments.put(a.id(), new StoredAttachment(a.id(),
                a.realmId(), a.mailboxId(), messageId, a.filenameEnc(), a.mimeType(), a.size(), a.createdAt())));
    }

    @Override
    public Optional<StoredAttachment> attachment(String realmId, String mailboxId, String id) {
        return Optional.ofNullable(attachments.get(id)).filter(a -> a.realmId().equals(realmId) && a.mailboxId().equals(mailboxId));
    }

    @Override
    public long stagedAttachments(String realmId, String mailboxId) {
        return attachments.values().stream().filter(a -> a.realmId().equals(realmId) && a.mailboxId().equals(mailboxId)
                && a.staged()).count();
    }

    @Override
    public List<StoredAttachment> attachments(String realmId, String messageId) {
        return attachments.values().stream().filter(a -> a.realmId().equals(realmId) && messageId.equals(a.messageId()))
                .sorted(Comparator.comparingLong(StoredAttachment::createdAt).thenComparing(StoredAttachment::id)).toList();
    }

    @Override
    public InputStream content(StoredAttachment attachment) throws IOException {
        byte[] bytes = contents.get(attachment.id());
        if (bytes == null) {
            throw new IOException("attachment gone");
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public int removeStaleStaged(String realmId, long before, int limit) {
        List<String> ids = attachments.values().stream().filter(a -> a.realmId().equals(realmId) && a.staged()
                && a.createdAt() < before).map(StoredAttachment::id).limit(limit).toList();
        ids.forEach(id -> {
            attachments.remove(id);
            contents.remove(id);
        });
        return ids.size();
    }

    private void removeAttachments(Predicate<StoredAttachment> which) {
        List<String> ids = attachments.values().stream().filter(which).map(StoredAttachment::id).toList();
        ids.forEach(id -> {
            attachments.remove(id);
            contents.remove(id);
        });
    }

    // --- notices ---

    @Override
    public void addNotice(Notice notice) {
        notices.put(notice.id(), notice);
    }

    @Override
    public Optional<Notice> notice(String realmId, String messageRef) {
        return notices.values().stream().filter(n -> n.realmId().equals(realmId) && n.messageRef().equals(messageRef))
                .findFirst();
    }

    @Override
    public List<NoticeEvent> noticeEvents(String noticeId) {
        return events.values().stream().filter(e -> e.noticeId().equals(noticeId)).toList();
    }

    @Override
    public void recordOnce(String noticeId, String type, long time) {
        events.putIfAbsent(noticeId + ":" + type, new NoticeEvent(noticeId, type, time));
    }

    @Override
    public long countNotRetrieved(String realmId, String rule, long providedBefore) {
        return notices.values().stream().filter(n -> n.realmId().equals(realmId) && n.rule().equals(rule)
                && n.providedAt() < providedBefore && !events.containsKey(n.id() + ":" + NoticeEvent.RETRIEVED)).count();
    }

    // --- outbox ---

    @Override
    public void addPendingMail(PendingMail mail) {
        pendingMails.put(mail.messageRef(), new PendingMail(mail.messageRef(), mail.realmId(), mail.recipientKind(),
                mail.recipientId(), mail.notice(), 0, mail.nextAt()));
    }

    @Override
    public Optional<PendingMail> pendingMail(String realmId, String messageRef) {
        return Optional.ofNullable(pendingMails.get(messageRef)).filter(p -> p.realmId().equals(realmId));
    }

    @Override
    public List<PendingMail> duePendingMails(String realmId, long now, int limit) {
        return pendingMails.values().stream().filter(p -> p.realmId().equals(realmId) && p.nextAt() <= now)
                .sorted(Comparator.comparingLong(PendingMail::nextAt).thenComparing(PendingMail::messageRef))
                .limit(limit).toList();
    }

    @Override
    public void mailAttemptFailed(String realmId, String messageRef, long nextAt) {
        pendingMail(realmId, messageRef).ifPresent(p -> pendingMails.put(messageRef, new PendingMail(p.messageRef(),
                p.realmId(), p.recipientKind(), p.recipientId(), p.notice(), p.attempts() + 1, nextAt)));
    }

    @Override
    public void removePendingMail(String realmId, String messageRef) {
        pendingMail(realmId, messageRef).ifPresent(p -> pendingMails.remove(messageRef));
    }

    // --- realm ---

    @Override
    public void deleteRealm(String realmId) {
        List<String> noticeIds = notices.values().stream().filter(n -> n.realmId().equals(realmId)).map(Notice::id).toList();
        events.values().removeIf(e -> noticeIds.contains(e.noticeId()));
        notices.values().removeIf(n -> n.realmId().equals(realmId));
        pendingMails.values().removeIf(p -> p.realmId().equals(realmId));
        removeAttachments(a -> a.realmId().equals(realmId));
        messages.values().removeIf(m -> m.realmId().equals(realmId));
        mailboxes.values().removeIf(m -> m.realmId().equals(realmId));
        keys.keySet().removeIf(k -> k.realmId().equals(realmId));
    }

    @Override
    public DataKeyStore dataKeyStore() {
        return dataKeyStore;
    }
}
