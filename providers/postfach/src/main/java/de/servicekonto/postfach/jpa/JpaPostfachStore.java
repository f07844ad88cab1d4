package de.servicekonto.postfach.jpa;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Blob;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.Hibernate;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import de.servicekonto.crypto.DataKeyStore;
import de.servicekonto.postfach.spi.Mailbox;
import de.servicekonto.postfach.spi.Notice;
import de.servicekonto.postfach.spi.NoticeEvent;
import de.servicekonto.postfach.spi.PendingMail;
import de.servicekonto.postfach.spi.PostfachStore;
import de.servicekonto.postfach.spi.StoredAttachment;
import de.servicekonto.postfach.spi.StoredMessage;
import de.servicekonto.postfach.keycloak.PostfachLifecycle;
import de.servicekonto.postfach.spi.PostfachStoreFactory;
import org.keycloak.Config;

/**
 * The JPA {@link PostfachStore} ({@value Factory#ID}): always scoped by realm (and by mailbox where a caller reads
 * messages), so an id from another realm or mailbox finds nothing. The only class that touches the entity manager.
 */
public final class JpaPostfachStore implements PostfachStore {

    private final KeycloakSession session;
    private final EntityManager em;

    JpaPostfachStore(KeycloakSession session) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    // --- mailboxes ---

    @Override
    public Optional<Mailbox> mailbox(String realmId, String kind, String ownerId) {
        return mailboxEntity(realmId, kind, ownerId).map(EntityRecords::mailbox);
    }

    private Optional<MailboxEntity> mailboxEntity(String realmId, String kind, String ownerId) {
        return em.createNamedQuery("skPfMailboxByOwner", MailboxEntity.class)
                .setParameter("realm", realmId).setParameter("kind", kind).setParameter("owner", ownerId)
                .getResultStream().findFirst();
    }

    /**
     * The owner's mailbox, created if missing. The insert runs in a transaction of its own: if a concurrent request
     * created it first, the unique constraint refuses ours and that one is used, without failing this request.
     */
    @Override
    public Mailbox mailboxOrCreate(String realmId, String kind, String ownerId) {
        Optional<Mailbox> existing = mailbox(realmId, kind, ownerId);
        if (existing.isPresent()) {
            return existing.get();
        }
        insertSeparately(s -> new MailboxEntity(UUID.randomUUID().toString(), realmId, kind, ownerId, System.currentTimeMillis()));
        return mailbox(realmId, kind, ownerId).orElseThrow(() -> new IllegalStateException("mailbox not created"));
    }

    @Override
    public void deleteMailbox(String realmId, Mailbox mailbox) {
        em.createNamedQuery("skPfDeletePendingMailsOfRecipient").setParameter("realm", realmId)
                .setParameter("kind", mailbox.ownerKind()).setParameter("recipient", mailbox.ownerId()).executeUpdate();
        em.createNamedQuery("skPfDeleteAttachmentsOfMailbox").setParameter("realm", realmId)
                .setParameter("mailbox", mailbox.id()).executeUpdate();
        em.createNamedQuery("skPfDeleteMessagesOfMailbox").setParameter("realm", realmId)
                .setParameter("mailbox", mailbox.id()).executeUpdate();
        MailboxEntity row = em.find(MailboxEntity.class, mailbox.id());
        if (row != null && row.getRealmId().equals(realmId)) {
            em.remove(row);
        }
    }

    // --- messages ---

    @Override
    public void add(StoredMessage message) {
        em.persist(EntityRecords.entity(message));
    }

    /**
     * Messages of a folder strictly before ({@code beforeTime}, {@code beforeId}), newest first. The ORDER BY repeats
     * the equality columns so that H2 (2.x) recognises the order of IDX_SK_PF_MSG_FOLDER and stops after
     * {@code max} rows; with only one upper bound on CREATED_AT it starts the index scan at the cursor.
     */
    @Override
    public List<StoredMessage> page(String realmId, String mailboxId, String folder, long beforeTime, String beforeId,
                                    int max) {
        return listed(em.createNamedQuery("skPfMessagePage", Object[].class)
                .setParameter("realm", realmId).setParameter("mailbox", mailboxId).setParameter("folder", folder)
                .setParameter("beforeTime", beforeTime).setParameter("beforeId", beforeId)
                .setMaxResults(max));
    }

