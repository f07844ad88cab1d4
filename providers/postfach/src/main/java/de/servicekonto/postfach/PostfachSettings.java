package de.servicekonto.postfach;

import de.servicekonto.spi.BoundedSetting;
import java.time.Duration;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A realm's Postfach settings, read from realm attributes with defaults and bounds (an out-of-range value falls back
 * to the default rather than disabling a limit).
 *
 * @param maxAttachmentBytes    plaintext bytes per attachment (default 2 MiB, BundID's former 2 MB limit; at most
 *                              {@link #MAX_ATTACHMENT_BYTES_LIMIT}, what one request carries)
 * @param maxAttachments        attachments per message (default 5)
 * @param undoPeriod            how long a deleted message can be restored (default 30 days)
 * @param noticeRule            the rule for new official notices
 * @param countLimit            folder counts are exact up to this number; above it a folder reports the limit and
 *                              says so (default 1000), so counting never reads more than that many index entries
 */
public record PostfachSettings(long maxAttachmentBytes, int maxAttachments, Duration undoPeriod, NoticeRule noticeRule,
                               int countLimit) {

    public static final String MAX_ATTACHMENT_BYTES = "sk.postfach.maxAttachmentBytes";
    private static final Logger LOG = Logger.getLogger(PostfachSettings.class);
    /** The last clamped value logged: read runs for every request, the warning once per value. */
    private static volatile String clampedValue;
    public static final String MAX_ATTACHMENTS = "sk.postfach.maxAttachments";
    public static final String UNDO_SECONDS = "sk.postfach.undoSeconds";
    public static final String NOTICE_RULE = "sk.postfach.noticeRule";
    public static final String COUNT_LIMIT = "sk.postfach.countLimit";

    public static final long DEFAULT_MAX_ATTACHMENT_BYTES = 2L * 1024 * 1024;
    /**
     * The most an attachment may be: an upload is one request, and the HTTP server refuses a body above Quarkus's
     * 10 MiB ({@code quarkus.http.limits.max-body-size}, which Keycloak 26.7.3 leaves at its default). A larger setting
     * would promise senders what no upload can deliver, so it is clamped to this.
     */
    public static final long MAX_ATTACHMENT_BYTES_LIMIT = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_ATTACHMENTS = 5;
    public static final Duration DEFAULT_UNDO = Duration.ofDays(30);
    public static final int DEFAULT_COUNT_LIMIT = 1000;

    /** Subject length in characters. */
    public static final int MAX_SUBJECT = 255;
    /** Body length in characters. */
    public static final int MAX_BODY = 65_536;
    /** Attachment file name length in characters. */
    public static final int MAX_FILENAME = 255;

    /**
     * Uploads waiting in one mailbox to be sent: four messages' worth, so a sender cannot fill the database with
     * uploads never sent (they are removed after a day anyway).
     */
    public int maxStagedAttachments() {
        return Math.max(4 * maxAttachments, 4);
    }

    public static PostfachSettings defaults() {
        return new PostfachSettings(DEFAULT_MAX_ATTACHMENT_BYTES, DEFAULT_MAX_ATTACHMENTS, DEFAULT_UNDO, NoticeRule.DEFAULT,
                DEFAULT_COUNT_LIMIT);
    }

    /** From attribute values ({@code attribute -> value or null}). */
    public static PostfachSettings read(Function<String, String> attributes) {
        long bytes = attachmentBytes(attributes.apply(MAX_ATTACHMENT_BYTES));
        int count = BoundedSetting.of(attributes.apply(MAX_ATTACHMENTS), 0, 20, DEFAULT_MAX_ATTACHMENTS);
        long undo = BoundedSetting.of(attributes.apply(UNDO_SECONDS), 1, Duration.ofDays(365).toSeconds(),
                DEFAULT_UNDO.toSeconds());
        NoticeRule rule = NoticeRule.fromSetting(attributes.apply(NOTICE_RULE)).orElse(NoticeRule.DEFAULT);
        int countLimit = BoundedSetting.of(attributes.apply(COUNT_LIMIT), 1, 100_000, DEFAULT_COUNT_LIMIT);
        return new PostfachSettings(bytes, count, Duration.ofSeconds(undo), rule, countLimit);
    }

    /** The attachment limit: above what one request carries clamped to it (logged once per value), else as number. */
    private static long attachmentBytes(String value) {
        long bytes = BoundedSetting.of(value, 1, Long.MAX_VALUE, DEFAULT_MAX_ATTACHMENT_BYTES);
        if (bytes > MAX_ATTACHMENT_BYTES_LIMIT) {
            if (!value.equals(clampedValue)) {
                clampedValue = value;
                LOG.warnf("Realm attribute %s is %d bytes, more than one request may carry; the Postfach uses %d bytes"
                        + " (the HTTP server's body limit)", MAX_ATTACHMENT_BYTES, bytes, MAX_ATTACHMENT_BYTES_LIMIT);
            }
            return MAX_ATTACHMENT_BYTES_LIMIT;
        }
        return bytes;
    }
}
