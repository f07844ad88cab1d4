package de.servicekonto.postfach;

import de.servicekonto.crypto.DataKey;
import de.servicekonto.postfach.spi.Notice;
import de.servicekonto.postfach.spi.NoticeEvent;
import de.servicekonto.postfach.spi.StoredMessage;
import de.servicekonto.trustlevel.TrustLevel;
import de.servicekonto.trustlevel.Vocabulary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON views of the Postfach API ({@code docs/api/postfach-api.yaml}): ordered maps the REST resource writes as
 * they are. Only here do stored records become what a client reads.
 */
public final class Views {

    private final MailboxCrypto crypto;
    private final Duration undoPeriod;

    Views(MailboxCrypto crypto, Duration undoPeriod) {
        this.crypto = crypto;
        this.undoPeriod = undoPeriod;
    }

    /**
     * A message as listed: who, when, read, level, and its subject when the caller's session reaches the message's
     * level and the owner's key exists. One altered row does not break a list: it is shown without content, marked.
     */
    Map<String, Object> summary(Caller caller, Party owner, StoredMessage row, Optional<DataKey> key) {
        boolean open = caller.reaches(row.minLoa()) && key.isPresent();
        String senderName = null;
        String subject = null;
        boolean intact = true;
        try {
            senderName = key.isPresent() && row.senderNameEnc() != null ? crypto.open(key.get(), row, owner, "senderName") : null;
            subject = open ? crypto.open(key.get(), row, owner, "subject") : null;
        } catch (PostfachException e) {
            // Opening it says why (409 content_integrity).
            intact = false;
            senderName = null;
            open = false;
        }
        TrustLevel level = TrustLevel.fromLoa(row.minLoa()).orElse(TrustLevel.NIEDRIG);
        Map<String, Object> view = ordered(
                "id", row.id(),
                "threadId", row.threadId(),
                "folder", Folders.apiName(row.folder()),
                "direction", row.incoming() ? "in" : "out",
                "sender", party(row.senderKind(), row.senderId()),
                "recipient", party(row.recipientKind(), row.recipientId()),
                "senderName", senderName,
                "createdAt", Instant.ofEpochMilli(row.createdAt()).toString(),
                "read", row.read(),
                "minimumTrustLevel", level.germanName(),
                "minimumAcr", level.identifier(Vocabulary.EIDAS),
                "notice", row.notice(),
                "attachmentCount", row.attachments(),
                "locked", !open);
        if (open) {
            view.put("subject", subject);
        }
        if (!intact) {
            view.put("contentIntegrity", "failed");
        }
        if (row.deletedAt() != null) {
            view.put("restorableUntil", restorableUntil(row.deletedAt()));
        }
        return view;
    }

    private static Map<String, Object> party(String kind, String id) {
        return ordered("kind", kind.toLowerCase(Locale.ROOT), "id", id);
    }

    String restorableUntil(long deletedAt) {
        return Instant.ofEpochMilli(deletedAt).plus(undoPeriod).toString();
    }

    /** The counts of one folder; a count above the limit reports the limit, marked as capped. */
    static Map<String, Object> folder(String folder, long total, long unread, int limit) {
        return ordered("folder", Folders.apiName(folder),
                "total", Math.min(total, limit), "totalCapped", total > limit,
                "unread", Math.min(unread, limit), "unreadCapped", unread > limit);
    }

    static Map<String, Object> page(List<Map<String, Object>> messages, String next, Integer scanned) {
        return ordered("messages", messages, "next", next, "scanned", scanned);
    }

    static Map<String, Object> attachment(String id, String filename, String mimeType, long size) {
        return ordered("id", id, "filename", filename, "mimeType", mimeType, "size", size);
    }

    /** A notice's evidence: the rule, provision, e-mail, first retrieval and the day it counts as notified. */
    static Map<String, Object> notice(Notice notice, List<NoticeEvent> events) {
        Long notified = null;
        Long retrieved = null;
        for (NoticeEvent event : events) {
            if (NoticeEvent.NOTIFIED.equals(event.type())) {
                notified = event.time();
            } else if (NoticeEvent.RETRIEVED.equals(event.type())) {
                retrieved = event.time();
            }
        }
        NoticeRule rule = NoticeRule.valueOf(notice.rule());
        Instant providedAt = Instant.ofEpochMilli(notice.providedAt());
        Optional<LocalDate> deemed = rule.deemedNotifiedOn(providedAt, retrieved == null ? null : Instant.ofEpochMilli(retrieved));
        return ordered("rule", rule.name(), "providedAt", providedAt.toString(),
                "notifiedAt", notified == null ? null : Instant.ofEpochMilli(notified).toString(),
                "firstRetrievedAt", retrieved == null ? null : Instant.ofEpochMilli(retrieved).toString(),
                "deemedNotifiedAt", deemed.map(LocalDate::toString).orElse(null));
    }

    /** A map in the order of its pairs (name, value, name, value, …); null values stay (JSON null). */
    public static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
