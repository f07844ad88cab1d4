package de.servicekonto.postfach;

import de.servicekonto.postfach.spi.Notice;
import de.servicekonto.postfach.spi.NoticeEvent;
import de.servicekonto.postfach.spi.StoredMessage;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Official notices (OZG §9): provision with the realm's {@link NoticeRule}, the evidence of the e-mail
 * ({@code notifiedAt}) and of the first retrieval, and the evidence a receipt signs. Evidence is recorded once: the
 * first time of a kind stays.
 */
public final class Notices {

    private final PostfachContext context;
    private final MailboxAccess access;

    Notices(PostfachContext context, MailboxAccess access) {
        this.context = context;
        this.access = access;
    }

    /** A notice was provided: delivered to the recipient's mailbox at {@code now}. */
    void provided(String messageRef, Party authority, Party recipient, long now) {
        context.store().addNotice(new Notice(UUID.randomUUID().toString(), context.realmId(), messageRef, authority.id(),
                recipient.id(), context.settings().noticeRule().name(), now));
    }

    /** The recipient opened a notice's content (the message or one of its attachments): first retrieval, once. */
    void retrieved(StoredMessage row) {
        if (row.notice() && row.incoming()) {
            context.store().notice(context.realmId(), row.messageRef()).ifPresent(notice ->
                    context.store().recordOnce(notice.id(), NoticeEvent.RETRIEVED, context.now()));
        }
    }

    /** The recipient's copy of an official notice whose content was never opened (no RETRIEVED event). */
    boolean unretrieved(StoredMessage row) {
        if (!row.notice() || !row.incoming()) {
            return false;
        }
        return context.store().notice(context.realmId(), row.messageRef())
                .map(notice -> context.store().noticeEvents(notice.id()).stream()
                        .noneMatch(e -> NoticeEvent.RETRIEVED.equals(e.type())))
                .orElse(false);
    }

    /** The evidence of a notice message as the API shows it with the message. */
    Map<String, Object> view(StoredMessage row) {
        Notice notice = context.store().notice(context.realmId(), row.messageRef())
                .orElseThrow(() -> new IllegalStateException("notice evidence missing"));
        return Views.notice(notice, context.store().noticeEvents(notice.id()));
    }

    /**
     * The evidence of an official notice (for its receipt): in the authority's mailbox, the copy it delivered; in the
     * recipient's mailbox, the copy received, so that the citizen or organisation holds the same signed evidence of
     * provision and retrieval as the sender. Both copies share the notice's evidence (by its message reference).
     */
    public Map<String, Object> evidence(Caller caller, Party owner, String messageId) {
        StoredMessage row = access.reachable(caller, owner, messageId);
        boolean delivered = owner.kind() == Party.Kind.AUTHORITY && !row.incoming();
        if (!row.notice() || !(delivered || row.incoming())) {
            throw new PostfachException(404, "not_a_notice", "this message is not an official notice delivered by or to this mailbox");
        }
        Map<String, Object> evidence = view(row);
        evidence.put("messageId", row.id());
        evidence.put("messageRef", row.messageRef());
        evidence.put("authority", row.senderId());
        evidence.put("recipient", row.recipientId());
        return evidence;
    }

    /** The notice of a message reference, for the e-mail. */
    public Optional<Notice> notice(String messageRef) {
        return context.store().notice(context.realmId(), messageRef);
    }

    /** The notice's e-mail was accepted by the mail server: {@code notifiedAt}. */
    public void notified(String noticeId) {
        context.store().recordOnce(noticeId, NoticeEvent.NOTIFIED, context.now());
    }
}
