package de.servicekonto.postfach;

import de.servicekonto.postfach.spi.StoredMessage;
import java.util.Map;

/**
 * What the owner of a mailbox does with a message: mark it read or unread, archive, move to the trash and restore
 * within the undo period. Each needs the session level the message asks for ({@link MailboxAccess#reachable}),
 * checked before anything changes; no refused action records a notice's retrieval.
 */
public final class MessageActions {

    private final PostfachContext context;
    private final MailboxAccess access;
    private final Views views;
    private final Notices notices;

    MessageActions(PostfachContext context, MailboxAccess access, Views views, Notices notices) {
        this.context = context;
        this.access = access;
        this.views = views;
        this.notices = notices;
    }

    /** Read keeps the first time it was read. */
    public void markRead(Caller caller, Party owner, String messageId, boolean read) {
        StoredMessage row = access.reachable(caller, owner, messageId);
        Long readAt = read ? Long.valueOf(row.readAt() == null ? context.now() : row.readAt()) : null;
        context.store().markRead(context.realmId(), row.mailboxId(), row.id(), readAt);
    }

    public void archive(Caller caller, Party owner, String messageId) {
        StoredMessage row = access.reachable(caller, owner, messageId);
        if (Folders.TRASH.equals(row.folder())) {
            throw new PostfachException(409, "message_deleted", "restore the message first");
        }
        context.store().move(context.realmId(), row.mailboxId(), row.id(), Folders.ARCHIVE);
    }

    /** To the trash (again: unchanged), restorable until the undo period ends. */
    public Map<String, Object> delete(Caller caller, Party owner, String messageId) {
        StoredMessage row = access.reachable(caller, owner, messageId);
        if (!DeliveryRules.mayDelete(owner, !row.incoming())) {
            throw new PostfachException(403, "delete_not_allowed", "an authority cannot delete what it delivered");
        }
        boolean trashed = Folders.TRASH.equals(row.folder());
        if (!trashed && notices.unretrieved(row)) {
            // A notice nobody opened would vanish from view before its recipient ever saw it (and before it counts as
            // retrieved): open it first.
            throw new PostfachException(409, "notice_not_retrieved",
                    "an official notice can be deleted only after it was opened");
        }
        long deletedAt = trashed ? row.deletedAt() : context.now();
        if (!trashed) {
            context.store().trash(context.realmId(), row.mailboxId(), row.id(), deletedAt);
        }
        return Views.ordered("id", row.id(), "folder", "trash", "restorableUntil", views.restorableUntil(deletedAt));
    }

    public void restore(Caller caller, Party owner, String messageId) {
        StoredMessage row = access.reachable(caller, owner, messageId);
        if (!Folders.TRASH.equals(row.folder())) {
            return;
        }
        if (row.deletedAt() + context.settings().undoPeriod().toMillis() < context.now()) {
            throw new PostfachException(409, "undo_period_expired", "the message can no longer be restored");
        }
        context.store().restore(context.realmId(), row.mailboxId(), row.id());
    }
}
