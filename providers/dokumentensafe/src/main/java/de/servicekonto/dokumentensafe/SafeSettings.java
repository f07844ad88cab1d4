package de.servicekonto.dokumentensafe;

import de.servicekonto.spi.BoundedSetting;
import java.time.Duration;
import java.util.function.Function;

/**
 * A realm's limits for its safes, from realm attributes (an operator sets them with the admin API or the realm JSON):
 * <ul>
 *   <li>{@value #QUOTA}: bytes per safe, documents in the trash included (default 500 MB);</li>
 *   <li>{@value #MAX_FILE}: bytes per document (default 100 MB, never above the quota);</li>
 *   <li>{@value #UNDO_DAYS}: days a deleted document can be restored before it is purged (default 30).</li>
 * </ul>
 * A value that is not a positive number is ignored (the default applies), so a typo cannot lift a limit.
 *
 * @param partSize plaintext bytes per content segment: each part of an upload session, and each piece a single upload
 *                 is cut into ({@value #PART_SIZE} in the server; small in unit tests)
 */
public record SafeSettings(long quotaBytes, long maxFileBytes, Duration undoPeriod, int partSize) {

    public static final String QUOTA = "sk.dokumentensafe.quotaBytes";
    public static final String MAX_FILE = "sk.dokumentensafe.maxFileBytes";
    public static final String UNDO_DAYS = "sk.dokumentensafe.undoDays";

    public static final long DEFAULT_QUOTA = 500L * 1024 * 1024;
    public static final long DEFAULT_MAX_FILE = 100L * 1024 * 1024;
    public static final int DEFAULT_UNDO_DAYS = 30;

    /** Folders a safe may hold, and how deep they may nest (a folder at the top is at depth 1). */
    public static final int MAX_FOLDERS = 1000;
    public static final int MAX_DEPTH = 8;
    /** Documents a safe may hold (the name search decrypts at most this many names, see {@code Documents.search}). */
    public static final int MAX_DOCUMENTS = 10_000;

    /**
     * 8 MiB: below the HTTP server's 10 MiB request body limit (Quarkus's default, which the server keeps), so a part
     * always fits one request; and a bounded row size in the database.
     */
    public static final int PART_SIZE = 8 * 1024 * 1024;
    /** Parts of one session (8 GiB at the default part size, far above any per-file limit an operator sets). */
    public static final int MAX_PARTS = 1024;
    /** Open upload sessions per safe: each reserves quota until it completes, is aborted or expires. */
    public static final int MAX_OPEN_UPLOADS = 5;
    /** How long a session stays open from its start; then it is gone (404) and purged with its parts. */
    public static final Duration UPLOAD_LIFETIME = Duration.ofHours(24);

    public SafeSettings(long quotaBytes, long maxFileBytes, Duration undoPeriod) {
        this(quotaBytes, maxFileBytes, undoPeriod, PART_SIZE);
    }

    public static SafeSettings read(Function<String, String> attribute) {
        long quota = BoundedSetting.of(attribute.apply(QUOTA), 1L, Long.MAX_VALUE, DEFAULT_QUOTA);
        long maxFile = Math.min(quota, BoundedSetting.of(attribute.apply(MAX_FILE), 1L, Long.MAX_VALUE, DEFAULT_MAX_FILE));
        long days = BoundedSetting.of(attribute.apply(UNDO_DAYS), 1L, Long.MAX_VALUE, DEFAULT_UNDO_DAYS);
        return new SafeSettings(quota, maxFile, Duration.ofDays(Math.min(days, 3650)));
    }
}