    @Override
    public List<StoredMessage> thread(String realmId, String mailboxId, String threadId, int max) {
        return listed(em.createNamedQuery("skPfMessageThread", Object[].class)
                .setParameter("realm", realmId).setParameter("mailbox", mailboxId).setParameter("thread", threadId)
                .setMaxResults(max));
    }

    /**
     * A listing's rows as records without their bodies ({@link MessageEntity#LISTED}). Read as columns, not entities:
     * nothing enters the persistence context, so neither the flushes before each further query and at the end of the
     * request check them (a search reads up to 500 rows in batches), nor can a later {@code find} of the same id in
     * this request see a half-read instance.
     */
    private static List<StoredMessage> listed(TypedQuery<Object[]> query) {
        return query.getResultList().stream().map(EntityRecords::listed).toList();
    }

    @Override
    public Optional<StoredMessage> message(String realmId, String mailboxId, String id) {
        return em.createNamedQuery("skPfMessageById", MessageEntity.class)
                .setParameter("realm", realmId).setParameter("mailbox", mailboxId).setParameter("id", id)
                .getResultStream().findFirst().map(EntityRecords::message);
    }

    /**
     * Counts at most {@code max} messages of a folder (or of its unread ones): the count reads a derived table limited
     * to {@code max} rows, so it walks at most that many entries of IDX_SK_PF_MSG_FOLDER (or IDX_SK_PF_MSG_UNREAD)
     * however large the folder is.
     */
    @Override
    public long countUpTo(String realmId, String mailboxId, String folder, boolean unreadOnly, int max) {
        return em.createNamedQuery(unreadOnly ? "skPfUnreadCount" : "skPfFolderCount", Long.class)
                .setParameter("realm", realmId).setParameter("mailbox", mailboxId).setParameter("folder", folder)
                .setParameter("max", max).getSingleResult();
    }

    @Override
    public void markRead(String realmId, String mailboxId, String id, Long readAt) {
        messageEntity(realmId, mailboxId, id).ifPresent(row -> row.setReadAt(readAt));
    }

    @Override
    public void move(String realmId, String mailboxId, String id, String folder) {
        messageEntity(realmId, mailboxId, id).ifPresent(row -> row.setFolder(folder));
    }

    @Override
    public void trash(String realmId, String mailboxId, String id, long deletedAt) {
        messageEntity(realmId, mailboxId, id).filter(row -> !TRASH.equals(row.getFolder())).ifPresent(row -> {
            row.setPreviousFolder(row.getFolder());
            row.setFolder(TRASH);
            row.setDeletedAt(deletedAt);
        });
    }

    @Override
    public void restore(String realmId, String mailboxId, String id) {
        messageEntity(realmId, mailboxId, id).filter(row -> TRASH.equals(row.getFolder())).ifPresent(row -> {
            row.setFolder(row.getPreviousFolder() == null ? INBOX : row.getPreviousFolder());
            row.setPreviousFolder(null);
            row.setDeletedAt(null);
        });
    }

    /**
     * The managed row to change, scoped like {@link #message}. Found by primary key: the row the request read moments
     * before is in the persistence context already, so a change costs no further SELECT; the UPDATE is Hibernate's at
     * flush, as before the store spoke records.
     */
    private Optional<MessageEntity> messageEntity(String realmId, String mailboxId, String id) {
        MessageEntity row = em.find(MessageEntity.class, id);
        return row != null && row.getRealmId().equals(realmId) && row.getMailboxId().equals(mailboxId)
                ? Optional.of(row) : Optional.empty();
    }

    /** Deletes messages in the trash since before {@code before}, with their attachments; at most {@code limit}. */
    @Override
    public int purgeDeleted(String realmId, long before, int limit) {
        List<String> ids = em.createNamedQuery("skPfExpiredDeleted", String.class)
                .setParameter("realm", realmId).setParameter("before", before).setMaxResults(limit).getResultList();
        for (String id : ids) {
            em.createNamedQuery("skPfDeleteAttachmentsOfMessage").setParameter("realm", realmId)
                    .setParameter("message", id).executeUpdate();
            em.createNamedQuery("skPfDeleteMessage").setParameter("realm", realmId).setParameter("id", id).executeUpdate();
        }
        return ids.size();
    }

