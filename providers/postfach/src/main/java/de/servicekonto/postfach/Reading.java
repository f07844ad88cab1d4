package de.servicekonto.postfach;

import de.servicekonto.crypto.DataKey;
import de.servicekonto.postfach.spi.Mailbox;
import de.servicekonto.postfach.spi.StoredAttachment;
import de.servicekonto.postfach.spi.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading a mailbox: folder counts, pages by cursor, the bounded search, threads, and opening a message (which
 * records a notice's retrieval). Costs are bounded whatever the mailbox holds: counts up to the realm's limit, a page
 * by keyset, a search by {@link SearchWindow}.
 */
public final class Reading {

    static final int MAX_THREAD = 200;

    private final PostfachContext context;
    private final MailboxAccess access;
    private final Views views;
    private final Notices notices;

    Reading(PostfachContext context, MailboxAccess access, Views views, Notices notices) {
        this.context = context;
        this.access = access;
        this.views = views;
        this.notices = notices;
    }

    /**
     * Total and unread messages per folder, each exact up to the realm's count limit; a folder with more reports the
     * limit with {@code totalCapped}/{@code unreadCapped} set, so the call costs the same with a million messages.
     */
    public List<Map<String, Object>> folders(Party owner) {
        String mailboxId = context.mailbox(owner).map(Mailbox::id).orElse(null);
        int limit = context.settings().countLimit();
        List<Map<String, Object>> out = new ArrayList<>();
        for (String folder : Folders.ALL) {
            long total = mailboxId == null ? 0 : context.store().countUpTo(context.realmId(), mailboxId, folder, false, limit + 1);
            long unread = total == 0 ? 0 : context.store().countUpTo(context.realmId(), mailboxId, folder, true, limit + 1);
            out.add(Views.folder(folder, total, unread, limit));
        }
        return out;
    }

    /** What a listing asks for: a folder, a page size, where to continue, and optional search and time bounds. */
    public record Query(String folder, int limit, PageCursor cursor, String text, String sender, long since, long until) {

        boolean searching() {
            return (text != null && !text.isEmpty()) || (sender != null && !sender.isEmpty());
        }
    }

    /** One page of a folder, newest first; with a search text or sender, a bounded scan (see {@link SearchWindow}). */
    public Map<String, Object> list(Caller caller, Party owner, Query query) {
        Optional<Mailbox> mailbox = context.mailbox(owner);
        List<Map<String, Object>> messages = new ArrayList<>();
        if (mailbox.isEmpty()) {
            return Views.ordered("messages", messages, "next", null);
        }
        Optional<DataKey> key = context.crypto().key(owner);
        boolean searching = query.searching();
        int limit = query.limit();
        long beforeTime = query.cursor() == null ? Long.MAX_VALUE : query.cursor().createdAt();
        String beforeId = query.cursor() == null ? "~" : query.cursor().messageId();
        if (query.until() < beforeTime) {
            // "~" sorts after every id: messages at exactly until are included.
            beforeTime = query.until();
            beforeId = "~";
        }
        boolean reachedSince = false;
        int scanned = 0;
        String next = null;
        while (messages.size() < limit) {
            int batch = searching ? SearchWindow.BATCH : limit + 1;
            List<StoredMessage> rows = context.store().page(context.realmId(), mailbox.get().id(), query.folder(),
                    beforeTime, beforeId, batch);
            for (StoredMessage row : rows) {
                if (row.createdAt() < query.since()) {
                    // Newest first: everything from here on is older than since too.
                    reachedSince = true;
                    break;
                }
                if (messages.size() == limit) {
                    // More exist: the next page starts after the last one returned.
                    next = new PageCursor(beforeTime, beforeId).encode();
                    break;
                }
                beforeTime = row.createdAt();
                beforeId = row.id();
                scanned++;
                Map<String, Object> summary = views.summary(caller, owner, row, key);
                if (!searching || (SearchWindow.matches((String) summary.get("subject"), query.text())
                        && SearchWindow.matches((String) summary.get("senderName"), query.sender()))) {
                    messages.add(summary);
                }
                if (searching && scanned >= SearchWindow.MAX_SCANNED) {
                    break;
                }
            }
            if (searching && scanned >= SearchWindow.MAX_SCANNED && next == null && !reachedSince) {
                next = new PageCursor(beforeTime, beforeId).encode();
                break;
            }
            if (next != null || reachedSince || rows.size() < batch) {
                break;
            }
            if (messages.size() == limit) {
                // Page full at the end of a full batch: there may be more; continue after the last one looked at.
                next = new PageCursor(beforeTime, beforeId).encode();
            }
        }
        return Views.page(messages, next, searching ? scanned : null);
    }

    /** The thread of a message in this mailbox, oldest first, without the trash (sender and date even if locked). */
    public List<Map<String, Object>> thread(Caller caller, Party owner, String messageId) {
        StoredMessage anchor = access.message(owner, messageId);
        Optional<DataKey> key = context.crypto().key(owner);
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredMessage row : context.store().thread(context.realmId(), anchor.mailboxId(), anchor.threadId(), MAX_THREAD)) {
            out.add(views.summary(caller, owner, row, key));
        }
        return out;
    }

    /** A message with its content, if the caller's session reaches its minimum level; records a notice's retrieval. */
    public Map<String, Object> open(Caller caller, Party owner, String messageId) {
        StoredMessage row = access.reachable(caller, owner, messageId);
        // No key: the mailbox was shredded meanwhile; as gone as a message that never was.
        DataKey key = context.crypto().key(owner).orElseThrow(PostfachException::notFound);
        Map<String, Object> view = views.summary(caller, owner, row, Optional.of(key));
        view.put("body", context.crypto().open(key, row, owner, "body"));
        List<Map<String, Object>> files = new ArrayList<>();
        for (StoredAttachment attachment : context.store().attachments(context.realmId(), row.id())) {
            files.add(Views.attachment(attachment.id(),
                    context.crypto().decryptFilename(key, attachment.filenameEnc(), owner, attachment.id()),
                    attachment.mimeType(), attachment.size()));
        }
        view.put("attachments", files);
        if (row.notice() && row.incoming()) {
            notices.retrieved(row);
            view.put("notice", notices.view(row));
        }
        return view;
    }
}
