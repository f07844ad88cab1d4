package de.servicekonto.postfach.jpa;

import de.servicekonto.postfach.spi.Mailbox;
import de.servicekonto.postfach.spi.Notice;
import de.servicekonto.postfach.spi.NoticeEvent;
import de.servicekonto.postfach.spi.PendingMail;
import de.servicekonto.postfach.spi.StoredAttachment;
import de.servicekonto.postfach.spi.StoredMessage;

/** Entities to the store's records and back: the only place outside the entities that knows both. */
final class EntityRecords {

    private EntityRecords() {
    }

    static Mailbox mailbox(MailboxEntity e) {
        return new Mailbox(e.getId(), e.getRealmId(), e.getOwnerKind(), e.getOwnerId(), e.getCreatedAt());
    }

    static StoredMessage message(MessageEntity e) {
        return new StoredMessage(e.getId(), e.getRealmId(), e.getMailboxId(), e.getMessageRef(), e.getThreadId(),
                e.getFolder(), e.getPreviousFolder(), e.getDeletedAt(), e.getDirection(), e.getSenderKind(),
                e.getSenderId(), e.getRecipientKind(), e.getRecipientId(), e.getSenderNameEnc(), e.getSubjectEnc(),
                e.getBodyEnc(), e.getCreatedAt(), e.getReadAt(), e.getMinLoa(), e.isNotice(), e.getAttachments(),
                e.getContentFormat());
    }

    /** A row read with {@link MessageEntity#LISTED}: the message without its body ({@code bodyEnc} null). */
    static StoredMessage listed(Object[] c) {
        return new StoredMessage((String) c[0], (String) c[1], (String) c[2], (String) c[3], (String) c[4],
                (String) c[5], (String) c[6], (Long) c[7], (String) c[8], (String) c[9], (String) c[10],
                (String) c[11], (String) c[12], (String) c[13], (String) c[14], null, (Long) c[15], (Long) c[16],
                (Integer) c[17], (Boolean) c[18], (Integer) c[19], (Integer) c[20]);
    }

    static MessageEntity entity(StoredMessage m) {
        MessageEntity e = new MessageEntity(m.id(), m.realmId(), m.mailboxId(), m.messageRef(), m.threadId(), m.folder(),
                m.direction(), m.senderKind(), m.senderId(), m.recipientKind(), m.recipientId(), m.createdAt(),
                m.minLoa(), m.notice());
        e.setPreviousFolder(m.previousFolder());
        e.setDeletedAt(m.deletedAt());
        e.setSenderNameEnc(m.senderNameEnc());
        e.setSubjectEnc(m.subjectEnc());
        e.setBodyEnc(m.bodyEnc());
        e.setReadAt(m.readAt());
        e.setAttachments(m.attachments());
        e.setContentFormat(m.contentFormat());
        return e;
    }

    static StoredAttachment attachment(AttachmentEntity e) {
        return new StoredAttachment(e.getId(), e.getRealmId(), e.getMailboxId(), e.getMessageId(), e.getFilenameEnc(),
                e.getMimeType(), e.getSize(), e.getCreatedAt());
    }

    static Notice notice(NoticeEntity e) {
        return new Notice(e.getId(), e.getRealmId(), e.getMessageRef(), e.getAuthorityId(), e.getRecipientId(),
                e.getRule(), e.getProvidedAt());
    }

    static NoticeEntity entity(Notice n) {
        return new NoticeEntity(n.id(), n.realmId(), n.messageRef(), n.authorityId(), n.recipientId(), n.rule(),
                n.providedAt());
    }

    static NoticeEvent event(NoticeEventEntity e) {
        return new NoticeEvent(e.getNoticeId(), e.getType(), e.getTime());
    }

    static PendingMail pendingMail(PendingMailEntity e) {
        return new PendingMail(e.getMessageRef(), e.getRealmId(), e.getRecipientKind(), e.getRecipientId(), e.isNotice(),
                e.getAttempts(), e.getNextAt());
    }
}