    // --- attachments ---

    /**
     * Stores an attachment whose encrypted content is read from {@code ciphertext} ({@code length} bytes) while the
     * row is written: Hibernate hands the stream to the JDBC driver, which copies it into the database's LOB storage.
     */
    @Override
    public StoredAttachment addAttachment(StoredAttachment a, InputStream ciphertext, long length) {
        Blob blob = Hibernate.getLobHelper().createBlob(ciphertext, length);
        AttachmentEntity attachment = new AttachmentEntity(a.id(), a.realmId(), a.mailboxId(), a.filenameEnc(),
                a.mimeType(), a.size(), a.createdAt(), blob);
        attachment.setMessageId(a.messageId());
        em.persist(attachment);
        em.flush();
        StoredAttachment stored = EntityRecords.attachment(attachment);
        // The managed entity's Blob is the stream just consumed: a later read in this transaction (an attachment taken
        // from the Dokumentensafe and sent in the same request) must load the content from the database instead.
        em.detach(attachment);
        return stored;
    }

    @Override
    public void attach(String realmId, String mailboxId, String attachmentId, String messageId) {
        AttachmentEntity row = em.find(AttachmentEntity.class, attachmentId);
        if (row != null && row.getRealmId().equals(realmId) && row.getMailboxId().equals(mailboxId)) {
            row.setMessageId(messageId);
        }
    }

    @Override
    public long stagedAttachments(String realmId, String mailboxId) {
        return em.createNamedQuery("skPfStagedCount", Long.class).setParameter("realm", realmId)
                .setParameter("mailbox", mailboxId).getSingleResult();
    }

    @Override
    public Optional<StoredAttachment> attachment(String realmId, String mailboxId, String id) {
        return em.createNamedQuery("skPfAttachmentById", AttachmentEntity.class)
                .setParameter("realm", realmId).setParameter("mailbox", mailboxId).setParameter("id", id)
                .getResultStream().findFirst().map(EntityRecords::attachment);
    }

    @Override
    public List<StoredAttachment> attachments(String realmId, String messageId) {
        return em.createNamedQuery("skPfAttachmentsOfMessage", AttachmentEntity.class)
                .setParameter("realm", realmId).setParameter("message", messageId).getResultStream()
                .map(EntityRecords::attachment).toList();
    }

    /** The stored (encrypted) content, as a stream valid while this transaction lasts. */
    @Override
    public InputStream content(StoredAttachment attachment) throws IOException {
        AttachmentEntity row = em.find(AttachmentEntity.class, attachment.id());
        if (row == null || !row.getRealmId().equals(attachment.realmId())) {
            throw new IOException("attachment gone");
        }
        try {
            return row.getContent().getBinaryStream();
        } catch (java.sql.SQLException e) {
            throw new IOException("attachment content not readable", e);
        }
    }

    @Override
    public int removeStaleStaged(String realmId, long before, int limit) {
        List<String> ids = em.createNamedQuery("skPfStaleStaged", String.class)
                .setParameter("realm", realmId).setParameter("before", before).setMaxResults(limit).getResultList();
        for (String id : ids) {
            AttachmentEntity attachment = em.find(AttachmentEntity.class, id);
            if (attachment != null) {
                em.remove(attachment);
            }
        }
        return ids.size();
    }

    // --- notices ---

    @Override
    public void addNotice(Notice notice) {
        em.persist(EntityRecords.entity(notice));
    }

    @Override
    public Optional<Notice> notice(String realmId, String messageRef) {
        return em.createNamedQuery("skPfNoticeByRef", NoticeEntity.class)
                .setParameter("realm", realmId).setParameter("ref", messageRef).getResultStream().findFirst()
                .map(EntityRecords::notice);
    }

    @Override
    public List<NoticeEvent> noticeEvents(String noticeId) {
        return em.createNamedQuery("skPfNoticeEvents", NoticeEventEntity.class)
                .setParameter("notice", noticeId).getResultStream().map(EntityRecords::event).toList();
    }

    /**
     * Records a piece of evidence unless one of its kind exists: the first time stays. Written in a transaction of
     * its own, so the evidence is kept even if the request fails later, and a concurrent first retrieval cannot
     * overwrite it.
     */
    @Override
    public void recordOnce(String noticeId, String type, long time) {
        if (em.find(NoticeEventEntity.class, noticeId + ":" + type) != null) {
            return;
        }
        insertSeparately(s -> new NoticeEventEntity(noticeId, type, time));
    }

    @Override
    public long countNotRetrieved(String realmId, String rule, long providedBefore) {
        return em.createNamedQuery("skPfNoticesNotRetrieved", Long.class).setParameter("realm", realmId)
                .setParameter("rule", rule).setParameter("before", providedBefore)
                .setParameter("retrieved", NoticeEvent.RETRIEVED).getSingleResult();
    }

    // --- outbox ---

    @Override
    public void addPendingMail(PendingMail mail) {
        // A new row has no failed attempt yet (the entity starts at 0).
        em.persist(new PendingMailEntity(mail.messageRef(), mail.realmId(), mail.recipientKind(), mail.recipientId(),
                mail.notice(), mail.nextAt()));
    }

    @Override
    public Optional<PendingMail> pendingMail(String realmId, String messageRef) {
        return pendingMailEntity(realmId, messageRef).map(EntityRecords::pendingMail);
    }

    private Optional<PendingMailEntity> pendingMailEntity(String realmId, String messageRef) {
        return em.createNamedQuery("skPfPendingMail", PendingMailEntity.class).setParameter("realm", realmId)
                .setParameter("ref", messageRef).getResultStream().findFirst();
    }

    @Override
    public List<PendingMail> duePendingMails(String realmId, long now, int limit) {
        return em.createNamedQuery("skPfDuePendingMails", PendingMailEntity.class).setParameter("realm", realmId)
                .setParameter("now", now).setMaxResults(limit).getResultStream().map(EntityRecords::pendingMail).toList();
    }

    @Override
    public void mailAttemptFailed(String realmId, String messageRef, long nextAt) {
        pendingMailEntity(realmId, messageRef).ifPresent(row -> row.failed(nextAt));
    }

    @Override
    public void removePendingMail(String realmId, String messageRef) {
        pendingMailEntity(realmId, messageRef).ifPresent(em::remove);
    }

    // --- realm removal ---

    /** Everything the Postfach holds for a realm, with its data keys (the realm's content becomes unreadable). */
    @Override
    public void deleteRealm(String realmId) {
        em.createQuery("delete from SkPfNoticeEventEntity e where e.noticeId in"
                + " (select n.id from SkPfNoticeEntity n where n.realmId = :realm)").setParameter("realm", realmId).executeUpdate();
        for (String entity : List.of("SkPfPendingMailEntity", "SkPfNoticeEntity", "SkPfAttachmentEntity", "SkPfMessageEntity", "SkPfMailboxEntity",
                "SkPfDataKeyEntity")) {
            em.createQuery("delete from " + entity + " x where x.realmId = :realm").setParameter("realm", realmId).executeUpdate();
        }
    }

    // --- data keys ---

    @Override
    public DataKeyStore dataKeyStore() {
        return new JpaDataKeyStore(this);
    }

    EntityManager entityManager() {
        return em;
    }

    /**
     * Inserts a row in a new transaction; a constraint violation (the row exists) is ignored. The caller reads the
     * row afterwards through its own entity manager.
     */
    boolean insertSeparately(Function<KeycloakSession, Object> row) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), session.getContext(), s -> {
                EntityManager other = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                other.persist(row.apply(s));
                other.flush();
            });
            return true;
        } catch (PersistenceException e) {
            return false;
        } catch (RuntimeException e) {
            if (hasCause(e, PersistenceException.class) || hasCause(e, java.sql.SQLException.class)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Registered as {@value #ID}, the default store. */
    public static final class Factory implements PostfachStoreFactory {

        public static final String ID = "sk-jpa";

        @Override
        public PostfachStore create(KeycloakSession session) {
            return new JpaPostfachStore(session);
        }

        @Override
        public void init(Config.Scope config) {
        }

        @Override
        public void postInit(KeycloakSessionFactory factory) {
            // The store owns the data that removals elsewhere must take along: its factory registers the listener.
            factory.register(new PostfachLifecycle());
        }

        @Override
        public void close() {
        }

        @Override
        public String getId() {
            return ID;
        }
    }
}
